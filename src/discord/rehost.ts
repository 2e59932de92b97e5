import type { Attachment as DiscordAttachment, CommandInteraction } from 'discord.js';
import { MAX_FILES_PER_REQUEST, type Attachment, type PostOptions } from '../queue/jobs.js';
import { looksLikeMedia } from '../rehost/media-type.js';
import { isAgeRestricted } from './channels.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS, formatQueued, formatRefusedOnly } from './format.js';

/** Discord interaction tokens last 15 minutes. */
const INTERACTION_TTL_MS = 15 * 60_000;

export function toAttachment(a: DiscordAttachment): Attachment {
  return {
    id: a.id,
    url: a.url,
    filename: a.name,
    size: a.size,
    contentType: a.contentType,
    // Discord flags spoilers (IS_SPOILER), and clients mark them by a SPOILER_ name: either.
    spoiler: a.spoiler || a.name.startsWith('SPOILER_'),
  };
}

/** A message's attachments, as many as one request takes; `mediaOnly` skips other files. */
export function attachmentsOf(
  attachments: Iterable<DiscordAttachment>,
  options: { mediaOnly: boolean },
): Attachment[] {
  const files = [...attachments].filter((a) => !options.mediaOnly || looksLikeMedia(a));
  return files.slice(0, MAX_FILES_PER_REQUEST).map(toAttachment);
}

/**
 * Files posted in an age-restricted channel, and spoilers, are adult content. imgpile flags
 * NSFW on posts only, so such files always go into a post, flagged.
 */
export async function isNsfwRequest(channel: unknown, attachments: Attachment[]): Promise<boolean> {
  return attachments.some((a) => a.spoiler) || (await isAgeRestricted(channel));
}

/**
 * The common path of `/imgpile upload` and the context menu, after the interaction was
 * deferred: queue the files and say what was accepted and refused. The worker edits the same
 * reply with progress and the links.
 */
export async function rehostFromInteraction(
  interaction: CommandInteraction,
  ctx: BotContext,
  attachments: Attachment[],
  post: PostOptions | null,
): Promise<void> {
  // A reply deferred ephemerally stays so: its links are for the invoker alone.
  const ephemeral = interaction.ephemeral === true;
  const queued = await ctx.producer.enqueueRehost({
    requestId: interaction.id,
    attachments,
    requester: {
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
    },
    replyTarget: {
      type: 'interaction',
      applicationId: interaction.applicationId,
      interactionId: interaction.id,
      expiresAt: interaction.createdTimestamp + INTERACTION_TTL_MS,
      ...(ephemeral ? { ephemeral } : {}),
    },
    interactionToken: interaction.token,
    post,
  });
  // The same interaction delivered twice: the first delivery owns the reply.
  if (queued.duplicate) return;
  const content =
    queued.accepted.length === 0
      ? formatRefusedOnly(queued.refused)
      : formatQueued(queued.accepted.length, queued.refused);
  await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
}
