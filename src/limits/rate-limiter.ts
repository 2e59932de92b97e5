import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from '../redis.js';

/**
 * Sliding-window log in one sorted set: a slot is granted only while fewer than `limit`
 * requests were granted in the trailing window, across every process that shares the Redis.
 * Time comes from Redis (TIME), so processes on machines with skewed clocks agree.
 * Returns 0 when a slot was taken, else the milliseconds until one may be free.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return blocked - now end
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/** Blocks the whole account until now + ARGV[1] ms (never shortens an existing block). */
const BLOCK = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then
  redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]))
end
return untilMs
`;

/** Thrown by `acquire` when the wait is longer than the caller is willing to hold a slot for. */
export class RateLimitWait extends Error {
  override name = 'RateLimitWait';
  constructor(readonly waitMs: number) {
    super(`imgpile request budget exhausted; next slot in ${waitMs} ms`);
  }
}

type RateLimiterOptions = {
  redis: Redis;
  prefix: string;
  /** Identifies the budget: the imgpile token. Only a hash of it reaches Redis. */
  token: string;
  limit: number;
  windowMs?: number;
  /**
   * Added to the window on our side: a request granted now reaches imgpile a little later, so
   * imgpile's window and ours are not quite aligned. Costs under 1% of the allowance.
   */
  marginMs?: number;
};

export type RateLimiter = ReturnType<typeof createRateLimiter>;

export function createRateLimiter(options: RateLimiterOptions) {
  const { redis, limit } = options;
  const window = (options.windowMs ?? 60_000) + (options.marginMs ?? 500);
  const id = createHash('sha256').update(options.token).digest('hex').slice(0, 16);
  const logKey = `${options.prefix}:ratelimit:${id}:log`;
  const blockKey = `${options.prefix}:ratelimit:${id}:blocked`;

  /** Takes a slot if one is free now; otherwise says how long until one may be. */
  async function tryAcquire(): Promise<number> {
    const member = randomBytes(6).toString('hex');
    return Number(await redis.eval(ACQUIRE, 2, logKey, blockKey, limit, window, member));
  }

  return {
    limit,
    windowMs: window,
    tryAcquire,
    /**
     * Waits for a slot. Waits longer than `maxWaitMs` throw `RateLimitWait` instead, so a job
     * can step aside (move to delayed) rather than hold a worker slot.
     */
    async acquire(opts: { signal?: AbortSignal; maxWaitMs?: number } = {}): Promise<void> {
      const maxWait = opts.maxWaitMs ?? Infinity;
      for (;;) {
        opts.signal?.throwIfAborted();
        const wait = await tryAcquire();
        if (wait === 0) return;
        if (wait > maxWait) throw new RateLimitWait(wait);
        await sleep(wait + Math.floor(Math.random() * 25), opts.signal);
      }
    },
    /** Stops every process from sending for `ms` (imgpile answered 429 with Retry-After). */
    async block(ms: number): Promise<void> {
      await redis.eval(BLOCK, 1, blockKey, Math.max(1, Math.ceil(ms)));
    },
    /** Requests granted in the trailing window (the `rate_limit_window_requests` metric). */
    async inWindow(): Promise<number> {
      const [seconds, micros] = await redis.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      return redis.zcount(logKey, `(${now - window}`, '+inf');
    },
  };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
