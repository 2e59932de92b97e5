import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { isNsfwInteraction, toAttachment } from '../../src/discord/intake/files.js';
import { rehostFromInteraction } from '../../src/discord/intake/interaction.js';
import { linkAttachments } from '../../src/discord/intake/links.js';
import { UserError } from '../../src/errors.js';
import { VISIBILITIES } from '../../src/imgpile/schemas.js';
import { MAX_FILES_PER_REQUEST, type PostOptions } from '../../src/request.js';

const FILE_OPTIONS = [
  'file',
  ...Array.from({ length: MAX_FILES_PER_REQUEST - 1 }, (_, i) => `file${i + 2}`),
];
const URL_OPTIONS = ['url', 'url2', 'url3', 'url4', 'url5'];

export function uploadSubcommand(sub: SlashCommandSubcommandBuilder) {
  sub
    .setName('upload')
    .setDescription('Rehost up to 10 images or videos (files or links) on imgpile');
  for (const [i, name] of FILE_OPTIONS.entries()) {
    sub.addAttachmentOption((o) =>
      o
        .setName(name)
        .setDescription(i === 0 ? 'The image or video to rehost' : 'Another image or video'),
    );
  }
  sub
    .addStringOption((o) => o.setName('title').setDescription('Post title').setMaxLength(255))
    .addStringOption((o) =>
      o.setName('description').setDescription('Post description').setMaxLength(2000),
    )
    .addStringOption((o) =>
      o
        .setName('visibility')
        .setDescription('Who can see the post')
        .addChoices(...VISIBILITIES.map((v) => ({ name: v, value: v }))),
    )
    .addBooleanOption((o) => o.setName('nsfw').setDescription('Mark the post as adult content'));
  // Added after the options earlier versions registered, which keep their places.
  for (const [i, name] of URL_OPTIONS.entries()) {
    sub.addStringOption((o) =>
      o
        .setName(name)
        .setDescription(i === 0 ? 'A link to an image or video to rehost' : 'Another link')
        .setMaxLength(2000),
    );
  }
  return sub.addBooleanOption((o) =>
    o
      .setName('private')
      .setDescription(
        'Reply to you alone; on imgpile the files stay public unless visibility says',
      ),
  );
}

/** The files and links given, in the order of the options, as one request's files. */
function requestedFiles(interaction: ChatInputCommandInteraction, ctx: BotContext) {
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
      throw new UserError(`That is not a link: \`${link.replace(/`/g, "'").slice(0, 80)}\`.`);
    }
  });
  const all = [...files, ...asLinks];
  if (all.length === 0) throw new UserError('Give a file or a link to rehost.');
  if (all.length > MAX_FILES_PER_REQUEST)
    throw new UserError(
      `That is ${all.length} files and links: at most ${MAX_FILES_PER_REQUEST} at once.`,
    );
  return all;
}

/**
 * One file without metadata gives its direct link; two or more files, or any post option,
 * make one post holding them in the order given. A hidden or private post's reply, and any
 * reply asked with `private:true`, is the invoker's alone (ephemeral). Files posted in an
 * age-restricted channel (a thread follows its parent) or named as spoilers make an adult-only
 * post, as in watched channels and the menu.
 */
export async function upload(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
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
  const wantsPost =
    attachments.length >= 2 ||
    title !== undefined ||
    description !== undefined ||
    visibility !== undefined ||
    nsfw !== undefined;
  await rehostFromInteraction(
    interaction,
    ctx,
    attachments,
    wantsPost ? { title, description, visibility, nsfw } : null,
  );
}
