import type { Attachment as DiscordAttachment, CommandInteraction } from 'discord.js';
import type { Attachment, PostOptions } from '../queue/jobs.js';
import type { BotContext } from './context.js';
import { formatQueued, formatRefusedOnly } from './format.js';
import { NO_MENTIONS } from './replies.js';

/** Discord interaction tokens last 15 minutes. */
export const INTERACTION_TTL_MS = 15 * 60_000;

export function toAttachment(a: DiscordAttachment): Attachment {
  return {
    id: a.id,
    url: a.url,
    filename: a.name,
    size: a.size,
    contentType: a.contentType,
    spoiler: a.spoiler,
  };
}

/** Image or video, by declared type or, when Discord gave none, by name. */
export function looksLikeMedia(a: DiscordAttachment): boolean {
  const type = a.contentType?.split(';')[0]?.trim().toLowerCase();
  if (type) return type.startsWith('image/') || type.startsWith('video/');
  return /\.(png|jpe?g|gif|webp|avif|heic|bmp|tiff?|mp4|mov|webm|mkv|avi|m4v)$/i.test(a.name);
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
