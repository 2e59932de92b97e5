import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { choice, described, type Subcommand } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { isNsfwInteraction, toAttachment } from '../../src/discord/intake/files.js';
import { rehostFromInteraction } from '../../src/discord/intake/interaction.js';
import { linkAttachments } from '../../src/discord/intake/links.js';
import { UserError } from '../../src/errors.js';
import { VISIBILITIES } from '../../src/imgpile/schemas.js';
import { MAX_FILES_PER_REQUEST, type PostOptions } from '../../src/request.js';
import { say, type DefinitionName } from '../../src/text/index.js';

export const FILE_OPTIONS: DefinitionName[] = [
  'file',
  ...Array.from({ length: MAX_FILES_PER_REQUEST - 1 }, (_, i) => `file${i + 2}` as const),
];
const URL_OPTIONS = ['url', 'url2', 'url3', 'url4', 'url5'] as const;

function uploadOptions(sub: SlashCommandSubcommandBuilder) {
  for (const [i, name] of FILE_OPTIONS.entries()) {
    sub.addAttachmentOption((o) =>
      described(o, name, i === 0 ? 'def.upload.file' : 'def.upload.fileMore'),
    );
  }
  sub
    .addStringOption((o) => described(o, 'title', 'def.upload.title').setMaxLength(255))
    .addStringOption((o) =>
      described(o, 'description', 'def.upload.description').setMaxLength(2000),
    )
    .addStringOption((o) =>
      described(o, 'visibility', 'def.upload.visibility').addChoices(
        ...VISIBILITIES.map((v) => choice(v, `def.visibility.${v}`)),
      ),
    )
    .addBooleanOption((o) => described(o, 'nsfw', 'def.upload.nsfw'));
  // Added after the options earlier versions registered, which keep their places.
  for (const [i, name] of URL_OPTIONS.entries()) {
    sub.addStringOption((o) =>
      described(o, name, i === 0 ? 'def.upload.url' : 'def.upload.urlMore').setMaxLength(2000),
    );
  }
  return sub.addBooleanOption((o) => described(o, 'private', 'def.upload.private'));
}

/** The files and links given, in the order of the options, as one request's files. */
export function requestedFiles(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const files = FILE_OPTIONS.map((name) => interaction.options.getAttachment(name))
    .filter((a) => a !== null)
    .map(toAttachment);
  const links = URL_OPTIONS.map((name) => interaction.options.getString(name)?.trim()).filter(
    (u): u is string => !!u,
  );
  const given = new Set(files.map((f) => f.id));
  const asLinks = links.flatMap((link) => {
    try {
      return linkAttachments([link], ctx.config.attachmentHosts, given);
    } catch {
      throw new UserError(say('upload.notALink', { link: link.replace(/`/g, "'").slice(0, 80) }));
    }
  });
  const all = [...files, ...asLinks];
  if (all.length === 0) throw new UserError(say('upload.nothing'));
  if (all.length > MAX_FILES_PER_REQUEST)
    throw new UserError(say('upload.tooMany', { count: all.length, max: MAX_FILES_PER_REQUEST }));
  return all;
}

/**
 * One file gives its direct link (a title or description given goes on the file itself); two
 * or more files, or a visibility or NSFW choice, make one post holding them in the order given. A hidden or private post's reply, and any
 * reply asked with `private:true`, is the invoker's alone (ephemeral). Files posted in an
 * age-restricted channel (a thread follows its parent) or named as spoilers make an adult-only
 * post, as in watched channels and the menu.
 */
async function upload(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const title = interaction.options.getString('title') ?? undefined;
  const description = interaction.options.getString('description') ?? undefined;
  const visibility = (interaction.options.getString('visibility') ??
    undefined) as PostOptions['visibility'];
  const privateReply =
    interaction.options.getBoolean('private') === true ||
    visibility === 'hidden' ||
    visibility === 'private';
  const attachments = requestedFiles(interaction, ctx);
  await interaction.deferReply(privateReply ? { flags: MessageFlags.Ephemeral } : {});
  const asked = interaction.options.getBoolean('nsfw') ?? undefined;
  const nsfw = asked === true || (await isNsfwInteraction(interaction, attachments)) ? true : asked;
  const wantsPost = attachments.length >= 2 || visibility !== undefined || nsfw !== undefined;
  if (wantsPost) {
    await rehostFromInteraction(interaction, ctx, attachments, {
      title,
      description,
      visibility,
      nsfw,
    });
    return;
  }
  const fileText = title !== undefined || description !== undefined;
  await rehostFromInteraction(
    interaction,
    ctx,
    attachments,
    null,
    fileText ? { title, description } : undefined,
  );
}

export const uploadSubcommand: Subcommand = {
  name: 'upload',
  description: 'def.upload',
  options: uploadOptions,
  run: upload,
};
