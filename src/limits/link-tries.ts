import type { Redis } from '../redis.js';
import { createRateLimiter } from './rate-limiter.js';

/** Tries at linking a member may make in LINK_TRIES_WINDOW_MS: each is a request to imgpile. */
export const LINK_TRIES = 5;
export const LINK_TRIES_WINDOW_MS = 10 * 60_000;

/**
 * A member's tries at linking, under a prefix of their own: no typed token names the same key
 * (a token budget is keyed by the token's hash under the bot's prefix).
 */
export function createLinkTries(redis: Redis, prefix: string, userId: string) {
  return createRateLimiter({
    redis,
    prefix: `${prefix}:link-tries`,
    windowMs: LINK_TRIES_WINDOW_MS,
    limit: LINK_TRIES,
    token: userId,
  });
}
