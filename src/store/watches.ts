import type { Redis } from '../redis.js';

export type WatchMode = 'media' | 'post';

/** Watched channels per guild, with their mode, in one Redis hash per guild. */
export function createWatches(redis: Redis, prefix: string) {
  const key = (guildId: string) => `${prefix}:watch:${guildId}`;
  const isMode = (mode: string | null): mode is WatchMode => mode === 'media' || mode === 'post';
  return {
    async get(guildId: string, channelId: string): Promise<WatchMode | null> {
      const mode = await redis.hget(key(guildId), channelId);
      return isMode(mode) ? mode : null;
    },
    async set(guildId: string, channelId: string, mode: WatchMode): Promise<void> {
      await redis.hset(key(guildId), channelId, mode);
    },
    /** Returns whether the channel was watched. */
    async remove(guildId: string, channelId: string): Promise<boolean> {
      return (await redis.hdel(key(guildId), channelId)) === 1;
    },
    async list(guildId: string): Promise<{ channelId: string; mode: WatchMode }[]> {
      const all = await redis.hgetall(key(guildId));
      return Object.entries(all)
        .filter((e): e is [string, WatchMode] => isMode(e[1]))
        .map(([channelId, mode]) => ({ channelId, mode }));
    },
  };
}
