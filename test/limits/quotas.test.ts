import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createQuotas } from '../../src/limits/quotas.js';
import { createRedis, deleteKeys, type Redis } from '../../src/redis.js';
import { GUILD, USER } from '../helpers/cast.js';

let redis: Redis;
const prefix = `t${randomBytes(5).toString('hex')}`;

beforeAll(() => {
  redis = createRedis(inject('redisUrl'));
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

const LIMITS = {
  account: 1000,
  guild: 1000,
  user: 50,
  refusals: 20,
  linked: 1000,
  linkedScopes: { guild: true, user: true },
};

function quotas(limits: Partial<typeof LIMITS> = {}) {
  return createQuotas({
    redis,
    prefix: `${prefix}:${randomBytes(3).toString('hex')}`,
    limits: { ...LIMITS, ...limits },
  });
}
const owner = { guildId: GUILD, userId: USER };

describe('the refusal budget', () => {
  it('fifty files about to be fetched at once on a budget of one: one holds a place, the others wait', async () => {
    const q = quotas({ refusals: 1 });
    const day = await q.reserve(owner, 10);
    const holds = await Promise.all(
      Array.from({ length: 50 }, (_, i) => q.hold(owner, day, `req:file-${i}`)),
    );
    expect(holds.filter((h) => h === 'held')).toHaveLength(1);
    expect(holds.filter((h) => h === 'wait')).toHaveLength(49);
    expect((await q.usage(owner)).refusals).toEqual({ used: 0, inProgress: 1, limit: 1 });
  });

  it('a refused file spends its place: then nothing more is fetched, and requests are refused whole', async () => {
    const q = quotas({ refusals: 1 });
    const day = await q.reserve(owner, 2);
    expect(await q.hold(owner, day, 'req:a')).toBe('held');
    // Held before: the same file (a re-run) keeps its place.
    expect(await q.hold(owner, day, 'req:a')).toBe('held');
    expect(await q.settle(owner, day, 'req:a', 'refused')).toBe(true);
    expect(await q.settle(owner, day, 'req:a', 'refused')).toBe(false);
    expect(await q.hold(owner, day, 'req:b')).toBe('spent');
    await expect(q.reserve(owner, 1)).rejects.toMatchObject({ scope: 'refusals' });
    expect((await q.usage(owner)).refusals).toEqual({ used: 1, inProgress: 0, limit: 1 });
  });

  it('a file kept gives its place back once, however often it is settled', async () => {
    const q = quotas({ refusals: 1 });
    const day = await q.reserve(owner, 2);
    expect(await q.hold(owner, day, 'req:a')).toBe('held');
    expect(await q.hold(owner, day, 'req:b')).toBe('wait');
    await q.settle(owner, day, 'req:a', 'kept');
    await q.settle(owner, day, 'req:a', 'kept');
    expect(await q.hold(owner, day, 'req:b')).toBe('held');
    const usage = await q.usage(owner);
    expect(usage.refusals).toEqual({ used: 0, inProgress: 1, limit: 1 });
    expect(usage.user?.used).toBe(2);
  });
});

describe('free files', () => {
  it('are given back while the member has had fewer than their daily file limit of them', async () => {
    const q = quotas({ user: 2 });
    const given: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const day = await q.reserve(owner, 1);
      given.push(await q.refund(owner, day, `req-${i}:file`));
    }
    expect(given).toEqual([true, true, false, false]);
    await expect(q.reserve(owner, 1)).rejects.toMatchObject({ scope: 'user', remaining: 0 });
  });
});
