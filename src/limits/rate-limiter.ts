import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from '../redis.js';
import { sleep } from '../sleep.js';

/** The longest a 429's Retry-After may hold every process back; longer answers are capped. */
export const MAX_BLOCK_MS = 60 * 60_000;

/** The clock of every script: Redis's own, so processes with skewed clocks agree. */
const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** The limit in force: ours, or imgpile's own (X-RateLimit-Limit) when it said a lower one. */
const EFFECTIVE_LIMIT = `
local limit = tonumber(ARGV[1])
local learned = tonumber(redis.call('GET', KEYS[3]) or '0')
if learned > 0 and learned < limit then limit = learned end
`;

/**
 * Sliding-window log in one sorted set: `n` slots are granted together, only while the
 * trailing window holds room for all of them and `headroom` more, across every process that
 * shares the Redis. KEYS: log, block, learned limit. ARGV: limit, window, member id, n, headroom.
 * Returns 0 when the slots were taken, else the milliseconds until they may be free.
 */
const ACQUIRE = `${NOW}
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return blocked - now end
${EFFECTIVE_LIMIT}
local window = tonumber(ARGV[2])
local n = tonumber(ARGV[4])
local need = n + tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count + need <= limit then
  for i = 1, n do redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3] .. '-' .. i) end
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], math.max(0, count + need - limit - 1), math.max(0, count + need - limit - 1), 'WITHSCORES')
if oldest[2] == nil then return window end
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/**
 * ACQUIRE with a share per member: the slots are taken from the pool only when the member's own
 * log, over the same window, has room for them too, so one member never takes more than their
 * share of the pool. KEYS: log, block, learned limit, the member's log. ARGV: limit, window,
 * member id, n, share. Returns 0, the wait for the pool, or minus the wait for the member's share.
 */
const ACQUIRE_SHARE = `${NOW}
local blocked = tonumber(redis.call('GET', KEYS[2]) or '0')
if blocked > now then return blocked - now end
${EFFECTIVE_LIMIT}
local window = tonumber(ARGV[2])
local n = tonumber(ARGV[4])
local share = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - window)
local mine = redis.call('ZCARD', KEYS[4])
if mine + n > share then
  local at = math.max(0, mine + n - share - 1)
  local oldest = redis.call('ZRANGE', KEYS[4], at, at, 'WITHSCORES')
  if oldest[2] == nil then return -window end
  return -math.max(1, tonumber(oldest[2]) + window - now)
end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count + n <= limit then
  for i = 1, n do
    redis.call('ZADD', KEYS[1], now, now .. '-' .. ARGV[3] .. '-' .. i)
    redis.call('ZADD', KEYS[4], now, now .. '-' .. ARGV[3] .. '-' .. i)
  end
  redis.call('PEXPIRE', KEYS[1], window)
  redis.call('PEXPIRE', KEYS[4], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], math.max(0, count + n - limit - 1), math.max(0, count + n - limit - 1), 'WITHSCORES')
if oldest[2] == nil then return window end
return math.max(1, tonumber(oldest[2]) + window - now)
`;

/**
 * What imgpile said of the budget after a response: its limit (kept for ten windows) and what
 * is left. The log gets placeholder entries until our count agrees with imgpile's remaining.
 * KEYS: log, block, learned limit. ARGV: our limit, window, imgpile's limit (0: unknown),
 * remaining (-1: unknown), member id.
 */
const OBSERVE = `${NOW}
local window = tonumber(ARGV[2])
if tonumber(ARGV[3]) > 0 then redis.call('SET', KEYS[3], ARGV[3], 'PX', window * 10) end
local remaining = tonumber(ARGV[4])
if remaining < 0 then return 0 end
${EFFECTIVE_LIMIT}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local missing = math.min(limit - count - remaining, 1000)
for i = 1, missing do redis.call('ZADD', KEYS[1], now, now .. '-seen-' .. ARGV[5] .. '-' .. i) end
if missing > 0 then redis.call('PEXPIRE', KEYS[1], window) end
return math.max(missing, 0)
`;

/** Blocks the whole account until now + ARGV[1] ms (never shortens an existing block). */
const BLOCK = `${NOW}
local untilMs = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilMs > current then
  redis.call('SET', KEYS[1], untilMs, 'PX', tonumber(ARGV[1]))
end
return untilMs
`;

/**
 * Thrown by `acquire` when the wait is longer than the caller is willing to hold a slot for.
 * `own`: the member's share is what is used up, not the pool.
 */
export class RateLimitWait extends Error {
  override name = 'RateLimitWait';
  constructor(
    readonly waitMs: number,
    readonly own = false,
  ) {
    super(`imgpile request budget exhausted; next slot in ${waitMs} ms`);
  }
}

/** A member's share of a pool: at most `limit` of its slots in any window. */
export type MemberShare = { member: string; limit: number };

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
  const base = `${options.prefix}:ratelimit:${id}`;
  const keys = [`${base}:log`, `${base}:blocked`, `${base}:learned-limit`] as const;
  const member = () => randomBytes(6).toString('hex');

  /**
   * Takes `n` slots if they are free now, with `headroom` more left free for others (what can
   * wait gives way); otherwise says how long until they may be.
   */
  async function tryAcquire(n = 1, headroom = 0): Promise<number> {
    return Number(await redis.eval(ACQUIRE, 3, ...keys, limit, window, member(), n, headroom));
  }

  /** `tryAcquire` within a member's share; a negative wait is the share's, not the pool's. */
  async function tryAcquireShare(n: number, share: MemberShare): Promise<number> {
    const mine = `${base}:member:${share.member}`;
    const args = [limit, window, member(), n, share.limit];
    return Number(await redis.eval(ACQUIRE_SHARE, 4, ...keys, mine, ...args));
  }

  return {
    limit,
    windowMs: window,
    tryAcquire,
    /**
     * Waits for `slots` slots (taken together), within `share` when given. Waits longer than
     * `maxWaitMs` throw `RateLimitWait` instead, so a job can step aside (move to delayed)
     * rather than hold a worker slot, and a command can say how long to wait.
     */
    async acquire(
      opts: { signal?: AbortSignal; maxWaitMs?: number; slots?: number; share?: MemberShare } = {},
    ): Promise<void> {
      const maxWait = opts.maxWaitMs ?? Infinity;
      const slots = opts.slots ?? 1;
      for (;;) {
        opts.signal?.throwIfAborted();
        const signed = opts.share
          ? await tryAcquireShare(slots, opts.share)
          : await tryAcquire(slots);
        if (signed === 0) return;
        const wait = Math.abs(signed);
        if (wait > maxWait) throw new RateLimitWait(wait, signed < 0);
        await sleep(wait + Math.floor(Math.random() * 25), opts.signal);
      }
    },
    /** Feeds back what imgpile said of this budget (X-RateLimit-Limit and -Remaining). */
    async observe(info: { limit: number | null; remaining: number | null }): Promise<void> {
      const theirs = info.limit !== null && info.limit > 0 ? Math.floor(info.limit) : 0;
      const left = info.remaining !== null && info.remaining >= 0 ? Math.floor(info.remaining) : -1;
      await redis.eval(OBSERVE, 3, ...keys, limit, window, theirs, left, member());
    },
    /**
     * Stops every process from sending for `ms` (imgpile answered 429 with Retry-After), at
     * most MAX_BLOCK_MS. Returns how long the block holds.
     */
    async block(ms: number): Promise<number> {
      const held = Math.max(1, Math.min(MAX_BLOCK_MS, Math.ceil(ms)));
      await redis.eval(BLOCK, 1, keys[1], held);
      return held;
    },
    /** Requests granted in the trailing window (the `rate_limit_window_requests` metric). */
    async inWindow(): Promise<number> {
      const [seconds, micros] = await redis.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      return redis.zcount(keys[0], `(${now - window}`, '+inf');
    },
  };
}
