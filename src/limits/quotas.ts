import { QuotaExceededError, type QuotaScope } from '../errors.js';
import type { Redis } from '../redis.js';

/**
 * Checks every scope, then takes `n` from all of them, or from none: a request is never half
 * reserved. KEYS are the scopes' counters in the order of ARGV limits.
 * Returns {1} on success, or {0, index of the scope that refused, used}.
 */
const RESERVE = `
local n = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
for i, key in ipairs(KEYS) do
  local used = tonumber(redis.call('GET', key) or '0')
  if used + n > tonumber(ARGV[2 + i]) then return {0, i, used} end
end
for _, key in ipairs(KEYS) do
  redis.call('INCRBY', key, n)
  redis.call('EXPIRE', key, ttl)
end
return {1}
`;

/** Gives one file back to every scope, once per refund id, never below zero. */
const REFUND = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[1])) == false then return 0 end
for i = 2, #KEYS do
  local used = tonumber(redis.call('GET', KEYS[i]) or '0')
  if used > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
`;

type QuotaLimits = {
  account: number;
  guild: number;
  user: number;
  refusals: number;
  /** A linked imgpile account's own daily files (imgpile allows 1,000 per account). */
  linked: number;
  /** Whether the server's and the user's quotas also count files sent to a linked account. */
  linkedScopes: { guild: boolean; user: boolean };
};
/** Whose files: `account` says which imgpile account takes them (default the bot's). */
type QuotaOwner = { guildId: string | null; userId: string; account?: 'bot' | 'user' | undefined };
type QuotaUsage = Record<
  Exclude<QuotaScope, 'refusals'>,
  { used: number; limit: number } | null
> & {
  day: string;
  resetsAt: Date;
};

/** The UTC day a reservation belongs to: refunds go back to the same day. */
export function utcDay(at = new Date()): string {
  return at.toISOString().slice(0, 10);
}

function nextUtcMidnight(at = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
}

export type Quotas = ReturnType<typeof createQuotas>;

type QuotaOptions = { redis: Redis; prefix: string; limits: QuotaLimits; now?: () => Date };
const TTL = 2 * 86_400;

/**
 * The counters a request of `owner` counts against on `day`: the imgpile account's (the bot's,
 * or the user's own linked one), its guild's and its user's (for a linked account, as
 * configured: they bound the bot's own work, not imgpile's).
 */
function scopes(options: QuotaOptions, owner: QuotaOwner, day: string) {
  const { prefix, limits } = options;
  const linked = owner.account === 'user';
  const list: { scope: Exclude<QuotaScope, 'refusals'>; key: string; limit: number }[] = [
    linked
      ? {
          scope: 'linked',
          key: `${prefix}:quota:${day}:linked:${owner.userId}`,
          limit: limits.linked,
        }
      : { scope: 'account', key: `${prefix}:quota:${day}:account`, limit: limits.account },
  ];
  if (owner.guildId !== null && (!linked || limits.linkedScopes.guild)) {
    list.push({
      scope: 'guild',
      key: `${prefix}:quota:${day}:guild:${owner.guildId}`,
      limit: limits.guild,
    });
  }
  if (!linked || limits.linkedScopes.user) {
    list.push({
      scope: 'user',
      key: `${prefix}:quota:${day}:user:${owner.userId}`,
      limit: limits.user,
    });
  }
  return list;
}

/** The counter of `owner`'s refused files on `day`. */
const refusalsKey = (options: QuotaOptions, owner: QuotaOwner, day: string) =>
  `${options.prefix}:quota:${day}:refusals:${owner.userId}`;

/**
 * Reserves `n` files today for every scope of `owner`, or throws QuotaExceededError naming the
 * scope that refused, how many are left and when it resets. Returns the day reserved. A user
 * whose refused files used up their daily refusal budget is refused whole.
 */
async function reserve(options: QuotaOptions, at: Date, owner: QuotaOwner, n: number) {
  const day = utcDay(at);
  if (n <= 0) return day;
  const refusals = Number(await options.redis.get(refusalsKey(options, owner, day)));
  if (refusals >= options.limits.refusals) {
    const limit = options.limits.refusals;
    throw new QuotaExceededError('refusals', n, 0, limit, nextUtcMidnight(at));
  }
  const list = scopes(options, owner, day);
  const result = (await options.redis.eval(
    RESERVE,
    list.length,
    ...list.map((s) => s.key),
    n,
    TTL,
    ...list.map((s) => s.limit),
  )) as number[];
  if (result[0] === 1) return day;
  const refused = list[(result[1] ?? 1) - 1]!;
  const used = result[2] ?? 0;
  throw new QuotaExceededError(
    refused.scope,
    n,
    Math.max(0, refused.limit - used),
    refused.limit,
    nextUtcMidnight(at),
  );
}

/**
 * Daily file quotas on Redis, shared by every process: the imgpile account's, each guild's and
 * each user's. Reserved when work is enqueued, refunded when a file does not end up on imgpile.
 */
export function createQuotas(options: QuotaOptions) {
  const { redis, limits } = options;
  const now = options.now ?? (() => new Date());
  return {
    limits,
    reserve: (owner: QuotaOwner, n: number): Promise<string> => reserve(options, now(), owner, n),
    /**
     * Returns one file to `owner`'s scopes on `day`. `refundId` makes it idempotent: the same
     * file refunded twice (a retried job) counts once. Returns whether it refunded.
     */
    async refund(owner: QuotaOwner, day: string, refundId: string): Promise<boolean> {
      const list = scopes(options, owner, day);
      const marker = `${options.prefix}:quota:${day}:refunded:${refundId}`;
      const done = await redis.eval(
        REFUND,
        list.length + 1,
        marker,
        ...list.map((s) => s.key),
        TTL,
      );
      return Number(done) === 1;
    },
    /**
     * Counts a file refused after download (not media, or refused by imgpile) against its
     * sender: such files are given back to the file quotas, but each one spends the sender's
     * daily refusal budget.
     */
    async countRefusal(owner: QuotaOwner, day: string): Promise<void> {
      const key = refusalsKey(options, owner, day);
      await redis.multi().incr(key).expire(key, TTL).exec();
    },
    /** Undoes a whole reservation that never turned into jobs. */
    async release(owner: QuotaOwner, day: string, n: number): Promise<void> {
      const pipeline = redis.multi();
      for (const s of scopes(options, owner, day)) pipeline.decrby(s.key, n);
      await pipeline.exec();
    },
    async usage(owner: QuotaOwner): Promise<QuotaUsage> {
      const at = now();
      const day = utcDay(at);
      const list = scopes(options, owner, day);
      const values = await redis.mget(...list.map((s) => s.key));
      const usage: QuotaUsage = {
        account: null,
        linked: null,
        guild: null,
        user: null,
        day,
        resetsAt: nextUtcMidnight(at),
      };
      list.forEach((s, i) => {
        usage[s.scope] = { used: Number(values[i] ?? 0), limit: s.limit };
      });
      return usage;
    },
  };
}
