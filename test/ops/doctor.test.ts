import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { ensureRedis } from '../../src/ops/local-redis.js';
import { BOT, GUILD } from '../helpers/cast.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { freePort, startRedisServer, type PrivateRedis } from '../helpers/redis-server.js';

/** Runs `npm run doctor`'s script as its own process with `env` only (and PATH). */
async function doctor(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/doctor.ts'], {
    env: { PATH: process.env.PATH, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  const lines = stdout.split('\n').filter(Boolean);
  /** The line of one check, as `<mark>  <detail>` (the check's column left out). */
  const line = (check: string) => {
    const found = lines.find((l) => l.slice(6).startsWith(`${check} `)) ?? '';
    return `${found.slice(0, 6)}${found.slice(6 + 18)}`;
  };
  return { code, stdout, stderr, lines, line };
}

const APP_ID = BOT;
const ours = () => commands.map((c) => ({ ...c.data, id: '1', application_id: APP_ID }));

let durable: PrivateRedis;
let p: Pipeline;
let env: Record<string, string>;

beforeAll(async () => {
  durable = await startRedisServer({ appendonly: true });
  p = await startPipeline({ workers: false, redisUrl: durable.url });
  p.discord.registered.push({ scope: 'global', commands: ours() });
  env = { ...p.env };
});

afterAll(async () => {
  await p?.close();
  await durable?.stop();
});

describe('npm run doctor', () => {
  it('all good: one ok line a check, the invite URL, exit 0', async () => {
    const run = await doctor(env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const check of [
      'config',
      'redis',
      'discord token',
      'intents',
      'commands',
      'imgpile token',
      'attachment hosts',
    ])
      expect(run.line(check)).toMatch(/^ok {4}/);
    expect(run.line('redis')).toContain('persistent');
    expect(run.stdout).toContain(
      `Invite the bot: https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot+applications.commands&permissions=274877992000`,
    );
    expect(run.stdout).toContain('All is well');
    expect(run.stdout).not.toContain(env.DISCORD_TOKEN);
    expect(run.stdout).not.toContain(env.IMGPILE_TOKEN);
  });

  it('a refused Discord token names DISCORD_TOKEN, a refused imgpile token IMGPILE_TOKEN', async () => {
    const run = await doctor({
      ...env,
      DISCORD_TOKEN: 'not-the-bot-token',
      IMGPILE_TOKEN: 'not-an-imgpile-token',
    });
    expect(run.code).toBe(1);
    expect(run.line('discord token')).toMatch(/^FAIL {2}.*DISCORD_TOKEN/);
    expect(run.line('imgpile token')).toMatch(/^FAIL {2}.*IMGPILE_TOKEN/);
    expect(run.stdout).not.toContain('Invite the bot');
    expect(run.stdout).not.toContain('not-the-bot-token');
    expect(run.stdout).not.toContain('not-an-imgpile-token');
  });

  it('a Redis that does not persist, or is not there, is named', async () => {
    const loose = await startRedisServer();
    try {
      const run = await doctor({ ...env, REDIS_URL: loose.url });
      expect(run.code).toBe(1);
      expect(run.line('redis')).toMatch(/^FAIL {2}.*appendonly is no/);
    } finally {
      await loose.stop();
    }
    const silent = await doctor({ ...env, REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
    expect(silent.code).toBe(1);
    expect(silent.line('redis')).toMatch(/^FAIL {2}nothing answers at REDIS_URL.*check REDIS_URL/);
  });

  it('REDIS_URL unset: the private Redis, found with its password, or the one the bot would start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imgpile-bot-doctor-'));
    const port = await freePort();
    const local = { ...env, REDIS_URL: '', LOCAL_REDIS_PORT: String(port), LOCAL_REDIS_DIR: dir };
    try {
      const before = await doctor(local);
      expect(before.line('redis')).toMatch(
        /^ok {4}nothing answers on redis:\/\/127\.0\.0\.1:\d+ yet: the bot will start its private redis-server there/,
      );
      const endpoint = await ensureRedis(parseConfig(local), createLogger({ level: 'silent' }));
      try {
        const found = await doctor(local);
        expect(found.code).toBe(0);
        expect(found.line('redis')).toMatch(
          /^ok {4}redis:\/\/127\.0\.0\.1:\d+ \(the bot's private one\) answers, persistent/,
        );
        expect(found.stdout).not.toContain(
          readFileSync(join(dir, 'redis-password'), 'utf8').trim(),
        );
      } finally {
        await endpoint.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("REDIS_URL unset and someone else's Redis on the port: FAIL, as the bot would refuse it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imgpile-bot-doctor-'));
    const squatter = await startRedisServer({ appendonly: true });
    try {
      const run = await doctor({
        ...env,
        REDIS_URL: '',
        LOCAL_REDIS_PORT: String(squatter.port),
        LOCAL_REDIS_DIR: dir,
      });
      expect(run.code).toBe(1);
      expect(run.line('redis')).toMatch(/^FAIL {2}a Redis answers on .* not the bot's private one/);
    } finally {
      await squatter.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('unreachable attachment hosts name ATTACHMENT_HOSTS', async () => {
    const run = await doctor({ ...env, ATTACHMENT_HOSTS: `127.0.0.1:${await freePort()}` });
    expect(run.code).toBe(1);
    expect(run.line('attachment hosts')).toMatch(/^FAIL {2}cannot reach .*ATTACHMENT_HOSTS/);
  });

  it('an invalid configuration names each variable, exit 78', async () => {
    const run = await doctor({ ...env, WORKER_CONCURRENCY: 'many', IMGPILE_API_URL: 'ftp://x' });
    expect(run.code).toBe(78);
    expect(run.lines.filter((l) => l.startsWith('FAIL  config'))).toHaveLength(2);
    expect(run.stdout).toContain('WORKER_CONCURRENCY');
    expect(run.stdout).toContain('IMGPILE_API_URL');
  });
});

describe('npm run doctor on the Discord side', () => {
  let other: Pipeline | undefined;
  afterAll(async () => other?.close());

  it('no commands registered; DISCORD_MESSAGE_CONTENT=on with the switch off', async () => {
    other = await startPipeline({
      workers: false,
      redisUrl: durable.url,
      discord: { privilegedIntents: { messageContent: false } },
    });
    const run = await doctor({ ...other.env, DISCORD_MESSAGE_CONTENT: 'on' });
    expect(run.code).toBe(1);
    expect(run.line('commands')).toMatch(/^FAIL {2}none registered.*npm run deploy-commands/);
    expect(run.line('intents')).toMatch(/^FAIL {2}DISCORD_MESSAGE_CONTENT=on but/);
    // auto: watched channels will not work, which is allowed.
    const auto = await doctor({ ...other.env, DISCORD_MESSAGE_CONTENT: 'auto' });
    expect(auto.line('intents')).toMatch(/^warn {2}"Message Content Intent" is off/);
  });

  it('copies left in a server by a DISCORD_GUILD_ID trial are named with how to clear them; --clear does', async () => {
    other = other ?? (await startPipeline({ workers: false, redisUrl: durable.url }));
    other.discord.registered.push({ scope: 'global', commands: ours() });
    other.discord.registered.push({ scope: `guild:${GUILD}`, commands: ours() });
    const run = await doctor({ ...other.env, DISCORD_MESSAGE_CONTENT: 'off' });
    expect(run.code).toBe(1);
    expect(run.line('commands')).toMatch(
      new RegExp(
        `^FAIL {2}registered everywhere, and also in server ${GUILD}.*DISCORD_GUILD_ID=${GUILD} npm run deploy-commands -- --clear`,
      ),
    );

    const clear = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/deploy-commands.ts', '--clear'],
      {
        env: {
          PATH: process.env.PATH,
          DISCORD_TOKEN: other.env.DISCORD_TOKEN,
          DISCORD_API_URL: other.env.DISCORD_API_URL,
          DISCORD_GUILD_ID: GUILD,
        },
      },
    );
    let out = '';
    clear.stdout.on('data', (d: Buffer) => (out += d.toString()));
    expect((await once(clear, 'exit'))[0]).toBe(0);
    expect(out).toContain(`Cleared the commands registered in server ${GUILD}`);
    expect(other.discord.registered.at(-1)).toEqual({ scope: `guild:${GUILD}`, commands: [] });
    const after = await doctor({ ...other.env, DISCORD_MESSAGE_CONTENT: 'off' });
    expect(after.line('commands')).toMatch(/^ok {4}registered everywhere/);
  });
});
