import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.js';

const base = { DISCORD_TOKEN: 'discord-secret-value', IMGPILE_TOKEN: 'imgpile-secret-value' };

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('applies the documented defaults', () => {
    expect(parseConfig(base)).toEqual({
      discord: {
        token: 'discord-secret-value',
        apiUrl: undefined,
        shardCount: 'auto',
        shardIds: null,
        messageContent: 'auto',
      },
      imgpile: {
        token: 'imgpile-secret-value',
        apiUrl: 'https://imgpile.com/api/v1',
        uploadUrl: 'https://cdn.imgpile.com/api/v1',
      },
      redisUrl: 'redis://127.0.0.1:6379',
      redisUrlExplicit: false,
      localRedis: { port: 6379, dir: './data/redis' },
      redisPrefix: 'imgpile-bot',
      logLevel: 'info',
      logFormat: 'auto',
      attachmentHosts: ['cdn.discordapp.com', 'media.discordapp.net'],
      maxFileBytes: 104_857_600,
      rateLimit: { requestsPerMinute: 120, windowMs: 60_000 },
      quotas: {
        account: 1000,
        guild: 200,
        user: 50,
        refusals: 20,
        linked: 1000,
        linkedScopes: { guild: true, user: true },
      },
      retention: { recordsDays: 90 },
      worker: { concurrency: 4, lockMs: 30_000, retryDelayMs: 2_000 },
      shutdownGraceMs: 8_000,
      health: null,
      urls: { enabled: true, allowHttp: false, allowHosts: [], denyHosts: [] },
      accounts: { key: null, previousKey: null, problem: 'ACCOUNT_ENCRYPTION_KEY is not set' },
    });
  });

  it('reads shards and the health port', () => {
    const config = parseConfig({ ...base, DISCORD_SHARDS: '4', HEALTH_PORT: '9090' });
    expect(config.discord.shardCount).toBe(4);
    expect(config.health).toEqual({ port: 9090, host: '127.0.0.1' });
    expect(
      problems({ ...base, DISCORD_SHARDS: 'many', HEALTH_PORT: '70000' }).map(
        (p) => p.split(' ')[0],
      ),
    ).toEqual(['DISCORD_SHARDS', 'HEALTH_PORT']);
  });

  it('HEALTH_HOST defaults to loopback, so /metrics is not public by accident; the image sets 0.0.0.0 itself', () => {
    expect(parseConfig({ ...base, HEALTH_PORT: '9090' }).health).toEqual({
      port: 9090,
      host: '127.0.0.1',
    });
    expect(parseConfig({ ...base, HEALTH_PORT: '9090', HEALTH_HOST: '0.0.0.0' }).health).toEqual({
      port: 9090,
      host: '0.0.0.0',
    });
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^ENV [^]*?HEALTH_HOST=0\.0\.0\.0/m);
    // .env.example, copied as it is, must not open it either.
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    expect(example).not.toMatch(/^HEALTH_HOST=0\.0\.0\.0/m);
  });

  it("splits one bot's shards across processes: DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS", () => {
    const config = parseConfig({ ...base, DISCORD_SHARD_COUNT: '16', DISCORD_SHARD_IDS: '0-3,8' });
    expect(config.discord).toMatchObject({ shardCount: 16, shardIds: [0, 1, 2, 3, 8] });
    expect(problems({ ...base, DISCORD_SHARD_IDS: '0-7' })[0]).toMatch(
      /DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT/,
    );
    expect(problems({ ...base, DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '2-5' })[0]).toMatch(
      /below DISCORD_SHARD_COUNT \(4\)/,
    );
    expect(problems({ ...base, DISCORD_SHARD_IDS: 'two' })[0]).toMatch(/^DISCORD_SHARD_IDS /);
  });

  it('an account key that is unset or malformed turns linking off, never start-up', () => {
    expect(parseConfig({ ...base, ACCOUNT_ENCRYPTION_KEY: 'short' }).accounts).toMatchObject({
      key: null,
      problem: expect.stringMatching(/not 32 bytes in base64/) as string,
    });
    const key = Buffer.alloc(32, 7).toString('base64');
    const ok = parseConfig({ ...base, ACCOUNT_ENCRYPTION_KEY: key }).accounts;
    expect(ok.key?.length).toBe(32);
    expect(ok.problem).toBeNull();
    // The key is never part of a configuration error.
    expect(
      problems({ ...base, ACCOUNT_ENCRYPTION_KEY: key, LOG_LEVEL: 'loud' }).join(),
    ).not.toContain(key);
  });

  it('a malformed previous key is named as itself; linked-account quotas are read', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const accounts = parseConfig({
      ...base,
      ACCOUNT_ENCRYPTION_KEY: key,
      ACCOUNT_ENCRYPTION_KEY_PREVIOUS: 'nope',
    }).accounts;
    expect(accounts.problem).toMatch(/^ACCOUNT_ENCRYPTION_KEY_PREVIOUS is not 32 bytes/);
    const quotas = (v: string) => parseConfig({ ...base, LINKED_ACCOUNT_QUOTAS: v }).quotas;
    expect(quotas('user').linkedScopes).toEqual({ guild: false, user: true });
    expect(quotas('none').linkedScopes).toEqual({ guild: false, user: false });
    expect(quotas('Server, user').linkedScopes).toEqual({ guild: true, user: true });
    expect(problems({ ...base, LINKED_ACCOUNT_QUOTAS: 'guild' })[0]).toMatch(
      /^LINKED_ACCOUNT_QUOTAS must be/,
    );
  });

  it('reads link rehosting: on/off, http, host lists', () => {
    const config = parseConfig({
      ...base,
      URL_REHOST: 'off',
      URL_ALLOW_HTTP: 'yes',
      URL_DENY_HOSTS: 'Evil.example, *.bad.example',
    });
    expect(config.urls).toEqual({
      enabled: false,
      allowHttp: true,
      allowHosts: [],
      denyHosts: ['evil.example', '*.bad.example'],
    });
    expect(
      problems({ ...base, URL_REHOST: 'maybe', URL_ALLOW_HOSTS: 'a b' }).map(
        (p) => p.split(' ')[0],
      ),
    ).toEqual(['URL_REHOST', 'URL_ALLOW_HOSTS']);
  });

  it('parses numbers and host lists', () => {
    const config = parseConfig({
      ...base,
      ATTACHMENT_HOSTS: ' CDN.example.com , 127.0.0.1:8080 ',
      MAX_FILE_BYTES: '1048576',
      WORKER_CONCURRENCY: '8',
      USER_DAILY_FILE_LIMIT: '5',
    });
    expect(config.attachmentHosts).toEqual(['cdn.example.com', '127.0.0.1:8080']);
    expect(config.maxFileBytes).toBe(1_048_576);
    expect(config.worker.concurrency).toBe(8);
    expect(config.quotas.user).toBe(5);
  });

  it('refuses numbers that are not positive whole numbers, and malformed host lists', () => {
    const found = problems({
      ...base,
      WORKER_CONCURRENCY: '0',
      MAX_FILE_BYTES: 'lots',
      SHUTDOWN_GRACE_MS: '1.5',
      ATTACHMENT_HOSTS: 'https://cdn.discordapp.com/',
    });
    expect(found.map((p) => p.split(' ')[0])).toEqual([
      'ATTACHMENT_HOSTS',
      'MAX_FILE_BYTES',
      'WORKER_CONCURRENCY',
      'SHUTDOWN_GRACE_MS',
    ]);
  });

  it('reads every variable and trims trailing slashes from URLs', () => {
    const config = parseConfig({
      ...base,
      DISCORD_API_URL: 'http://127.0.0.1:9999/api/',
      IMGPILE_API_URL: 'http://127.0.0.1:1/api/v1/',
      IMGPILE_UPLOAD_URL: 'http://127.0.0.1:2/api/v1',
      REDIS_URL: 'redis://:pw@10.0.0.1:6380/2',
      LOG_LEVEL: 'debug',
    });
    expect(config.discord.apiUrl).toBe('http://127.0.0.1:9999/api');
    expect(config.imgpile.apiUrl).toBe('http://127.0.0.1:1/api/v1');
    expect(config.imgpile.uploadUrl).toBe('http://127.0.0.1:2/api/v1');
    expect(config.redisUrl).toBe('redis://:pw@10.0.0.1:6380/2');
    expect(config.logLevel).toBe('debug');
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ ...base, LOG_LEVEL: '', IMGPILE_API_URL: '  ' }).logLevel).toBe('info');
  });

  it('names every bad variable at once', () => {
    const found = problems({
      IMGPILE_API_URL: 'ftp://x',
      REDIS_URL: 'localhost',
      LOG_LEVEL: 'loud',
    });
    expect(found.map((p) => p.split(' ')[0])).toEqual([
      'DISCORD_TOKEN',
      'IMGPILE_TOKEN',
      'IMGPILE_API_URL',
      'REDIS_URL',
      'LOG_LEVEL',
    ]);
    expect(found[0]).toMatch(/DISCORD_TOKEN is required/);
    expect(found[2]).toMatch(/must be an http\(s\) URL/);
  });

  it('never echoes a value in its message', () => {
    let message = '';
    try {
      parseConfig({ ...base, IMGPILE_API_URL: 'not a url secret-ish', LOG_LEVEL: 'hunter2' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('IMGPILE_API_URL');
    expect(message).not.toContain('secret-ish');
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('discord-secret-value');
  });
});
