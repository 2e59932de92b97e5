import {
  InteractionContextType,
  MessageFlags,
  type Attachment as DiscordAttachment,
  type CommandInteraction,
} from 'discord.js';
import { looksLikeMedia } from '../rehost/media-type.js';
import { MAX_FILES_PER_REQUEST, type Attachment, type PostOptions } from '../request.js';
import { ageRestrictedHere, isAgeRestricted } from './core/channels.js';
import type { BotContext } from './core/context.js';
import { NO_MENTIONS, formatQueued, formatRefusedOnly } from './views/format.js';

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
 * The same for an interaction's files: its channel may be one discord.js does not cache (a
 * server the bot is not in); when nothing says whether it is age-restricted, the files count as
 * adult content (flagged, spoilered: the safe side).
 */
export async function isNsfwInteraction(
  interaction: { id: string; channel: unknown; guildId: string | null },
  attachments: Attachment[],
): Promise<boolean> {
  return attachments.some((a) => a.spoiler) || (await ageRestrictedHere(interaction, true));
}

const NO_FALLBACK_NOTE =
  '\n-# Discord lets the bot update this reply for 15 minutes only: if it takes longer, find the result with `/imgpile mine`.';

/**
 * Whether the bot can post in the interaction's channel itself (for the result of work that
 * outlives the interaction's 15 minutes): in a server it is in, or in its own DM with the user;
 * not in other DMs and group DMs, nor in servers where only a user installed the app.
 */
function hasChannel(interaction: CommandInteraction): boolean {
  return interaction.inCachedGuild() || interaction.context === InteractionContextType.BotDM;
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
  const fallback = hasChannel(interaction);
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
      fallback,
    },
    interactionToken: interaction.token,
    post,
  });
  // The same interaction delivered twice: the first delivery owns the reply.
  if (queued.duplicate) return;
  const content =
    queued.accepted.length === 0
      ? formatRefusedOnly(queued.refused)
      : `${formatQueued(queued.accepted.length, queued.refused)}${fallback ? '' : NO_FALLBACK_NOTE}`;
  // Queued late (Redis stalled): the worker may have answered already; its answer stays.
  if (!queued.late) await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
  // Said once, to the sender alone: their own imgpile account broke (files went to the bot's).
  if (queued.notice)
    await interaction.followUp({
      content: queued.notice,
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
}
