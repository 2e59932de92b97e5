import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../redis.js';

/** One thing a user rehosted with the bot's account, for `/imgpile mine`. */
export type MineEntry = {
  kind: 'media' | 'post';
  slug: string;
  /** A media's file extension (its CDN link is `/f/<slug>.<ext>`). */
  ext: string | null;
  at: Date;
};

/**
 * The newest entries kept per user. Under Redis's `zset-max-listpack-entries` (128), so each
 * user's index stays a listpack: under 30 bytes an entry, not a skiplist's 80 or more.
 */
export const MINE_CAP = 100;

const DAY_S = 86_400;
const EXT = /^[a-z0-9]{1,5}$/i;

const memberOf = (e: Pick<MineEntry, 'kind' | 'slug' | 'ext'>) =>
  e.kind === 'post' ? `p${e.slug}` : `m${e.slug}${e.ext && EXT.test(e.ext) ? `.${e.ext}` : ''}`;

function entryOf(member: string, score: string): MineEntry {
  const [slug = '', ext] = member.slice(1).split('.');
  return {
    kind: member.startsWith('p') ? 'post' : 'media',
    slug,
    ext: ext ?? null,
    at: new Date(Number(score)),
  };
}

export type Mine = ReturnType<typeof createMine>;

/**
 * What each user rehosted with the bot's account, newest first: one sorted set per user (member
 * `m<slug>.<ext>` or `p<slug>`, score the time in milliseconds), capped at MINE_CAP entries and kept
 * no longer than the ownership records it points at (the retention, less the day a record may
 * have already spent in its day bucket).
 */
export function createMine(redis: Redis, prefix: string, retentionDays: number) {
  const key = (userId: string) => `${prefix}:mine:${userId}`;
  const keptS = Math.max(1, retentionDays - 1) * DAY_S;
  const cutoff = () => Date.now() - keptS * 1000;
  return {
    /** Adds the entry to a transaction that writes its owner record. */
    add(tx: ChainableCommander, userId: string, entry: Omit<MineEntry, 'at'>, at = new Date()) {
      const k = key(userId);
      return tx
        .zadd(k, at.getTime(), memberOf(entry))
        .zremrangebyrank(k, 0, -(MINE_CAP + 1))
        .zremrangebyscore(k, '-inf', `(${cutoff()}`)
        .expire(k, keptS);
    },
    /** A page of a user's entries, newest first, and how many there are in all. */
    async page(userId: string, page: number, size: number) {
      const k = key(userId);
      const start = (page - 1) * size;
      const [, total, range] = ((await redis
        .multi()
        .zremrangebyscore(k, '-inf', `(${cutoff()}`)
        .zcard(k)
        .zrevrange(k, start, start + size - 1, 'WITHSCORES')
        .exec()) ?? []) as [unknown, [Error | null, number], [Error | null, string[]]];
      const flat = range?.[1] ?? [];
      const entries: MineEntry[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) entries.push(entryOf(flat[i]!, flat[i + 1]!));
      return { entries, total: total?.[1] ?? 0 };
    },
    /** Drops a media or post from its user's index (it was deleted). */
    async remove(userId: string, kind: MineEntry['kind'], slug: string) {
      const k = key(userId);
      const mark = memberOf({ kind, slug, ext: null });
      const members = await redis.zrange(k, 0, -1);
      const gone = members.filter((m) => m === mark || m.startsWith(`${mark}.`));
      if (gone.length > 0) await redis.zrem(k, ...gone);
    },
  };
}
