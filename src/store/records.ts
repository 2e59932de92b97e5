import type { Redis } from '../redis.js';

/** Who asked for an imgpile media or post through the bot: the basis of ownership checks. */
export type OwnerRecord = {
  userId: string;
  /** For media: the Discord attachment it came from. */
  attachmentId?: string;
  guildId: string | null;
  channelId: string;
  requestId: string;
  createdAt: string;
};

/** What a finished upload produced; keyed by Discord attachment id so it is never redone. */
export type UploadRecord = {
  mediaId: number | null;
  slug: string;
  url: string;
  type: string | null;
};

export type RequestPostRecord = {
  id: number;
  slug: string;
  /** Title, description, visibility and NSFW have been applied. */
  updated: boolean;
  accessKey: string | null;
  visibility: string;
};

export type Records = ReturnType<typeof createRecords>;

/**
 * The bot's own records in Redis: finished uploads (idempotency), who created each media and
 * post (ownership), the post made for a request (never create it twice), and short locks.
 */
export function createRecords(options: { redis: Redis; namespace: string }) {
  const { redis } = options;
  const ns = options.namespace;
  const key = {
    upload: (attachmentId: string) => `${ns}:upload:${attachmentId}`,
    media: (slug: string) => `${ns}:owner:media:${slug}`,
    post: (slug: string) => `${ns}:owner:post:${slug}`,
    requestPost: (requestId: string) => `${ns}:request:${requestId}:post`,
    lock: (attachmentId: string) => `${ns}:lock:attachment:${attachmentId}`,
    request: (requestId: string) => `${ns}:request:${requestId}:seen`,
    replyToken: (requestId: string) => `${ns}:request:${requestId}:reply-token`,
  };

  async function getJson<T>(k: string): Promise<T | null> {
    const raw = await redis.get(k);
    return raw === null ? null : (JSON.parse(raw) as T);
  }

  return {
    getUpload: (attachmentId: string) => getJson<UploadRecord>(key.upload(attachmentId)),
    /** Records a finished upload and who asked for it, in one transaction. */
    async recordUpload(attachmentId: string, upload: UploadRecord, owner: OwnerRecord) {
      await redis
        .multi()
        .set(key.upload(attachmentId), JSON.stringify(upload))
        .set(key.media(upload.slug), JSON.stringify(owner))
        .exec();
    },
    getMediaOwner: (slug: string) => getJson<OwnerRecord>(key.media(slug)),
    getPostOwner: (slug: string) => getJson<OwnerRecord>(key.post(slug)),
    async recordPostOwner(slug: string, owner: OwnerRecord) {
      await redis.set(key.post(slug), JSON.stringify(owner));
    },
    /** Forgets a media deleted from imgpile, so the attachment could be rehosted again. */
    async forgetMedia(slug: string, attachmentId?: string) {
      const keys = [key.media(slug)];
      if (attachmentId) keys.push(key.upload(attachmentId));
      await redis.del(...keys);
    },
    async forgetPost(slug: string) {
      await redis.del(key.post(slug));
    },
    getRequestPost: (requestId: string) => getJson<RequestPostRecord>(key.requestPost(requestId)),
    async setRequestPost(requestId: string, post: RequestPostRecord) {
      await redis.set(key.requestPost(requestId), JSON.stringify(post), 'EX', 30 * 86_400);
    },
    /** Claims a request id; false when it was claimed before (a duplicate delivery). */
    async claimRequest(requestId: string): Promise<boolean> {
      return (await redis.set(key.request(requestId), '1', 'EX', 7 * 86_400, 'NX')) === 'OK';
    },
    async unclaimRequest(requestId: string) {
      await redis.del(key.request(requestId));
    },
    /**
     * Keeps an interaction token apart from job data, for no longer than it is valid (Discord
     * interaction tokens last 15 minutes).
     */
    async setReplyToken(requestId: string, token: string, ttlMs: number) {
      await redis.set(key.replyToken(requestId), token, 'PX', Math.max(1, ttlMs));
    },
    getReplyToken: (requestId: string) => redis.get(key.replyToken(requestId)),
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
