import type { Say } from '../../text/index.js';
import type { Redis } from '../../redis.js';
import { encodeChange, watchIndexKeys } from './watch-index.js';

export type WatchMode = 'media' | 'post';
export type WatchVisibility = 'public' | 'hidden' | 'private';
/**
 * Why and when a watch stopped answering (its channel refused the bot): `say` for its reader,
 * `reason` the English (all the previous version stored; read with `isSay`).
 */
export type WatchPause = { reason: string; say?: Say; at: number };
export type Watch = { mode: WatchMode; visibility: WatchVisibility; paused?: WatchPause };

const MODES: readonly string[] = ['media', 'post'];
const VISIBILITIES: readonly string[] = ['public', 'hidden', 'private'];

/** Discord's refusals in a channel are counted over this window (Discord's own for them). */
const REFUSAL_WINDOW_MS = 10 * 60_000;
const MEMBER_REFUSAL_WINDOW_MS = 24 * 3_600_000;

/**
 * A stored watch: `{"mode","visibility"}`, or a bare mode written by an earlier version, which
 * was public (what its admin had agreed to).
 */
function decode(raw: string | null | undefined): Watch | null {
  if (raw === null || raw === undefined) return null;
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

function decodePause(raw: string | null | undefined): WatchPause | null {
  if (!raw) return null;
  try {
    const p = JSON.parse(raw) as Partial<WatchPause>;
    return { reason: String(p.reason ?? ''), say: p.say, at: Number(p.at ?? 0) };
  } catch {
    return null;
  }
}

const withPause = (watch: Watch | null, raw: string | null | undefined): Watch | null => {
  const paused = decodePause(raw);
  return watch && paused ? { ...watch, paused } : watch;
};

/** Pauses a watch that exists and is not paused yet: 1 when this call paused it. */
const PAUSE = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2])`;

/**
 * Removes a server's watch of a channel. The index and the change every process applies are
 * shared by all servers: they are touched only where the index gives the channel to this server,
 * so that a channel id of another server (typed, or a stale record) removes nothing of its watch.
 * Returns 1 when the server's watch was there.
 */
const REMOVE = `
local removed = redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if redis.call('HGET', KEYS[3], ARGV[1]) == ARGV[2] then
  redis.call('HDEL', KEYS[3], ARGV[1])
  redis.call('PUBLISH', KEYS[4], ARGV[3])
end
return removed`;

/** A watch found for a message, and Discord's recent refusals in the message's channel. */
export type FoundWatch = { channelId: string; watch: Watch; refusals: number };

function watchKeys(prefix: string) {
  return {
    ...watchIndexKeys(prefix),
    watch: (guildId: string) => `${prefix}:watch:${guildId}`,
    paused: (guildId: string) => `${prefix}:watch-paused:${guildId}`,
    refused: (channelId: string) => `${prefix}:refused:${channelId}`,
    refusedBy: (userId: string) => `${prefix}:refused-member:${userId}`,
  };
}

/**
 * Refusals that are one member's (they blocked the bot), counted for a day: a block is rarely
 * lifted within minutes.
 */
function memberRefusals(redis: Redis, keyOf: (userId: string) => string) {
  return {
    /** Counts one; returns the member's refusals in the window. */
    async noteMemberRefusal(userId: string): Promise<number> {
      const [[, count]] = (await redis
        .multi()
        .incr(keyOf(userId))
        .pexpire(keyOf(userId), MEMBER_REFUSAL_WINDOW_MS, 'NX')
        .exec()) as [[unknown, number]];
      return count;
    },
    /** Discord's refusals of the bot for member `userId` in the current window. */
    async memberRefusals(userId: string): Promise<number> {
      return Number((await redis.get(keyOf(userId))) ?? 0);
    },
  };
}

/**
 * The watch a message in `channelId` falls under: the channel's own, else its parent's (a
 * thread follows its parent), with the refusals counted in `channelId`. One round trip.
 */
async function findWatch(
  redis: Redis,
  key: ReturnType<typeof watchKeys>,
  guildId: string,
  channelId: string,
  parentId: string | null,
): Promise<FoundWatch | null> {
  const ids = parentId ? [channelId, parentId] : [channelId];
  const [[, raws], [, pauses], [, refused]] = (await redis
    .multi()
    .hmget(key.watch(guildId), ...ids)
    .hmget(key.paused(guildId), ...ids)
    .get(key.refused(channelId))
    .exec()) as [[unknown, (string | null)[]], [unknown, (string | null)[]], [unknown, string]];
  const at = ids.findIndex((_, i) => decode(raws[i]) !== null);
  if (at < 0) return null;
  const watch = withPause(decode(raws[at]), pauses[at])!;
  return { channelId: ids[at]!, watch, refusals: Number(refused ?? 0) };
}

/**
 * Watched channels per guild, with their mode and visibility, in one Redis hash per guild; the
 * paused ones in a second hash; and Discord's recent refusals (403s) per channel.
 */
export function createWatches(redis: Redis, prefix: string) {
  const key = watchKeys(prefix);
  return {
    async get(guildId: string, channelId: string): Promise<Watch | null> {
      const [[, raw], [, paused]] = (await redis
        .multi()
        .hget(key.watch(guildId), channelId)
        .hget(key.paused(guildId), channelId)
        .exec()) as [[unknown, string | null], [unknown, string | null]];
      return withPause(decode(raw), paused);
    },
    find: (guildId: string, channelId: string, parentId: string | null) =>
      findWatch(redis, key, guildId, channelId, parentId),
    /**
     * Adds or replaces a watch; it starts afresh: not paused, no refusals remembered. Every bot
     * process is told, in the same step.
     */
    async set(guildId: string, channelId: string, watch: Watch): Promise<void> {
      const { mode, visibility } = watch;
      await redis
        .multi()
        .hset(key.watch(guildId), channelId, JSON.stringify({ mode, visibility }))
        .hdel(key.paused(guildId), channelId)
        .del(key.refused(channelId))
        .hset(key.index, channelId, guildId)
        .publish(key.changes, encodeChange({ guildId, channelId, watched: true }))
        .exec();
    },
    /**
     * Returns whether the channel was watched by this server. Every bot process is told; a
     * channel another server watches is left alone.
     */
    async remove(guildId: string, channelId: string): Promise<boolean> {
      const keys = [key.watch(guildId), key.paused(guildId), key.index, key.changes];
      const change = encodeChange({ guildId, channelId, watched: false });
      return (await redis.eval(REMOVE, keys.length, ...keys, channelId, guildId, change)) === 1;
    },
    async list(guildId: string): Promise<({ channelId: string } & Watch)[]> {
      const [[, all], [, paused]] = (await redis
        .multi()
        .hgetall(key.watch(guildId))
        .hgetall(key.paused(guildId))
        .exec()) as [[unknown, Record<string, string>], [unknown, Record<string, string>]];
      return Object.entries(all).flatMap(([channelId, raw]) => {
        const watch = withPause(decode(raw), paused[channelId]);
        return watch ? [{ channelId, ...watch }] : [];
      });
    },
    /**
     * Pauses a watch (it ignores its channel until added again). True only for the call that
     * paused it, so the server is told once; false if it was paused already or is not watched.
     */
    async pause(guildId: string, channelId: string, why: Omit<WatchPause, 'at'>): Promise<boolean> {
      const value = JSON.stringify({ ...why, at: Date.now() });
      const keys = [key.watch(guildId), key.paused(guildId)];
      return (await redis.eval(PAUSE, keys.length, ...keys, channelId, value)) === 1;
    },
    /** Counts a refusal by Discord in a channel; returns the refusals in the current window. */
    async noteRefusal(channelId: string): Promise<number> {
      const [[, count]] = (await redis
        .multi()
        .incr(key.refused(channelId))
        .pexpire(key.refused(channelId), REFUSAL_WINDOW_MS, 'NX')
        .exec()) as [[unknown, number]];
      return count;
    },
    ...memberRefusals(redis, key.refusedBy),
    /** Discord's refusals in a channel in the current window. */
    async refusals(channelId: string): Promise<number> {
      return Number((await redis.get(key.refused(channelId))) ?? 0);
    },
  };
}
