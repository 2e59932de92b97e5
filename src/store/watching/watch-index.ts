import type { Redis } from '../../redis.js';

/** A watch added (`watched: true`) or removed, as published to every bot process. */
export type WatchChange = { guildId: string; channelId: string; watched: boolean };

const SNOWFLAKE = /^\d{1,20}$/;

/** Indexes one server's watch hash: each watched channel's server, by channel id. */
const INDEX_GUILD = `
local ids = redis.call('HKEYS', KEYS[1])
for _, id in ipairs(ids) do redis.call('HSET', KEYS[2], id, ARGV[1]) end
return #ids`;

/** Redis glob characters in a prefix, escaped so SCAN matches the prefix literally. */
const literal = (s: string) => s.replace(/[*?[\]\\]/g, '\\$&');

export function watchIndexKeys(prefix: string) {
  return {
    /** Every watched channel's server, by channel id: what bot processes load. */
    index: `${prefix}:watched`,
    /** Set once every watch written before the index existed is in it. */
    indexed: `${prefix}:watched-indexed`,
    /** The pub/sub channel watch changes are published on. */
    changes: `${prefix}:watch-changes`,
  };
}

/** The message published for a change, and read back (anything else is ignored). */
export function encodeChange(change: WatchChange): string {
  return JSON.stringify(change);
}

export function decodeChange(message: string): WatchChange | null {
  try {
    const c = JSON.parse(message) as Partial<WatchChange>;
    if (typeof c.guildId !== 'string' || !SNOWFLAKE.test(c.guildId)) return null;
    if (typeof c.channelId !== 'string' || !SNOWFLAKE.test(c.channelId)) return null;
    if (typeof c.watched !== 'boolean') return null;
    return { guildId: c.guildId, channelId: c.channelId, watched: c.watched };
  } catch {
    return null;
  }
}

/**
 * The index of watched channels across every server, which bot processes load whole (a few
 * dozen bytes a watch) and follow through the changes channel.
 */
export function createWatchIndex(redis: Redis, prefix: string) {
  const keys = watchIndexKeys(prefix);

  /**
   * Indexes the watches written before the index existed (an upgrade), once: every server's
   * watch hash, a server at a time, each in one atomic step so that a watch removed meanwhile
   * is not indexed again.
   */
  async function indexEarlierWatches(): Promise<number> {
    if ((await redis.exists(keys.indexed)) === 1) return 0;
    const head = `${prefix}:watch:`;
    let cursor = '0';
    let indexed = 0;
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${literal(head)}*`, 'COUNT', 500);
      cursor = next;
      for (const key of found) {
        const guildId = key.slice(head.length);
        if (!SNOWFLAKE.test(guildId)) continue;
        indexed += Number(await redis.eval(INDEX_GUILD, 2, key, keys.index, guildId));
      }
    } while (cursor !== '0');
    await redis.set(keys.indexed, '1');
    return indexed;
  }

  return {
    channel: keys.changes,
    indexEarlierWatches,
    /** Every watched channel and its server, read in pages. */
    async all(): Promise<Map<string, string>> {
      const all = new Map<string, string>();
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(keys.index, cursor, 'COUNT', 1000);
        cursor = next;
        for (let i = 0; i + 1 < flat.length; i += 2) all.set(flat[i]!, flat[i + 1]!);
      } while (cursor !== '0');
      return all;
    },
  };
}
export type WatchIndex = ReturnType<typeof createWatchIndex>;
