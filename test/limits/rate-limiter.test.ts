import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { MAX_BLOCK_MS, RateLimitWait, createRateLimiter } from '../../src/limits/rate-limiter.js';
import { createRedis, deleteKeys, type Redis } from '../../src/redis.js';
import { OTHER_USER, USER } from '../helpers/cast.js';

let redis: Redis;
const prefix = `t${randomBytes(5).toString('hex')}`;

beforeAll(() => {
  redis = createRedis(inject('redisUrl'));
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
});

function limiter(limit: number, windowMs: number, token = randomBytes(8).toString('hex')) {
  return createRateLimiter({ redis, prefix, token, limit, windowMs, marginMs: 0 });
}

describe('rate limiter', () => {
  it('grants exactly `limit` slots in a window, then says how long to wait', async () => {
    const rl = limiter(5, 1000);
    const waits = [];
    for (let i = 0; i < 7; i++) waits.push(await rl.tryAcquire());
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBeGreaterThan(0);
    expect(waits[5]).toBeLessThanOrEqual(1000);
    expect(await rl.inWindow()).toBe(5);
  });

  it('with headroom, takes a slot only while that many more stay free for others', async () => {
    const rl = limiter(5, 5000);
    for (let i = 0; i < 3; i++) expect(await rl.tryAcquire()).toBe(0);
    expect(await rl.tryAcquire(1, 2)).toBeGreaterThan(0);
    expect(await rl.inWindow()).toBe(3);
    expect(await rl.tryAcquire(1, 1)).toBe(0);
    expect(await rl.tryAcquire(1, 1)).toBeGreaterThan(0);
    expect(await rl.tryAcquire()).toBe(0);
    expect(await rl.inWindow()).toBe(5);
  });

  it('frees slots as they leave the trailing window', async () => {
    const rl = limiter(2, 300);
    await rl.acquire();
    await rl.acquire();
    const started = Date.now();
    await rl.acquire(); // waits for the first slot to expire
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('shares one budget between limiter instances with the same token, never across tokens', async () => {
    const a = limiter(3, 5000, 'same-token');
    const b = limiter(3, 5000, 'same-token');
    const other = limiter(3, 5000, 'other-token');
    expect(await a.tryAcquire()).toBe(0);
    expect(await b.tryAcquire()).toBe(0);
    expect(await a.tryAcquire()).toBe(0);
    expect(await b.tryAcquire()).toBeGreaterThan(0);
    expect(await other.tryAcquire()).toBe(0);
  });

  it('block() stops every holder of the token until it passes', async () => {
    const a = limiter(100, 1000, 'blocked-token');
    const b = limiter(100, 1000, 'blocked-token');
    await a.block(400);
    const wait = await b.tryAcquire();
    expect(wait).toBeGreaterThan(300);
    expect(wait).toBeLessThanOrEqual(400);
  });

  it('acquire() throws RateLimitWait instead of waiting longer than maxWaitMs', async () => {
    const rl = limiter(1, 10_000);
    await rl.acquire();
    await expect(rl.acquire({ maxWaitMs: 100 })).rejects.toBeInstanceOf(RateLimitWait);
  });

  it('keeps only a hash of the token in Redis keys', async () => {
    const rl = limiter(1, 1000, 'super-secret-imgpile-token');
    await rl.acquire();
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toContain('super-secret');
  });
});

describe('rate limiter: several slots, feedback and caps', () => {
  it('takes several slots at once, or none: two consecutive calls never wait in between', async () => {
    const rl = limiter(3, 10_000);
    expect(await rl.tryAcquire()).toBe(0);
    expect(await rl.tryAcquire(2)).toBe(0);
    // One slot would be free for nobody now; asking for two when one is left takes neither.
    const again = limiter(3, 10_000);
    expect(await again.tryAcquire(2)).toBe(0);
    expect(await again.tryAcquire(2)).toBeGreaterThan(0);
    expect(await again.tryAcquire(1)).toBe(0);
    expect(await again.inWindow()).toBe(3);
  });

  it("learns imgpile's own limit and what it says is left (X-RateLimit-*)", async () => {
    const rl = limiter(100, 10_000);
    await rl.acquire();
    // imgpile says its limit is 3 and 1 is left: our window must agree.
    await rl.observe({ limit: 3, remaining: 1 });
    expect(await rl.tryAcquire()).toBe(0);
    expect(await rl.tryAcquire()).toBeGreaterThan(0);
  });

  it('remaining 0 holds every holder of the token back', async () => {
    const rl = limiter(100, 10_000);
    await rl.observe({ limit: null, remaining: 0 });
    expect(await limiter(100, 10_000).tryAcquire()).toBe(0); // another token is not held
    expect(await rl.tryAcquire()).toBeGreaterThan(0);
  });

  it('a huge Retry-After is capped instead of breaking the block', async () => {
    const rl = limiter(100, 1000);
    const held = await rl.block(1e17);
    expect(held).toBe(MAX_BLOCK_MS);
    const wait = await rl.tryAcquire();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(MAX_BLOCK_MS);
  });
});

describe('rate limiter: a share per member', () => {
  it('one member takes at most their share of the pool; the others still get theirs', async () => {
    const rl = limiter(6, 10_000);
    const alice = { member: USER, limit: 2 };
    const bob = { member: OTHER_USER, limit: 2 };
    await rl.acquire({ share: alice, slots: 2 });
    const refused = await rl.acquire({ share: alice, maxWaitMs: 100 }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(RateLimitWait);
    expect(refused).toMatchObject({ own: true });
    await rl.acquire({ share: bob, slots: 2 });
    expect(await rl.inWindow()).toBe(4);
  });

  it('a member within their share still waits for the pool, and is told it is the pool', async () => {
    const rl = limiter(2, 10_000);
    await rl.acquire({ slots: 2 });
    const refused = await rl
      .acquire({ share: { member: '1200000000000000003', limit: 5 }, maxWaitMs: 100 })
      .catch((err: unknown) => err);
    expect(refused).toMatchObject({ own: false });
    // Nothing was taken from the member's share by the refused try.
    expect(await redis.keys(`${prefix}:ratelimit:*:member:1200000000000000003`)).toEqual([]);
  });
});
