import { createHash } from 'node:crypto';
import type { Redis } from '../redis.js';
import { getJson } from './json.js';

const STATE_TTL_S = 15 * 60;
const CACHE_TTL_S = 60;

/**
 * What `/imgpile feed` keeps: each open feed's query and owner (as long as its buttons can be
 * pressed), and a one-minute cache of pages that several viewers share.
 */
export function createFeedPages(redis: Redis, prefix: string) {
  const key = {
    state: (feedId: string) => `${prefix}:feed:${feedId}`,
    page: (query: unknown, page: number) =>
      `${prefix}:feed-cache:${createHash('sha1')
        .update(JSON.stringify([query, page]))
        .digest('hex')}`,
  };
  return {
    async saveState<T>(feedId: string, state: T) {
      await redis.set(key.state(feedId), JSON.stringify(state), 'EX', STATE_TTL_S);
    },
    getState: <T>(feedId: string) => getJson<T>(redis, key.state(feedId)),
    getCachedPage: <T>(query: unknown, page: number) => getJson<T>(redis, key.page(query, page)),
    async cachePage(query: unknown, page: number, body: unknown) {
      await redis.set(key.page(query, page), JSON.stringify(body), 'EX', CACHE_TTL_S);
    },
  };
}
