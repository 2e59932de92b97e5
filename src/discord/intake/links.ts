import { createHash } from 'node:crypto';
import type { Message } from 'discord.js';
import { isAllowedHost } from '../../rehost/download.js';
import { findMediaLinks, spoileredLinks } from '../../rehost/url.js';
import { MAX_FILES_PER_REQUEST, type Attachment } from '../../request.js';

/** A readable file name from a link's path (its last segment), or "link". */
function filenameOf(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = last;
  }
  // Control characters and path separators have no place in a file name.
  const clean = [...name]
    .filter((c) => c.charCodeAt(0) > 0x1f && c !== '\u007f' && c !== '/' && c !== '\\')
    .join('')
    .slice(0, 200);
  return clean || 'link';
}

/** The attachment id in a Discord CDN link's path, if it is one. */
const attachmentIdOf = (url: URL) => /^\/attachments\/\d+\/(\d{15,25})\//.exec(url.pathname)?.[1];

/**
 * Links as files to rehost. A Discord CDN link keeps the attachment path (the refresh of an
 * expired link); any other link is a `url` source. Either is known by a hash of what it names:
 * a Discord link by its whole path (channel, attachment, name), never by the attachment id
 * alone, which would hand anyone who knows an id the rehost the bot made of that attachment.
 * `except`: attachment ids already in the request (a message's own files, linked again).
 */
export function linkAttachments(
  links: string[],
  attachmentHosts: string[],
  except: ReadonlySet<string> = new Set(),
): Attachment[] {
  return links.flatMap((link): Attachment[] => {
    const url = new URL(link);
    const discordId = attachmentIdOf(url);
    if (discordId && isAllowedHost(link, attachmentHosts)) {
      if (except.has(discordId)) return [];
      const path = createHash('sha256').update(`discord:${url.pathname}`).digest('hex');
      return [
        {
          id: `u${path.slice(0, 24)}`,
          url: link,
          filename: filenameOf(url),
          size: 0,
          source: 'discord-link',
        },
      ];
    }
    const id = `u${createHash('sha256').update(url.href).digest('hex').slice(0, 24)}`;
    return [{ id, url: url.href, filename: filenameOf(url), size: 0, source: 'url' }];
  });
}

/** The media links of a message's text and embeds, as files (at most `room`). */
export function messageLinks(
  message: Pick<Message, 'content' | 'embeds'>,
  attachmentHosts: string[],
  room: number,
  except: ReadonlySet<string> = new Set(),
): Attachment[] {
  if (room <= 0) return [];
  const links = findMediaLinks(
    message.content,
    message.embeds.map((e) => e.data),
    Math.min(room, MAX_FILES_PER_REQUEST),
  );
  const spoilered = spoileredLinks(
    message.content,
    message.embeds.map((e) => e.data),
  );
  return linkAttachments(links, attachmentHosts, except).map((a) =>
    spoilered.has(new URL(a.url).href) ? { ...a, spoiler: true } : a,
  );
}
