import { createHash } from 'node:crypto';
import type { Redis } from '../redis.js';
import { dayBuckets } from './days.js';
import { longId, shortId, type OwnerRecord, type Ownership } from './ownership.js';

/** What a finished upload produced; keyed by Discord attachment id so it is never redone. */
export type UploadRecord = {
  mediaId: number | null;
  slug: string;
  url: string;
  type: string | null;
  /** The request that uploaded it (a tag of it, once read back): see `uploadedBy`. */
  requestId: string;
  /**
   * Where `/imgpile find` finds it: the channel of the Discord attachment it was made of, and
   * whether it went into a post (shown to its requester only). Absent: find never shows it (a
   * member's own account, a link to another site, or a record 0.2.0 wrote).
   */
  found?: { channelId: string; inPost: boolean };
};

/**
 * One short line (kept for the whole retention period): the media id, slug, type and URL, a
 * hash of the request that uploaded it (enough to recognise the request's own work) and, for
 * `/imgpile find`, `f` (a file of its own) or `p` (in a post) and its channel id in base 36.
 */
const requestTag = (requestId: string) =>
  createHash('sha256').update(requestId).digest('base64url').slice(0, 8);

const encode = (u: UploadRecord) =>
  [
    u.mediaId ?? '-',
    u.slug,
    u.type ?? '-',
    requestTag(u.requestId),
    u.url,
    ...(u.found ? [`${u.found.inPost ? 'p' : 'f'}${shortId(u.found.channelId)}`] : []),
  ].join(' ');

function decode(raw: string | null): UploadRecord | null {
  if (raw === null) return null;
  // 0.2.0 wrote the first five alone: what find needs was noted apart (attachment-copies.ts).
  const [id = '-', slug = '', type = '-', tag = '', url = '', where = ''] = raw.split(' ');
  const kind = where.charAt(0);
  return {
    mediaId: id === '-' ? null : Number(id),
    slug,
    url,
    type: type === '-' ? null : type,
    requestId: tag,
    ...(kind === 'f' || kind === 'p'
      ? { found: { channelId: longId(where.slice(1)), inPost: kind === 'p' } }
      : {}),
  };
}

/** Whether `record` was uploaded by the request `requestId` (a re-run finds its own work). */
export const uploadedBy = (record: UploadRecord, requestId: string) =>
  record.requestId === requestTag(requestId);

export type Uploads = ReturnType<typeof createUploads>;

/**
 * Finished uploads by attachment id (idempotency: an attachment is uploaded once while the
 * record is kept) and the short per-attachment upload locks.
 */
export function createUploads(
  redis: Redis,
  prefix: string,
  ownership: Ownership,
  retentionDays: number,
) {
  const uploads = dayBuckets(redis, `${prefix}:uploads`, retentionDays);
  /** The field leading from a slug to its upload record (`~` is in no attachment id). */
  const bySlug = (slug: string) => `~${slug}`;
  const lockKey = (attachmentId: string) => `${prefix}:lock:attachment:${attachmentId}`;
  return {
    getUpload: async (attachmentId: string) => decode(await uploads.read(attachmentId)),
    /**
     * Records a finished upload and who asked for it, in one transaction. `owner` null: made
     * with a user's own imgpile account, which imgpile itself says who owns.
     */
    async recordUpload(attachmentId: string, upload: UploadRecord, owner: OwnerRecord | null) {
      const tx = uploads.write(redis.multi(), attachmentId, encode(upload));
      if (owner) ownership.recordMediaOwner(tx, upload.slug, owner, upload.url);
      // No owner record to find it by: the slug leads back to the record (see forgetMedia).
      else uploads.write(tx, bySlug(upload.slug), attachmentId);
      await tx.exec();
    },
    /**
     * Forgets a media deleted from imgpile, so the attachment could be rehosted again: its
     * record by `attachmentId` (the bot's owner records hold it), or else by its slug (a
     * member's own account).
     */
    async forgetMedia(slug: string, attachmentId?: string) {
      const field = attachmentId ?? (await uploads.read(bySlug(slug)));
      const tx = redis.multi();
      if (field) uploads.remove(tx, field);
      uploads.remove(tx, bySlug(slug));
      await ownership.forgetMedia(slug, tx);
    },
    /**
     * Takes the attachment's upload lock for `holder` (a job id). The same holder may take it
     * again (a retry of the same job after a crash); anyone else waits for it to expire.
     */
    async lockAttachment(attachmentId: string, holder: string, ttlMs: number): Promise<boolean> {
      const k = lockKey(attachmentId);
      if ((await redis.set(k, holder, 'PX', ttlMs, 'NX')) === 'OK') return true;
      if ((await redis.get(k)) === holder) {
        await redis.pexpire(k, ttlMs);
        return true;
      }
      return false;
    },
    /** Extends the lock while `holder` still has it; false when it is no longer theirs. */
    async renewAttachmentLock(attachmentId: string, holder: string, ttlMs: number) {
      const renewed = await redis.eval(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0",
        1,
        lockKey(attachmentId),
        holder,
        ttlMs,
      );
      return renewed === 1;
    },
    async unlockAttachment(attachmentId: string, holder: string) {
      await redis.eval(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
        1,
        lockKey(attachmentId),
        holder,
      );
    },
  };
}
