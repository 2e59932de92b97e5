import {
  MessageReferenceType,
  type Attachment as DiscordAttachment,
  type Message,
} from 'discord.js';
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

/**
 * The messages a forward carries (`message_reference.type` FORWARD): their snapshots, whose
 * files are the forward's own. Any other message carries none.
 */
export function forwardedOf(
  message: Message,
): Pick<Message, 'attachments' | 'content' | 'embeds'>[] {
  if (message.reference?.type !== MessageReferenceType.Forward) return [];
  return [...(message.messageSnapshots?.values() ?? [])];
}

/**
 * A message's images and videos: its attachments and a forward's, then the media links in
 * their text and embeds.
 */
export function filesOf(ctx: BotContext, message: Message, mediaOnly = true) {
  type Part = { message: Pick<Message, 'attachments' | 'content' | 'embeds'>; forwarded: boolean };
  const parts: Part[] = [{ message, forwarded: false }];
  for (const snapshot of forwardedOf(message)) parts.push({ message: snapshot, forwarded: true });
  const mark = (a: Attachment, forwarded: boolean) => (forwarded ? { ...a, forwarded } : a);
  const files = parts
    .flatMap((p) =>
      attachmentsOf(p.message.attachments.values(), { mediaOnly }).map((a) => mark(a, p.forwarded)),
    )
    .slice(0, MAX_FILES_PER_REQUEST);
  if (!ctx.config.urls.enabled) return files;
  // A link to one of the message's own files is that file, not a second one.
  const seen = new Set(files.map((f) => f.id));
  for (const part of parts) {
    const room = MAX_FILES_PER_REQUEST - files.length;
    for (const link of messageLinks(part.message, ctx.config.attachmentHosts, room, seen)) {
      if (seen.has(link.id)) continue;
      seen.add(link.id);
      files.push(mark(link, part.forwarded));
    }
  }
  return files;
}

/**
 * Whether a forward's original was posted where adult content is: its channel when the bot can
 * tell (cached, or read in the forward's own server); a channel it cannot read counts as
 * age-restricted (flagged, spoilered: the safe side). A forward from a DM is not.
 */
export async function isForwardedAdult(message: Message): Promise<boolean> {
  const reference = message.reference;
  if (!reference || forwardedOf(message).length === 0) return false;
  if (!reference.guildId) return false;
  if (reference.guildId !== message.guildId) return true;
  const channels = message.client.channels;
  const channel =
    channels.cache.get(reference.channelId) ??
    (await channels.fetch(reference.channelId, { cache: false }).catch(() => null));
  return channel ? isAgeRestricted(channel) : true;
}

/** A watched message's files are adult content: by their channel, spoilers, or a forward's origin. */
export async function isNsfwMessage(message: Message, attachments: Attachment[]) {
  return (await isNsfwRequest(message.channel, attachments)) || (await isForwardedAdult(message));
}
