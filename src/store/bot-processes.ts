import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from '../redis.js';

/** A bot process holding gateway shards of one bot token on this Redis. */
export type BotProcess = {
  host: string;
  pid: number;
  startedAt: string;
  /** The shards it runs (DISCORD_SHARD_IDS); null: every shard. */
  shards: number[] | null;
  /** When it last said it is alive (ms since the epoch). */
  seenAt: number;
};

/** How often a bot process says it is alive, and how long its word lasts. */
export const BOT_PROCESS_HEARTBEAT_MS = 3_000;
export const BOT_PROCESS_TTL_MS = 10_000;

/**
 * Claims the shards atomically: drops the records of processes silent past the TTL, then
 * refuses when a live one runs any of the same shards (every shard overlaps everything).
 * KEYS: the hash. ARGV: own id, own record (JSON), now, ttl.
 * Returns nil (claimed) or the other's id and record.
 */
const CLAIM = `
local mine = cjson.decode(ARGV[2])
local now = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local id, other = all[i], cjson.decode(all[i + 1])
  if id ~= ARGV[1] then
    if other.seenAt + ttl < now then
      redis.call('HDEL', KEYS[1], id)
    else
      local overlap = other.shards == cjson.null or mine.shards == cjson.null
      if not overlap then
        local theirs = {}
        for _, s in ipairs(other.shards) do theirs[s] = true end
        for _, s in ipairs(mine.shards) do
          if theirs[s] then overlap = true end
        end
      end
      if overlap then return {id, all[i + 1]} end
    end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ttl)
return nil
`;

/**
 * The bot processes of one bot token on this Redis (under the prefix, keyed by a hash of the
 * token, never the token): two processes running the same shards would each answer every
 * message, so a second one is named and refused.
 */
/** The hash of one bot's processes: under the prefix, named by the token's hash, never the token. */
export const botProcessesKey = (prefix: string, token: string) =>
  `${prefix}:bot-processes:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;

export function createBotProcesses(redis: Redis, prefix: string, token: string) {
  const key = botProcessesKey(prefix, token);
  const id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const record = (shards: number[] | null, startedAt: string): BotProcess => ({
    host: hostname(),
    pid: process.pid,
    startedAt,
    shards,
    seenAt: Date.now(),
  });
  return {
    /** Claims `shards` for this process: null when claimed, else the process holding them. */
    async claim(
      shards: number[] | null,
      startedAt: string,
    ): Promise<{ id: string; process: BotProcess } | null> {
      const mine = JSON.stringify(record(shards, startedAt));
      const reply = (await redis.eval(CLAIM, 1, key, id, mine, Date.now(), BOT_PROCESS_TTL_MS)) as
        [string, string] | null;
      return reply ? { id: reply[0], process: JSON.parse(reply[1]) as BotProcess } : null;
    },
    /** Another process's record as it is now (null: gone). */
    async read(otherId: string): Promise<BotProcess | null> {
      const raw = await redis.hget(key, otherId);
      return raw === null ? null : (JSON.parse(raw) as BotProcess);
    },
    async heartbeat(shards: number[] | null, startedAt: string): Promise<void> {
      await redis
        .multi()
        .hset(key, id, JSON.stringify(record(shards, startedAt)))
        .pexpire(key, BOT_PROCESS_TTL_MS)
        .exec();
    },
    async release(): Promise<void> {
      await redis.hdel(key, id);
    },
    /** Forgets another process's record (one known to be gone). */
    async drop(otherId: string): Promise<void> {
      await redis.hdel(key, otherId);
    },
  };
}
export type BotProcesses = ReturnType<typeof createBotProcesses>;
