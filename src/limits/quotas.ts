import { createHash } from 'node:crypto';
import { QuotaExceededError, type QuotaScope } from '../errors.js';
import type { Redis } from '../redis.js';
import { HOLD, RESERVE, SETTLE } from './quota-scripts.js';

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
  /** Files refused today, files being fetched now (each could yet be), and the daily limit. */
  refusals: { used: number; inProgress: number; limit: number };
  day: string;
  resetsAt: Date;
};

/** How a file ended, for the quotas: kept (on imgpile), given back, or refused for what was sent. */
export type FileOutcome = 'kept' | 'free' | 'refused';
type HoldResult = 'held' | 'spent' | 'wait';

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

/** `owner`'s ledger of `day`: files held, refused and given back (see quota-scripts.ts). */
const ledgerKey = (options: QuotaOptions, owner: QuotaOwner, day: string) =>
  `${options.prefix}:quota:${day}:member:${owner.userId}`;

/** A file's field in its ledger: short, so a member's day stays one compact hash. */
const fileField = (fileId: string) =>
  createHash('sha256').update(fileId).digest('base64url').slice(0, 12);

/**
 * Reserves `n` files today for every scope of `owner`, or throws QuotaExceededError naming the
 * scope that refused, how many are left and when it resets. A sender whose refusal budget is
 * spent is refused whole, in the same step. Returns the day reserved.
 */
async function reserve(options: QuotaOptions, at: Date, owner: QuotaOwner, n: number) {
  const day = utcDay(at);
  if (n <= 0) return day;
  const list = scopes(options, owner, day);
  const result = (await options.redis.eval(
    RESERVE,
    list.length + 1,
    ...list.map((s) => s.key),
    ledgerKey(options, owner, day),
    n,
    TTL,
    options.limits.refusals,
    ...list.map((s) => s.limit),
  )) as number[];
  if (result[0] === 1) return day;
  const resets = nextUtcMidnight(at);
  if (result[1] === 0) {
    const limit = options.limits.refusals;
    throw new QuotaExceededError('refusals', n, 0, limit, resets);
  }
  const refused = list[(result[1] ?? 1) - 1]!;
  const used = result[2] ?? 0;
  throw new QuotaExceededError(
    refused.scope,
    n,
    Math.max(0, refused.limit - used),
    refused.limit,
    resets,
  );
}

/**
 * Settles one file of `owner`'s reservation on `day`, once per `fileId` whatever the retries:
 * its place in the refusal budget, if it held one, is given back (spent, when `refused`); and
 * unless it was `kept` it is given back to the file quotas: a refused one always (the budget
 * bounds those), others while the member's free files that day are under their daily file
 * limit, so what one member can have the bot fetch and keep stays bounded. Returns whether it
 * was given back.
 */
async function settle(
  options: QuotaOptions,
  file: { owner: QuotaOwner; day: string; fileId: string; outcome: FileOutcome },
): Promise<boolean> {
  const list = scopes(options, file.owner, file.day);
  const done = await options.redis.eval(
    SETTLE,
    list.length + 1,
    ledgerKey(options, file.owner, file.day),
    ...list.map((s) => s.key),
    fileField(file.fileId),
    file.outcome,
    TTL,
    options.limits.user,
  );
  return Number(done) === 1;
}

/**
 * Daily file quotas on Redis, shared by every process: the imgpile account's, each guild's and
 * each user's, and each user's budget of refused files. Reserved when work is enqueued, settled
 * file by file: kept, given back, or given back and spent from the refusal budget.
 */
export function createQuotas(options: QuotaOptions) {
  const { redis, limits } = options;
  const now = options.now ?? (() => new Date());
  return {
    limits,
    /** The clock the day is read from (another connection's quotas share it). */
    now,
    reserve: (owner: QuotaOwner, n: number): Promise<string> => reserve(options, now(), owner, n),
    settle: (owner: QuotaOwner, day: string, fileId: string, outcome: FileOutcome) =>
      settle(options, { owner, day, fileId, outcome }),
    /** Gives one file that was not rehosted back (`settle` with outcome `free`). */
    refund: (owner: QuotaOwner, day: string, fileId: string) =>
      settle(options, { owner, day, fileId, outcome: 'free' }),
    /**
     * Takes a place in `owner`'s refusal budget for a file about to be fetched (once per
     * `fileId`): `held`; `spent` when the budget is used up (fetch nothing); `wait` while the
     * rest of it is held by their other files being fetched.
     */
    async hold(owner: QuotaOwner, day: string, fileId: string): Promise<HoldResult> {
      const key = ledgerKey(options, owner, day);
      const done = Number(await redis.eval(HOLD, 1, key, fileField(fileId), limits.refusals, TTL));
      return done === 1 ? 'held' : done === 0 ? 'spent' : 'wait';
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
      const [values, ledger] = await Promise.all([
        redis.mget(...list.map((s) => s.key)),
        redis.hmget(ledgerKey(options, owner, day), 'spent', 'held'),
      ]);
      const usage: QuotaUsage = {
        account: null,
        linked: null,
        guild: null,
        user: null,
        refusals: {
          used: Number(ledger[0] ?? 0),
          inProgress: Number(ledger[1] ?? 0),
          limit: limits.refusals,
        },
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
