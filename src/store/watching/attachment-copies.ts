import type { Redis } from '../../redis.js';
import { dayBuckets } from '../days.js';
import type { Ownership } from '../ownership.js';
import type { Uploads } from '../uploads.js';

/** The copy the bot made of one Discord attachment, as `/imgpile find` may show it. */
export type AttachmentCopy = {
  slug: string;
  url: string;
  /**
   * It went into a post (which may be hidden or private: only its requester is shown it); else
   * it is a file of its own, public on imgpile.
   */
  inPost: boolean;
  /** Who asked for it: the only one shown a copy in a post. */
  userId: string;
  guildId: string | null;
};

/** `/attachments/<channel>/<attachment>/<name>` on Discord's CDN. */
const ATTACHMENT_PATH = /^\/attachments\/(\d{15,25})\/(\d{15,25})\//;

/** The channel and attachment a Discord attachment link names, whatever its query says. */
export function attachmentOfLink(link: string): { channelId: string; attachmentId: string } | null {
  try {
    const m = ATTACHMENT_PATH.exec(new URL(link).pathname);
    return m ? { channelId: m[1]!, attachmentId: m[2]! } : null;
  } catch {
    return null;
  }
}

export type AttachmentCopies = ReturnType<typeof createAttachmentCopies>;

/** A note 0.2.0 wrote: the copy itself, as JSON (read until the retention forgets it). */
function readOldNote(raw: string): AttachmentCopy | null {
  try {
    return JSON.parse(raw) as AttachmentCopy;
  } catch {
    return null;
  }
}

/**
 * The copy of each Discord attachment the bot rehosted, by the channel and attachment ids of its
 * link (never by the attachment id alone: a link to another channel finds nothing). Read from
 * the records the upload keeps anyway: its upload record (slug, URL, channel, in a post or not)
 * and its owner record (the requester), so nothing is kept twice. Only a Discord attachment
 * posted as a link, whose upload record is keyed by its link, leaves a note here leading to
 * it: a field of one hash per day, kept as long as upload records are.
 */
export function createAttachmentCopies(
  redis: Redis,
  prefix: string,
  retentionDays: number,
  records: { uploads: Uploads; ownership: Ownership },
) {
  const notes = dayBuckets(redis, `${prefix}:att-copy`, Math.max(1, retentionDays));
  const field = (channelId: string, attachmentId: string) => `${channelId}:${attachmentId}`;
  /** The copy `uploadId`'s record holds, if it was made of an attachment in `channelId`. */
  async function fromRecords(uploadId: string, channelId: string): Promise<AttachmentCopy | null> {
    const upload = await records.uploads.getUpload(uploadId);
    if (!upload?.found || upload.found.channelId !== channelId) return null;
    const owner = await records.ownership.getMediaOwner(upload.slug);
    if (!owner) return null;
    const { slug, url } = upload;
    return { slug, url, inPost: upload.found.inPost, userId: owner.userId, guildId: owner.guildId };
  }
  return {
    /**
     * Notes where the copy of the attachment `link` names is found, when its upload record is
     * keyed otherwise (`uploadId`: a Discord attachment posted as a link). Any other link is
     * passed over: its record is found by the attachment id itself.
     */
    async note(link: string, uploadId: string): Promise<void> {
      const named = attachmentOfLink(link);
      if (!named || named.attachmentId === uploadId) return;
      const tx = redis.multi();
      notes.write(tx, field(named.channelId, named.attachmentId), uploadId);
      await tx.exec();
    },
    async find(channelId: string, attachmentId: string): Promise<AttachmentCopy | null> {
      const direct = await fromRecords(attachmentId, channelId);
      if (direct) return direct;
      const raw = await notes.read(field(channelId, attachmentId));
      if (!raw) return null;
      return raw.startsWith('{') ? readOldNote(raw) : fromRecords(raw, channelId);
    },
  };
}
