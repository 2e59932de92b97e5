import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/context.js';
import { isNsfwRequest, rehostFromInteraction, toAttachment } from '../../src/discord/rehost.js';
import { VISIBILITIES } from '../../src/imgpile/schemas.js';
import { MAX_FILES_PER_REQUEST, type PostOptions } from '../../src/queue/jobs.js';

const FILE_OPTIONS = [
  'file',
  ...Array.from({ length: MAX_FILES_PER_REQUEST - 1 }, (_, i) => `file${i + 2}`),
];

export function uploadSubcommand(sub: SlashCommandSubcommandBuilder) {
  sub.setName('upload').setDescription('Rehost up to 10 images or videos on imgpile');
  for (const [i, name] of FILE_OPTIONS.entries()) {
    sub.addAttachmentOption((o) =>
      o
        .setName(name)
        .setDescription(i === 0 ? 'The image or video to rehost' : 'Another image or video')
        .setRequired(i === 0),
    );
  }
  return sub
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
}

/**
 * One file without metadata gives its direct link; two or more files, or any post option,
 * make one post holding them in the order given. A hidden or private post's reply is the
 * invoker's alone (ephemeral). Files posted in an age-restricted channel (a thread follows its
 * parent) or named as spoilers make an adult-only post, as in watched channels and the menu.
 */
export async function upload(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const title = interaction.options.getString('title') ?? undefined;
  const description = interaction.options.getString('description') ?? undefined;
  const visibility = (interaction.options.getString('visibility') ??
    undefined) as PostOptions['visibility'];
  const privateReply = visibility === 'hidden' || visibility === 'private';
  await interaction.deferReply(privateReply ? { flags: MessageFlags.Ephemeral } : {});
  const files = FILE_OPTIONS.map((name) => interaction.options.getAttachment(name)).filter(
    (a) => a !== null,
  );
  const attachments = files.map(toAttachment);
  const asked = interaction.options.getBoolean('nsfw') ?? undefined;
  const nsfw =
    asked === true || (await isNsfwRequest(interaction.channel, attachments)) ? true : asked;
  const wantsPost =
    files.length >= 2 ||
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
