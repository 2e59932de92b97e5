import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../redis.js';

const DAY_MS = 86_400_000;

/**
 * Records kept for a retention of days, one Redis hash per UTC day ("<base>:<yyyy-mm-dd>",
 * expiring `days` days after its day began, so a record is kept between `days - 1` and `days`
 * days): a record costs a hash field, not a key of its own (about half the memory), and a
 * whole day is forgotten at once. A lookup asks every day still kept, newest first, in one
 * round trip.
 */
export function dayBuckets(redis: Redis, base: string, days: number) {
  const dayOf = (at: number) => new Date(at).toISOString().slice(0, 10);
  const keyOf = (at: number) => `${base}:${dayOf(at)}`;
  /** Today's key, then every earlier day's still inside the retention. */
  const keptKeys = (now = Date.now()) =>
    Array.from({ length: days }, (_, i) => keyOf(now - i * DAY_MS));
  /** When a day's hash expires: `days` days after that UTC day began. */
  const expiresAt = (now: number) =>
    Math.floor((Date.parse(`${dayOf(now)}T00:00:00Z`) + days * DAY_MS) / 1000);

  return {
    /** Adds the write of `field` to a transaction (today's bucket). */
    write(tx: ChainableCommander, field: string, value: string, now = Date.now()) {
      const key = keyOf(now);
      return tx.hset(key, field, value).expireat(key, expiresAt(now));
    },
    /** The newest value of `field` still kept, or null. */
    async read(field: string): Promise<string | null> {
      const pipeline = redis.pipeline();
      for (const key of keptKeys()) pipeline.hget(key, field);
      const results = (await pipeline.exec()) ?? [];
      for (const [err, value] of results) {
        if (err) throw err;
        if (typeof value === 'string') return value;
      }
      return null;
    },
    /** Adds the removal of `field` from every kept day to a transaction. */
    remove(tx: ChainableCommander, field: string) {
      for (const key of keptKeys()) tx.hdel(key, field);
      return tx;
    },
  };
}
