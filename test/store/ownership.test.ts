import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRedis, deleteKeys, type Redis } from '../../src/redis.js';
import { createStore, ownerRecord } from '../../src/store/index.js';
import { CHANNEL, GUILD, USER } from '../helpers/cast.js';

const prefix = `t${randomBytes(5).toString('hex')}`;
let redis: Redis;
beforeAll(() => {
  redis = createRedis(inject('redisUrl'));
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

const requester = { userId: USER, guildId: GUILD, channelId: CHANNEL };

describe('owner records', () => {
  it('are kept short (ids in base 36) and read back whole, with their index entry', async () => {
    const store = createStore(redis, prefix, { retentionDays: 90 });
    const owner = ownerRecord('req-1', requester, '1300000000000000042');
    await store.ownership
      .recordMediaOwner(redis.multi(), 'abc1234', owner, 'https://cdn/f/abc1234.png')
      .exec();
    await store.ownership
      .recordPostOwner(
        redis.multi(),
        'xyz7890',
        ownerRecord('req-1', { ...requester, guildId: null }),
      )
      .exec();
    expect(await store.ownership.getMediaOwner('abc1234')).toEqual({
      userId: requester.userId,
      guildId: requester.guildId,
      attachmentId: '1300000000000000042',
      createdAt: new Date(Math.floor(Date.parse(owner.createdAt) / 1000) * 1000).toISOString(),
    });
    expect(await store.ownership.getPostOwner('xyz7890')).toMatchObject({
      userId: requester.userId,
      guildId: null,
    });
    const day = new Date().toISOString().slice(0, 10);
    const raw = await redis.hget(`${prefix}:owners:media:${day}`, 'abc1234');
    expect(raw!.length).toBeLessThan(50);
    const { entries } = await store.mine.page(requester.userId, 1, 5);
    expect(entries.map((e) => [e.kind, e.slug, e.ext])).toEqual([
      ['post', 'xyz7890', null],
      ['media', 'abc1234', 'png'],
    ]);
    await store.ownership.forgetMedia('abc1234');
    expect(await store.ownership.getMediaOwner('abc1234')).toBeNull();
    expect((await store.mine.page(requester.userId, 1, 5)).entries.map((e) => e.slug)).toEqual([
      'xyz7890',
    ]);
  });

  it("keep a link's attachment id (not a Discord id) as it is", async () => {
    const store = createStore(redis, prefix, { retentionDays: 90 });
    const linkId = `u${'d5'.repeat(12)}`;
    await store.ownership
      .recordMediaOwner(redis.multi(), 'lnk1234', ownerRecord('req-2', requester, linkId))
      .exec();
    expect(await store.ownership.getMediaOwner('lnk1234')).toMatchObject({
      userId: requester.userId,
      attachmentId: linkId,
    });
  });

  it('still reads records written before they were shortened', async () => {
    const store = createStore(redis, prefix, { retentionDays: 90 });
    const day = new Date().toISOString().slice(0, 10);
    const legacy = `${requester.userId} ${requester.guildId} ${requester.channelId} req-9 1795000000 1300000000000000077`;
    await redis.hset(`${prefix}:owners:media:${day}`, 'old1234', legacy);
    expect(await store.ownership.getMediaOwner('old1234')).toEqual({
      userId: requester.userId,
      guildId: requester.guildId,
      attachmentId: '1300000000000000077',
      createdAt: new Date(1795000000 * 1000).toISOString(),
    });
  });
});
