import type { Redis } from '../redis.js';
import { sleep } from '../sleep.js';

/** Discord lets `max_concurrency` sessions start per 5 seconds, one per bucket. */
const IDENTIFY_WINDOW_MS = 5_000;

/**
 * Discord's session start pacing, shared by every bot process of one bot over Redis: a shard
 * identifies only when its bucket (`shard_id % max_concurrency`) has not started a session in
 * the last 5 seconds, whichever process runs it. Implements @discordjs/ws's identify throttler.
 */
export function createIdentifyThrottler(options: {
  redis: Redis;
  prefix: string;
  maxConcurrency: number;
}) {
  const concurrency = Math.max(1, options.maxConcurrency);
  return {
    async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
      const key = `${options.prefix}:identify:${shardId % concurrency}`;
      for (;;) {
        signal.throwIfAborted();
        const taken = await options.redis.set(key, String(shardId), 'PX', IDENTIFY_WINDOW_MS, 'NX');
        if (taken === 'OK') return;
        const left = await options.redis.pttl(key);
        await sleep(Math.max(50, left) + Math.floor(Math.random() * 50), signal);
      }
    },
  };
}
