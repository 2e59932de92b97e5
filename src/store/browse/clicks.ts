import type { Redis } from '../../redis.js';

/**
 * One press at a time per user and target: a double click on a toggling action (an imgpile vote)
 * must not undo the first. The claim lapses by itself, so a crash never locks a button.
 */
export function createClicks(redis: Redis, prefix: string) {
  const key = (userId: string, target: string) => `${prefix}:click:${userId}:${target}`;
  return {
    /** True when this press may act; false while another press of the same target runs. */
    async claim(userId: string, target: string, ttlMs = 15_000): Promise<boolean> {
      return (await redis.set(key(userId, target), '1', 'PX', ttlMs, 'NX')) === 'OK';
    },
    async release(userId: string, target: string): Promise<void> {
      await redis.del(key(userId, target));
    },
  };
}
