import { createHash } from 'node:crypto';
import type { Redis } from '../redis.js';

/** Takes the window for `ARGV[1]` unless another holder has it; the holder may take it again. */
const ENTER = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const LEAVE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

export type PostWindows = ReturnType<typeof createPostWindows>;

/**
 * The create window of a media set: only one request at a time may create (or look for) a post
 * of the same media, so a post found after a lost answer can only be the one it made.
 */
export function createPostWindows(redis: Redis, prefix: string) {
  const key = (mediaIds: number[]) =>
    `${prefix}:post-window:${createHash('sha256').update(JSON.stringify(mediaIds)).digest('hex').slice(0, 32)}`;
  return {
    /** Enters the window of `mediaIds` for `requestId`: false while another request is in it. */
    async enter(requestId: string, mediaIds: number[], ttlMs: number): Promise<boolean> {
      return (await redis.eval(ENTER, 1, key(mediaIds), requestId, String(ttlMs))) === 1;
    },
    async leave(requestId: string, mediaIds: number[]) {
      await redis.eval(LEAVE, 1, key(mediaIds), requestId);
    },
  };
}
