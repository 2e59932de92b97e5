import type { Redis } from '../redis.js';

export type WatchMode = 'media' | 'post';
export type WatchVisibility = 'public' | 'hidden' | 'private';
export type Watch = { mode: WatchMode; visibility: WatchVisibility };

const MODES: readonly string[] = ['media', 'post'];
const VISIBILITIES: readonly string[] = ['public', 'hidden', 'private'];

/**
 * A stored watch: `{"mode","visibility"}`, or a bare mode written by an earlier version, which
 * was public (what its admin had agreed to).
 */
function decode(raw: string | null): Watch | null {
  if (raw === null) return null;
  if (MODES.includes(raw)) return { mode: raw as WatchMode, visibility: 'public' };
  try {
    const w = JSON.parse(raw) as Partial<Watch>;
    if (MODES.includes(w.mode ?? '') && VISIBILITIES.includes(w.visibility ?? ''))
      return { mode: w.mode!, visibility: w.visibility! };
  } catch {
    // not ours: ignored
  }
  return null;
}

/** Watched channels per guild, with their mode and visibility, in one Redis hash per guild. */
export function createWatches(redis: Redis, prefix: string) {
  const key = (guildId: string) => `${prefix}:watch:${guildId}`;
  return {
    async get(guildId: string, channelId: string): Promise<Watch | null> {
      return decode(await redis.hget(key(guildId), channelId));
    },
    async set(guildId: string, channelId: string, watch: Watch): Promise<void> {
      await redis.hset(key(guildId), channelId, JSON.stringify(watch));
    },
    /** Returns whether the channel was watched. */
    async remove(guildId: string, channelId: string): Promise<boolean> {
      return (await redis.hdel(key(guildId), channelId)) === 1;
    },
    async list(guildId: string): Promise<({ channelId: string } & Watch)[]> {
      const all = await redis.hgetall(key(guildId));
      return Object.entries(all).flatMap(([channelId, raw]) => {
        const watch = decode(raw);
        return watch ? [{ channelId, ...watch }] : [];
      });
    },
  };
}
