import type { Redis } from '../redis.js';
import { getJson } from './json.js';

/** The post made for a request: recorded at once so a re-run never creates a second one. */
export type RequestPostRecord = {
  id: number;
  slug: string;
  /** Title, description, visibility and NSFW have been applied. */
  updated: boolean;
  accessKey: string | null;
  visibility: string;
};

/** Whose backlog a request counts in: its guild, or the user outside guilds. */
type BacklogOwner = { guildId: string | null; userId: string };

const DAY_S = 86_400;

export type Requests = ReturnType<typeof createRequests>;

/**
 * Per-request bookkeeping: the idempotency claim, the post made for it, the interaction token
 * its reply needs (kept apart from job data, for no longer than Discord honours it), the
 * throttle of its progress edits, and each guild's backlog counter that orders the queue.
 */
export function createRequests(redis: Redis, prefix: string) {
  const key = {
    seen: (requestId: string) => `${prefix}:request:${requestId}:seen`,
    post: (requestId: string) => `${prefix}:request:${requestId}:post`,
    released: (requestId: string) => `${prefix}:request:${requestId}:released`,
    replyToken: (requestId: string) => `${prefix}:request:${requestId}:reply-token`,
    progressEdit: (requestId: string) => `${prefix}:request:${requestId}:progress-edit`,
    pending: (owner: BacklogOwner) => `${prefix}:pending:${owner.guildId ?? `dm-${owner.userId}`}`,
  };
  return {
    /** Claims a request id; false when it was claimed before (a duplicate delivery). */
    async claim(requestId: string): Promise<boolean> {
      return (await redis.set(key.seen(requestId), '1', 'EX', 7 * DAY_S, 'NX')) === 'OK';
    },
    async unclaim(requestId: string) {
      await redis.del(key.seen(requestId));
    },
    getPost: (requestId: string) => getJson<RequestPostRecord>(redis, key.post(requestId)),
    async setPost(requestId: string, post: RequestPostRecord) {
      await redis.set(key.post(requestId), JSON.stringify(post), 'EX', 30 * DAY_S);
    },
    async setReplyToken(requestId: string, token: string, ttlMs: number) {
      await redis.set(key.replyToken(requestId), token, 'PX', Math.max(1, ttlMs));
    },
    getReplyToken: (requestId: string) => redis.get(key.replyToken(requestId)),
    /** True at most once per `intervalMs` for a request: progress edits are throttled. */
    async takeProgressSlot(requestId: string, intervalMs: number): Promise<boolean> {
      const slot = await redis.set(key.progressEdit(requestId), '1', 'PX', intervalMs, 'NX');
      return slot === 'OK';
    },
    /** Adds `files` to the owner's backlog; returns the backlog including them. */
    async addToBacklog(owner: BacklogOwner, files: number): Promise<number> {
      const k = key.pending(owner);
      const [[, total]] = (await redis.multi().incrby(k, files).expire(k, DAY_S).exec()) as [
        [Error | null, number],
      ];
      return total;
    },
    /** Undoes `addToBacklog` for a request that was never queued. */
    async removeFromBacklog(owner: BacklogOwner, files: number) {
      await redis.decrby(key.pending(owner), files);
    },
    /** Takes a finished request's files off its owner's backlog, once whatever the retries. */
    async releaseBacklog(requestId: string, owner: BacklogOwner, files: number) {
      const first = await redis.set(key.released(requestId), '1', 'EX', DAY_S, 'NX');
      if (first !== 'OK') return;
      const k = key.pending(owner);
      const left = await redis.decrby(k, files);
      if (left < 0) await redis.set(k, 0);
    },
  };
}
