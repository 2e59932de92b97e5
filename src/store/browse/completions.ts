import type { Redis } from '../../redis.js';
import { getJson } from '../json.js';

/** A post or media of a member's linked account, as their autocomplete offers it. */
export type OwnItem = { kind: 'post' | 'media'; slug: string; title: string | null };

/** What a member's linked account holds, read at most once a refresh period, for autocomplete. */
export type OwnLists = { items: OwnItem[]; following: string[]; at: number };

/** What a member has seen lately: the authors of feed pages and profiles, the tags that found posts. */
export type SeenKind = 'authors' | 'tags';

/** How many recent names of each kind a member keeps, and for how long. */
export const SEEN_CAP = 100;
const SEEN_TTL_S = 7 * 86_400;
/** A linked account's lists stay this long (stale after the refresh period, used till then). */
const OWN_TTL_S = 30 * 60;

/**
 * The records autocomplete answers from, per Discord member (never shared between members, so
 * no choice shows one member what another typed or owns): the names they have seen lately, and
 * a short copy of their linked account's posts, media and follows.
 */
export function createCompletions(redis: Redis, prefix: string) {
  const key = {
    seen: (kind: SeenKind, userId: string) => `${prefix}:seen-${kind}:${userId}`,
    own: (userId: string) => `${prefix}:own-lists:${userId}`,
    refresh: (userId: string) => `${prefix}:own-lists-refresh:${userId}`,
  };
  return {
    /** Notes names the member just saw, newest first, keeping the newest SEEN_CAP. */
    async noteSeen(kind: SeenKind, userId: string, names: readonly string[]) {
      if (names.length === 0) return;
      const k = key.seen(kind, userId);
      const now = Date.now();
      await redis
        .multi()
        .zadd(k, ...names.flatMap((n, i) => [now - i, n]))
        .zremrangebyrank(k, 0, -(SEEN_CAP + 1))
        .expire(k, SEEN_TTL_S)
        .exec();
    },
    /** The names of `kind` the member saw, newest first. */
    seen: (kind: SeenKind, userId: string) => redis.zrevrange(key.seen(kind, userId), 0, -1),
    getOwn: (userId: string) => getJson<OwnLists>(redis, key.own(userId)),
    async setOwn(userId: string, lists: OwnLists) {
      await redis.set(key.own(userId), JSON.stringify(lists), 'EX', OWN_TTL_S);
    },
    /** The member linked another account, or none: its copy goes, and the next keystroke reads. */
    async forgetOwn(userId: string) {
      await redis.del(key.own(userId), key.refresh(userId));
    },
    /** Takes the member's one refresh of `seconds`: false when one was taken within them. */
    async claimRefresh(userId: string, seconds: number): Promise<boolean> {
      return (await redis.set(key.refresh(userId), '1', 'EX', seconds, 'NX')) === 'OK';
    },
  };
}
