import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis.js';
import {
  BOT_PROCESS_HEARTBEAT_MS,
  BOT_PROCESS_TTL_MS,
  createBotProcesses,
  type BotProcess,
  type BotProcesses,
} from '../store/bot-processes.js';

/** Another live bot process runs the same shards of the same bot on this Redis. */
export class DuplicateBotError extends Error {
  override name = 'DuplicateBotError';
}

const shardText = (shards: number[] | null) =>
  shards === null ? 'every shard' : `shards ${shards.join(',')}`;

function duplicateMessage(other: BotProcess): string {
  return (
    `another bot process already runs ${shardText(other.shards)} of this bot (the same ` +
    `DISCORD_TOKEN) on this Redis: host ${other.host}, pid ${other.pid}, started ${other.startedAt}. ` +
    'Both would answer every message. Stop the other one, or split the shards between them ' +
    'with DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS'
  );
}

/**
 * A process of this machine that is gone: its pid is not running, or is this process's own (a
 * container restarted under the same hostname runs as pid 1 again).
 */
function goneHere(other: BotProcess): boolean {
  if (other.host !== hostname()) return false;
  if (other.pid === process.pid) return true;
  try {
    process.kill(other.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Whether the other process still renews its record: a process that crashed leaves one that
 * lapses within the TTL, a live one renews it every heartbeat.
 */
async function stillAlive(processes: BotProcesses, id: string, seen: BotProcess) {
  const until = seen.seenAt + BOT_PROCESS_TTL_MS;
  while (Date.now() < until) {
    await sleep(250);
    const now = await processes.read(id);
    if (!now) return false;
    if (now.seenAt > seen.seenAt) return true;
  }
  return false;
}

/**
 * Claims this bot's shards on Redis before the gateway connects, and keeps the claim alive.
 * Throws DuplicateBotError naming the other process when a live one runs any of the same
 * shards; a record left by one that died is waited out (at most 10 s).
 */
export async function claimBotShards(options: {
  redis: Redis;
  prefix: string;
  token: string;
  shards: number[] | null;
  log: Logger;
}): Promise<{ release: () => Promise<void> }> {
  const { shards, log } = options;
  const processes = createBotProcesses(options.redis, options.prefix, options.token);
  const startedAt = new Date().toISOString();
  for (;;) {
    const held = await processes.claim(shards, startedAt);
    if (!held) break;
    if (goneHere(held.process)) {
      log.warn(
        { host: held.process.host, pid: held.process.pid },
        `another bot process with this DISCORD_TOKEN held ${shardText(held.process.shards)} on this Redis but is gone from this machine: taking over`,
      );
      await processes.drop(held.id);
      continue;
    }
    log.warn(
      { host: held.process.host, pid: held.process.pid },
      `another bot process with this DISCORD_TOKEN holds ${shardText(held.process.shards)} on this Redis; checking whether it is alive`,
    );
    if (await stillAlive(processes, held.id, held.process))
      throw new DuplicateBotError(duplicateMessage(held.process));
  }
  const timer = setInterval(() => {
    processes.heartbeat(shards, startedAt).catch(() => undefined);
  }, BOT_PROCESS_HEARTBEAT_MS);
  timer.unref();
  return {
    async release() {
      clearInterval(timer);
      // A Redis that is gone must not hold the shutdown: the record lapses on its own.
      await Promise.race([processes.release().catch(() => undefined), sleep(1_000)]);
    },
  };
}
