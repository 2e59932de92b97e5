import { createHash } from 'node:crypto';
import type { Redis } from '../../redis.js';
import { getJson } from '../json.js';

const STATE_TTL_S = 15 * 60;
const CACHE_TTL_S = 60;

const digest = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('hex');

/**
 * What `/imgpile feed` and the other public reads keep: each open feed's query and owner (as
 * long as its buttons can be pressed), and a one-minute cache of pages and profiles that
 * several viewers share (each entry is a public read one member paid for, from their share).
 */
export function createFeedPages(redis: Redis, prefix: string) {
  const key = {
    state: (feedId: string) => `${prefix}:feed:${feedId}`,
    view: (viewId: string) => `${prefix}:post-view:${viewId}`,
    page: (query: unknown, page: number) => `${prefix}:feed-cache:${digest([query, page])}`,
    read: (kind: string, query: unknown) => `${prefix}:read-cache:${digest([kind, query])}`,
  };
  return {
    async saveState<T>(feedId: string, state: T) {
      await redis.set(key.state(feedId), JSON.stringify(state), 'EX', STATE_TTL_S);
    },
    getState: <T>(feedId: string) => getJson<T>(redis, key.state(feedId)),
    /** An open `post view`: its post, a private post's key, its viewer (never in a custom id). */
    async saveView<T>(viewId: string, view: T) {
      await redis.set(key.view(viewId), JSON.stringify(view), 'EX', STATE_TTL_S);
    },
    getView: <T>(viewId: string) => getJson<T>(redis, key.view(viewId)),
    getCachedPage: <T>(query: unknown, page: number) => getJson<T>(redis, key.page(query, page)),
    async cachePage(query: unknown, page: number, body: unknown) {
      await redis.set(key.page(query, page), JSON.stringify(body), 'EX', CACHE_TTL_S);
    },
    /** A public read of `kind` (a profile, a user's posts page) made within the last minute. */
    getCachedRead: <T>(kind: string, query: unknown) => getJson<T>(redis, key.read(kind, query)),
    async cacheRead(kind: string, query: unknown, body: unknown) {
      await redis.set(key.read(kind, query), JSON.stringify(body), 'EX', CACHE_TTL_S);
    },
  };
}
