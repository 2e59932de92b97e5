import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chooseAccount } from '../../src/accounts/choose.js';
import { createLinkedAccounts } from '../../src/accounts/linked.js';
import { keyId } from '../../src/accounts/seal.js';
import { createImgpileClient, type ImgpileClient } from '../../src/imgpile/index.js';
import { createRateLimiter } from '../../src/limits/rate-limiter.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { createRedis, deleteKeys, type Redis } from '../../src/redis.js';
import { createStore } from '../../src/store/index.js';
import { eventually } from '../helpers/interactions.js';

const prefix = `t${randomBytes(5).toString('hex')}`;
let redis: Redis;
const imgpile = createImgpileClient({
  apiUrl: 'http://127.0.0.1:9/api/v1',
  uploadUrl: 'http://127.0.0.1:9/api/v1',
  token: 'bot-token-never-used',
});

beforeAll(() => {
  redis = createRedis(inject('redisUrl'));
});
afterAll(async () => {
  await deleteKeys(redis, prefix);
  redis.disconnect();
  await imgpile.close();
});

function accountsWith(
  key: Buffer | null,
  previousKey: Buffer | null = null,
  client: ImgpileClient = imgpile,
  log: Logger = createLogger({ level: 'silent' }),
) {
  const store = createStore(redis, prefix, { retentionDays: 90 });
  const accounts = createLinkedAccounts({
    store,
    redis,
    config: {
      accounts: { key, previousKey, problem: key ? null : 'ACCOUNT_ENCRYPTION_KEY is not set' },
      rateLimit: { requestsPerMinute: 120, windowMs: 60_000 },
      redisPrefix: prefix,
    },
    imgpile: client,
    publicLimiter: createRateLimiter({ redis, prefix, token: 'public', limit: 30 }),
    log,
  });
  return { store, accounts };
}

const kidOf = (sealed: string | undefined) => sealed?.split('.')[1];

describe('linked accounts: key rotation', () => {
  it('a record sealed with the previous key is opened and sealed again with the current one when used', async () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const before = accountsWith(a);
    await before.accounts.save('1200000000000000001', 'token-one-abcdef', 'one');
    expect(kidOf((await before.store.accounts.get('1200000000000000001'))?.sealed)).toBe(keyId(a));

    const rotated = accountsWith(b, a);
    const acting = await rotated.accounts.actAs('1200000000000000001');
    expect(typeof acting).toBe('object');
    expect(kidOf((await rotated.store.accounts.get('1200000000000000001'))?.sealed)).toBe(keyId(b));
    // Without the previous key the fresh record still opens: the rotation is complete for it.
    expect(typeof (await accountsWith(b).accounts.actAs('1200000000000000001'))).toBe('object');
  });

  it('resealAll seals every record with the current key; those neither key opens are counted', async () => {
    const [a, b, c] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    const old = accountsWith(a);
    await old.accounts.save('1200000000000000011', 'token-eleven-abc', 'eleven');
    await old.accounts.save('1200000000000000012', 'token-twelve-abc', 'twelve');
    await accountsWith(c).accounts.save('1200000000000000013', 'token-thirteen-a', 'thirteen');
    const rotated = accountsWith(b, a);
    const result = await rotated.accounts.resealAll();
    expect(result.resealed).toBe(2);
    expect(result.unreadable).toBeGreaterThanOrEqual(1);
    for (const id of ['1200000000000000011', '1200000000000000012'])
      expect(kidOf((await rotated.store.accounts.get(id))?.sealed)).toBe(keyId(b));
    expect(await accountsWith(b).accounts.actAs('1200000000000000013')).toBe('unreadable');
  });

  it('without a key nothing is acted as; an unlinked or broken account is said so', async () => {
    const key = randomBytes(32);
    const { accounts, store } = accountsWith(key);
    expect(await accountsWith(null).accounts.actAs('1200000000000000021')).toBe('off');
    expect(await accounts.actAs('1200000000000000021')).toBe('unlinked');
    await accounts.save('1200000000000000021', 'token-twentyone', 'tw');
    await store.accounts.markBroken('1200000000000000021', true);
    expect(await accounts.actAs('1200000000000000021')).toBe('broken');
    expect(await store.accounts.takeNotice('1200000000000000021')).toBe(true);
    expect(await store.accounts.takeNotice('1200000000000000021')).toBe(false);
    // Linking again clears it.
    await accounts.save('1200000000000000021', 'token-twentyone', 'tw');
    expect(typeof (await accounts.actAs('1200000000000000021'))).toBe('object');
  });
});

describe('a record no configured key opens', () => {
  it('is chosen for no request, and is logged at error level naming key ids, never a key', async () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const id = '1200000000000000041';
    await accountsWith(a).accounts.save(id, 'token-forty-one', 'fortyone');
    const lines: Record<string, unknown>[] = [];
    const log = createLogger(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    );
    const { store, accounts } = accountsWith(b, null, imgpile, log);
    const config = { accounts: { key: b, previousKey: null, problem: null } };
    expect(await chooseAccount({ store, config, log }, { guildId: null, userId: id })).toEqual({
      account: 'bot',
      broken: false,
      unreadable: true,
    });
    expect(await accounts.actAs(id)).toBe('unreadable');
    const errors = lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(2);
    for (const line of errors) {
      expect(line).toMatchObject({ userId: id, sealedWith: keyId(a), keys: [keyId(b)] });
      expect(line.msg).toMatch(/ACCOUNT_ENCRYPTION_KEY_PREVIOUS/);
    }
    const text = JSON.stringify(lines);
    for (const secret of [a, b]) expect(text).not.toContain(secret.toString('base64'));
    expect(text).not.toContain('token-forty-one');
  });
});

describe('a 401 marks broken the token that met it, not one linked since', () => {
  it("an old token's late 401 leaves the account linked again meanwhile alone; the new token's own 401 breaks it", async () => {
    // imgpile as it answers a revoked token: 401 to everything.
    const server = createHttpServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"message":"Unauthenticated."}');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const refusing = createImgpileClient({ apiUrl: base, uploadUrl: base, token: 'bot-token' });
    try {
      const key = randomBytes(32);
      const { accounts, store } = accountsWith(key, null, refusing);
      const user = '1200000000000000041';
      await accounts.save(user, 'token-old-revoked', 'forty');
      const old = await accounts.actAs(user);
      if (typeof old === 'string') throw new Error(old);
      // The member links a new token while a job still holds the old one.
      await accounts.save(user, 'token-new-fresh1', 'forty');
      await expect(old.client.getPost('abcdefg', {}, { authenticated: true })).rejects.toThrow();
      // The hook marks asynchronously: give it time to (wrongly) act.
      await new Promise((r) => setTimeout(r, 300));
      expect((await store.accounts.get(user))?.broken).toBe(false);
      await store.accounts.markBroken(user, false, old.sealed);
      expect((await store.accounts.get(user))?.broken).toBe(false);

      const fresh = await accounts.actAs(user);
      if (typeof fresh === 'string') throw new Error(fresh);
      await expect(fresh.client.getPost('abcdefg', {}, { authenticated: true })).rejects.toThrow();
      await eventually(async () => (await store.accounts.get(user))?.broken, 5000);
    } finally {
      await refusing.close();
      await new Promise((done) => server.close(done));
    }
  });
});

describe('npm run reseal-accounts', () => {
  it('seals every record with the new key, so the previous one can be dropped; prints no secret', async () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const own = `t${randomBytes(5).toString('hex')}`;
    const store = createStore(redis, own, { retentionDays: 90 });
    const sealedWithA = createLinkedAccounts({
      store,
      redis,
      config: {
        accounts: { key: a, previousKey: null, problem: null },
        rateLimit: { requestsPerMinute: 120, windowMs: 60_000 },
        redisPrefix: own,
      },
      imgpile,
      publicLimiter: createRateLimiter({ redis, prefix: own, token: 'public', limit: 30 }),
      log: createLogger({ level: 'silent' }),
    });
    await sealedWithA.save('1200000000000000031', 'token-thirtyone-x', 'x');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reseal-accounts.ts'], {
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: 'discord-token-not-used',
        IMGPILE_TOKEN: 'imgpile-token-not-used',
        REDIS_URL: inject('redisUrl'),
        REDIS_PREFIX: own,
        ACCOUNT_ENCRYPTION_KEY: b.toString('base64'),
        ACCOUNT_ENCRYPTION_KEY_PREVIOUS: a.toString('base64'),
      },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('Sealed again with the current key: 1. Opened by neither key: 0.\n');
    expect(run.status).toBe(0);
    expect(kidOf((await store.accounts.get('1200000000000000031'))?.sealed)).toBe(keyId(b));
    await deleteKeys(redis, own);
  });

  it('says so and exits 1 when REDIS_URL does not answer, instead of waiting for ever', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((done) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => done(port));
      });
    });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reseal-accounts.ts'], {
      env: {
        PATH: process.env.PATH,
        DISCORD_TOKEN: 'discord-token-not-used',
        IMGPILE_TOKEN: 'imgpile-token-not-used',
        REDIS_URL: `redis://127.0.0.1:${port}`,
        ACCOUNT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'Could not re-seal the linked accounts: Redis at REDIS_URL did not answer in 5 s',
    );
  }, 70_000);
});
