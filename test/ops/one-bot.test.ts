import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { DuplicateBotError, claimBotShards } from '../../src/ops/one-bot.js';
import { createRedis, deleteKeys } from '../../src/redis.js';
import {
  BOT_PROCESS_TTL_MS,
  botProcessesKey,
  type BotProcess,
} from '../../src/store/bot-processes.js';

const redis = createRedis(inject('redisUrl'));
const prefix = `t${randomBytes(5).toString('hex')}`;
const log = createLogger({ level: 'silent' });
const token = 'discord-token-of-the-bot';

afterEach(async () => deleteKeys(redis, prefix));

/** Another machine's process, as its record would be, last seen `agoMs` ago. */
async function elsewhere(agoMs: number, shards: number[] | null = null) {
  const key = botProcessesKey(prefix, token);
  const record: BotProcess = {
    host: 'another-machine',
    pid: 4242,
    startedAt: new Date().toISOString(),
    shards,
    seenAt: Date.now() - agoMs,
  };
  await redis.hset(key, 'another-machine:4242:aaaaaa', JSON.stringify(record));
  return { key: key, record };
}

describe('one bot process per shard, across machines', () => {
  it('a record another machine stopped renewing lapses within the TTL, and its shards are taken', async () => {
    const { key } = await elsewhere(BOT_PROCESS_TTL_MS - 1_500);
    const claim = await claimBotShards({ redis, prefix, token, shards: null, log });
    // The lapsed record is gone; this process's is there.
    const records = Object.values(await redis.hgetall(key)).map((r) => JSON.parse(r) as BotProcess);
    expect(records.map((r) => r.host)).not.toContain('another-machine');
    expect(records.map((r) => r.pid)).toEqual([process.pid]);
    await claim.release();
  });

  it('a record another machine keeps renewing is a live duplicate, named', async () => {
    const { key, record } = await elsewhere(0, [1, 2]);
    const renew = setInterval(() => {
      void redis.hset(
        key,
        'another-machine:4242:aaaaaa',
        JSON.stringify({ ...record, seenAt: Date.now() }),
      );
    }, 300);
    try {
      const err = await claimBotShards({ redis, prefix, token, shards: [2, 3], log }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DuplicateBotError);
      expect((err as Error).message).toMatch(
        /^another bot process already runs shards 1,2 of this bot \(the same DISCORD_TOKEN\) on this Redis: host another-machine, pid 4242,/,
      );
      // Shards it does not run are free.
      const other = await claimBotShards({ redis, prefix, token, shards: [3], log });
      await other.release();
    } finally {
      clearInterval(renew);
    }
  });
});

afterAll(() => redis.disconnect());
