import type { Attachment as DiscordAttachment, Message } from 'discord.js';
import { looksLikeMedia } from '../../rehost/media-type.js';
import { MAX_FILES_PER_REQUEST, type Attachment } from '../../request.js';
import { ageRestrictedHere, isAgeRestricted } from '../core/channels.js';
import type { BotContext } from '../core/context.js';
import { messageLinks } from './links.js';

/**
 * What a message or an interaction brings to rehost, as a request's files: its attachments, the
 * media links in its text and embeds, and whether they are adult content.
 */

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
  interaction: Parameters<typeof ageRestrictedHere>[0],
  attachments: Attachment[],
): Promise<boolean> {
  return attachments.some((a) => a.spoiler) || (await ageRestrictedHere(interaction, true));
}

/** A message's images and videos: its attachments, then the media links in its text and embeds. */
export function filesOf(ctx: BotContext, message: Message, mediaOnly = true) {
  const files = attachmentsOf(message.attachments.values(), { mediaOnly });
  if (!ctx.config.urls.enabled) return files;
  const room = MAX_FILES_PER_REQUEST - files.length;
  // A link to one of the message's own files is that file, not a second one.
  const own = new Set(files.map((f) => f.id));
  return [...files, ...messageLinks(message, ctx.config.attachmentHosts, room, own)];
}
