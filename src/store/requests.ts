import { createHash } from 'node:crypto';
import type { Redis } from '../redis.js';
import { getJson } from './json.js';
import type { OwnerRecord, Ownership } from './ownership.js';

/**
 * The post made for a request: recorded at once so a re-run never creates a second one. Its
 * access key is never stored: the delivery gets it from imgpile.
 */
export type RequestPostRecord = {
  id: number;
  slug: string;
  /** Title, description, visibility and NSFW have been applied. */
  updated: boolean;
  visibility: string;
};

/** Whom a post is made for: the member, and whose imgpile account holds it. */
export type PostScope = { userId: string; account: 'bot' | 'user' };

/**
 * A post's identity for reuse: whom it is for, its media in order, and the options asked for.
 * Reuse never crosses members or accounts: another member asking the same gets a post of
 * their own, never this one (nor its key).
 */
export function postFingerprint(scope: PostScope, mediaIds: number[], options: object): string {
  return createHash('sha256')
    .update(JSON.stringify([scope.userId, scope.account, mediaIds, options]))
    .digest('hex')
    .slice(0, 32);
}

const DAY_S = 86_400;

/** How long the bot's "queued" edit may hold back the result's (the turn expires after it). */
export const ACK_TURN_MS = 10_000;
/** An interaction's reply is Discord's for 15 minutes: its turn is kept as long. */
const REPLY_TURN_MS = 15 * 60_000;

/** The result's turn: taken unless the bot's "queued" edit is on its way. */
const TAKE_RESULT_TURN = `
if redis.call('GET', KEYS[1]) == 'ack' then return 0 end
redis.call('SET', KEYS[1], 'result', 'PX', ARGV[1])
return 1
`;

export type Requests = ReturnType<typeof createRequests>;

/**
 * Per-request bookkeeping: the idempotency claim, the post made for it (and the post made
 * earlier from the same files), the interaction token its reply needs (kept apart from job
 * data, for no longer than Discord honours it), whose turn it is to edit that reply (the bot's
 * "queued" or the worker's result: the result is never written over), and the throttle of its
 * progress edits.
 */
export function createRequests(
  redis: Redis,
  prefix: string,
  ownership: Ownership,
  retentionS: number,
) {
  const key = {
    creating: (requestId: string) => `${prefix}:request:${requestId}:creating`,
    /** The post already made from these files with these options. */
    same: (fingerprint: string) => `${prefix}:post-of:${fingerprint}`,
    seen: (requestId: string) => `${prefix}:request:${requestId}:seen`,
    post: (requestId: string) => `${prefix}:request:${requestId}:post`,
    replyToken: (requestId: string) => `${prefix}:request:${requestId}:reply-token`,
    progressEdit: (requestId: string) => `${prefix}:request:${requestId}:progress-edit`,
  };
  return {
    ...createReplyTurns(redis, prefix),
    /**
     * Claims a request id; false when it was claimed before (a duplicate delivery). A day is
     * ample (Discord redelivers within minutes), and every request a member makes keeps one.
     */
    async claim(requestId: string): Promise<boolean> {
      return (await redis.set(key.seen(requestId), '1', 'EX', DAY_S, 'NX')) === 'OK';
    },
    async unclaim(requestId: string) {
      await redis.del(key.seen(requestId));
    },
    getPost: (requestId: string) => getJson<RequestPostRecord>(redis, key.post(requestId)),
    /**
     * Marks when a post is about to be created (the first time only), so a re-run after a
     * failure looks for a post made since then.
     */
    async markCreating(requestId: string) {
      await redis.set(key.creating(requestId), String(Date.now()), 'EX', 7 * DAY_S, 'NX');
    },
    /** When this request first set out to create its post (ms), or null if it never did. */
    async creatingSince(requestId: string): Promise<number | null> {
      const raw = await redis.get(key.creating(requestId));
      // A mark written before it held its time ('1') bounds nothing: every post is looked at.
      return raw === null ? null : Number(raw) || 0;
    },
    /**
     * The post and who owns it, in one transaction: there is never a post nobody can manage.
     * `owner` null: made with a user's own imgpile account (imgpile knows its owner).
     */
    async recordPost(requestId: string, post: RequestPostRecord, owner: OwnerRecord | null) {
      const tx = redis.multi().set(key.post(requestId), JSON.stringify(post), 'EX', 7 * DAY_S);
      if (owner) ownership.recordPostOwner(tx, post.slug, owner);
      await tx.exec();
    },
    async setPost(requestId: string, post: RequestPostRecord) {
      await redis.set(key.post(requestId), JSON.stringify(post), 'EX', 7 * DAY_S);
    },
    async forgetPost(requestId: string) {
      await redis.del(key.post(requestId), key.creating(requestId));
    },
    /** The slug of a post made earlier from the same files with the same options. */
    samePost: (fingerprint: string) => redis.get(key.same(fingerprint)),
    async rememberSamePost(fingerprint: string, slug: string) {
      await redis.set(key.same(fingerprint), slug, 'EX', retentionS);
    },
    async forgetSamePost(fingerprint: string) {
      await redis.del(key.same(fingerprint));
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
  };
}

/** Whose turn it is to edit an interaction's reply: the bot's "queued", or the worker's result. */
function createReplyTurns(redis: Redis, prefix: string) {
  const turn = (requestId: string) => `${prefix}:request:${requestId}:reply-turn`;
  return {
    /**
     * The bot's turn to say the request is queued, taken before its edit and ended after it;
     * false when the result was written first (it stays: the bot says nothing over it).
     */
    async startAck(requestId: string): Promise<boolean> {
      const set = await redis.set(turn(requestId), 'ack', 'PX', ACK_TURN_MS, 'NX');
      return set === 'OK';
    },
    async endAck(requestId: string) {
      await redis.del(turn(requestId));
    },
    /**
     * The worker's turn to write the result over the reply; false while the bot's "queued" edit
     * is on its way (ask again: it is short, and its turn expires after ACK_TURN_MS).
     */
    async takeResultTurn(requestId: string): Promise<boolean> {
      const taken = await redis.eval(TAKE_RESULT_TURN, 1, turn(requestId), REPLY_TURN_MS);
      return Number(taken) === 1;
    },
  };
}
