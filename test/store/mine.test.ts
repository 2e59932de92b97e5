import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedis, deleteKeys, type Redis } from '../../src/redis.js';
import { MINE_CAP, createMine } from '../../src/store/mine.js';

const prefix = `t${randomBytes(5).toString('hex')}`;
let redis: Redis;
beforeAll(() => {
  redis = createRedis(inject('redisUrl'));
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

const DAY = 86_400_000;

describe('the per-user index behind /imgpile mine', () => {
  it('keeps the newest MINE_CAP entries per user, as a compact listpack', async () => {
    const mine = createMine(redis, prefix, 90);
    const start = Date.now() - 1000 * 1000;
    for (let n = 0; n < MINE_CAP + 5; n++)
      await mine
        .add(
          redis.multi(),
          'u1',
          { kind: 'media', slug: `s${n}`, ext: 'png' },
          new Date(start + n * 1000),
        )
        .exec();
    const { entries, total } = await mine.page('u1', 1, 3);
    expect(total).toBe(MINE_CAP);
    expect(entries.map((e) => e.slug)).toEqual([
      `s${MINE_CAP + 4}`,
      `s${MINE_CAP + 3}`,
      `s${MINE_CAP + 2}`,
    ]);
    expect(entries[0]).toMatchObject({ kind: 'media', ext: 'png' });
    expect((await mine.page('u1', 34, 3)).entries.map((e) => e.slug)).toEqual(['s5']);
    expect(await redis.object('ENCODING', `${prefix}:mine:u1`)).toBe('listpack');
  });

  it('forgets entries past the retention of the records they point at, and deleted ones', async () => {
    const mine = createMine(redis, prefix, 3);
    await mine
      .add(
        redis.multi(),
        'u2',
        { kind: 'post', slug: 'old', ext: null },
        new Date(Date.now() - 2.5 * DAY),
      )
      .exec();
    await mine.add(redis.multi(), 'u2', { kind: 'post', slug: 'new', ext: null }).exec();
    await mine.add(redis.multi(), 'u2', { kind: 'media', slug: 'pic', ext: 'jpg' }).exec();
    expect((await mine.page('u2', 1, 10)).entries.map((e) => e.slug).sort()).toEqual([
      'new',
      'pic',
    ]);
    await mine.remove('u2', 'media', 'pic');
    await mine.remove('u2', 'post', 'pic');
    expect((await mine.page('u2', 1, 10)).entries.map((e) => e.slug)).toEqual(['new']);
    expect(await redis.ttl(`${prefix}:mine:u2`)).toBeLessThanOrEqual(2 * 86_400);
  });
});
