import type { Redis } from '../../redis.js';

/**
 * How far back catch-up reads: a channel not seen for longer is forgotten (its Discord links
 * have long expired, and its watch was most likely dropped).
 */
export const CATCHUP_HORIZON_DAYS = 14;
const HORIZON_S = CATCHUP_HORIZON_DAYS * 86_400;
/** At most this many channels and threads remembered per server (the oldest go first). */
export const CATCHUP_MAX_CHANNELS = 1_000;

const DISCORD_EPOCH = 1_420_070_400_000n;
const idTime = (id: string) => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
const isSnowflake = (s: string) => /^\d{1,20}$/.test(s);

/** Snowflakes compare as numbers: a longer id is newer, same lengths compare as text. */
const NOTE = `
local old = redis.call('HGET', KEYS[1], ARGV[1])
local new = ARGV[2]
if (not old) or #new > #old or (#new == #old and new > old) then
  redis.call('HSET', KEYS[1], ARGV[1], new)
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

export type CatchupCursors = ReturnType<typeof createCatchupCursors>;

/**
 * The last message handled in each watched channel and thread of a server, so that what was
 * posted while the bot was away can be read back (one hash per server, bounded by age and size).
 */
export function createCatchupCursors(redis: Redis, prefix: string) {
  const key = (guildId: string) => `${prefix}:catchup:${guildId}`;
  return {
    /** `messageId` was handled in `channelId`: the cursor moves to it unless it is further. */
    async note(guildId: string, channelId: string, messageId: string) {
      await redis.eval(NOTE, 1, key(guildId), channelId, messageId, HORIZON_S);
    },
    /**
     * Every channel's cursor, newest first; cursors past the horizon (or beyond the size cap)
     * are dropped on the way.
     */
    async all(guildId: string, now = Date.now()): Promise<[string, string][]> {
      const raw = await redis.hgetall(key(guildId));
      const live: [string, string][] = [];
      const stale: string[] = [];
      for (const [channelId, id] of Object.entries(raw)) {
        if (isSnowflake(id) && idTime(id) > now - HORIZON_S * 1000) live.push([channelId, id]);
        else stale.push(channelId);
      }
      live.sort(([, a], [, b]) => (BigInt(b) > BigInt(a) ? 1 : BigInt(b) < BigInt(a) ? -1 : 0));
      stale.push(...live.splice(CATCHUP_MAX_CHANNELS).map(([c]) => c));
      if (stale.length > 0) await redis.hdel(key(guildId), ...stale);
      return live;
    },
    /** Forgets a channel (no longer watched, or gone). */
    async drop(guildId: string, channelId: string) {
      await redis.hdel(key(guildId), channelId);
    },
  };
}
