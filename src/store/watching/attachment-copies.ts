import type { Redis } from '../../redis.js';
import { dayBuckets } from '../days.js';

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

/**
 * The copy of each Discord attachment the bot rehosted, by the channel and attachment ids of its
 * link (never by the attachment id alone: a link to another channel finds nothing). Kept as long
 * as upload records are, as a field of one hash per day (a key each cost 264 bytes a file).
 */
export function createAttachmentCopies(redis: Redis, prefix: string, retentionDays: number) {
  const days = dayBuckets(redis, `${prefix}:att-copy`, Math.max(1, retentionDays));
  const field = (channelId: string, attachmentId: string) => `${channelId}:${attachmentId}`;
  return {
    /** Notes the copy of the attachment `link` names (a link that names none is passed over). */
    async note(link: string, copy: AttachmentCopy): Promise<void> {
      const named = attachmentOfLink(link);
      if (!named) return;
      const tx = redis.multi();
      days.write(tx, field(named.channelId, named.attachmentId), JSON.stringify(copy));
      await tx.exec();
    },
    async find(channelId: string, attachmentId: string): Promise<AttachmentCopy | null> {
      const raw = await days.read(field(channelId, attachmentId));
      if (!raw) return null;
      try {
        return JSON.parse(raw) as AttachmentCopy;
      } catch {
        return null;
      }
    },
  };
}
