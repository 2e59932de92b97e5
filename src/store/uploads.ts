import type { Redis } from '../redis.js';
import type { OwnerRecord, Ownership } from './ownership.js';

/** What a finished upload produced; keyed by Discord attachment id so it is never redone. */
export type UploadRecord = {
  mediaId: number | null;
  slug: string;
  url: string;
  type: string | null;
  /** The request that uploaded it: a re-run of that request finds its own work. */
  requestId: string;
};

/** Short field names: this record is kept for the whole retention period. */
const encode = (u: UploadRecord) =>
  JSON.stringify({ i: u.mediaId, s: u.slug, u: u.url, t: u.type, r: u.requestId });

function decode(raw: string | null): UploadRecord | null {
  if (raw === null) return null;
  const o = JSON.parse(raw) as Record<string, unknown>;
  return {
    mediaId: typeof o.i === 'number' ? o.i : null,
    slug: String(o.s),
    url: String(o.u),
    type: typeof o.t === 'string' ? o.t : null,
    requestId: typeof o.r === 'string' ? o.r : '',
  };
}

export type Uploads = ReturnType<typeof createUploads>;

/**
 * Finished uploads by attachment id (idempotency: an attachment is uploaded once while the
 * record is kept) and the short per-attachment upload locks.
 */
export function createUploads(
  redis: Redis,
  prefix: string,
  ownership: Ownership,
  retentionS: number,
) {
  const key = {
    upload: (attachmentId: string) => `${prefix}:upload:${attachmentId}`,
    lock: (attachmentId: string) => `${prefix}:lock:attachment:${attachmentId}`,
  };
  return {
    getUpload: async (attachmentId: string) => decode(await redis.get(key.upload(attachmentId))),
    /** Records a finished upload and who asked for it, in one transaction. */
    async recordUpload(attachmentId: string, upload: UploadRecord, owner: OwnerRecord) {
      const tx = redis.multi().set(key.upload(attachmentId), encode(upload), 'EX', retentionS);
      await ownership.recordMediaOwner(tx, upload.slug, owner).exec();
    },
    /** Forgets a media deleted from imgpile, so the attachment could be rehosted again. */
    async forgetMedia(slug: string, attachmentId?: string) {
      const tx = ownership.forgetMediaOwner(redis.multi(), slug);
      if (attachmentId) tx.del(key.upload(attachmentId));
      await tx.exec();
    },
    /**
     * Takes the attachment's upload lock for `holder` (a job id). The same holder may take it
     * again (a retry of the same job after a crash); anyone else waits for it to expire.
     */
    async lockAttachment(attachmentId: string, holder: string, ttlMs: number): Promise<boolean> {
      const k = key.lock(attachmentId);
      if ((await redis.set(k, holder, 'PX', ttlMs, 'NX')) === 'OK') return true;
      if ((await redis.get(k)) === holder) {
        await redis.pexpire(k, ttlMs);
        return true;
      }
      return false;
    },
    async unlockAttachment(attachmentId: string, holder: string) {
      await redis.eval(
        "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
        1,
        key.lock(attachmentId),
        holder,
      );
    },
  };
}
