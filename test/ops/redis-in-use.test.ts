import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { productionNodeFlags, startRole, type RoleProcess } from '../helpers/processes.js';
import { freePort, startRedisServer, type PrivateRedis } from '../helpers/redis-server.js';

let p: Pipeline | undefined;
const cleanups: (() => unknown)[] = [];
const procs: RoleProcess[] = [];

afterEach(async () => {
  await Promise.all(procs.splice(0).map((proc) => proc.stop('SIGTERM')));
  await p?.close();
  p = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const redisInUse = (proc: RoleProcess) =>
  proc.logs.find((l) => String(l.msg).startsWith('Redis in use: '));

/** Runs a role to its exit; returns its code and parsed log lines. */
async function runToExit(role: string, env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [...productionNodeFlags(), '--import', 'tsx', 'src/main.ts', role],
    { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.resume();
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(guard);
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, lines };
}

describe('the Redis in use, said at start', () => {
  it('REDIS_URL naming a Redis without an append-only file: one info line says so, and a warning', async () => {
    const loose: PrivateRedis = await startRedisServer();
    cleanups.push(() => loose.stop());
    p = await startPipeline({ workers: false, redisUrl: loose.url });
    const worker = await startRole('worker', p.env, 'worker role started');
    procs.push(worker);
    const line = redisInUse(worker);
    expect(line).toMatchObject({
      level: 'info',
      redis: loose.url,
      private: false,
      persistent: false,
      maxmemoryPolicy: 'noeviction',
    });
    expect(String(line!.msg)).toContain('the one REDIS_URL names');
    expect(String(line!.msg)).toContain('NOT persistent (appendonly no)');
    expect(line!.dataDir).toEqual(expect.stringContaining('imgpile-bot-redis-'));
    expect(worker.logs.filter((l) => l.level === 'warn').map((l) => l.setting)).toEqual([
      'appendonly',
    ]);
  });

  it('REDIS_URL unset and nothing there: the private one, where its file is, persistent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'imgpile-bot-in-use-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    p = await startPipeline({ workers: false });
    const port = await freePort();
    const worker = await startRole(
      'worker',
      { ...p.env, REDIS_URL: '', LOCAL_REDIS_PORT: String(port), LOCAL_REDIS_DIR: dir },
      'worker role started',
    );
    procs.push(worker);
    const line = redisInUse(worker);
    expect(line).toMatchObject({
      level: 'info',
      redis: `redis://127.0.0.1:${port}`,
      private: true,
      persistent: true,
      maxmemoryPolicy: 'noeviction',
    });
    expect(String(line!.msg)).toContain("the bot's private redis-server");
    expect(String(line!.dataDir)).toContain(dir);
    // The line names no password.
    expect(JSON.stringify(worker.logs)).not.toMatch(/redis:\/\/[^"]*:[^"]*@/);
  });
});

describe('a second bot process', () => {
  it('with the same token on the same Redis is named and refused; the first runs on', async () => {
    p = await startPipeline({ workers: false });
    const first = await startRole('bot', p.env, 'bot role started');
    procs.push(first);
    const second = await runToExit('bot', p.env);
    expect(second.code).toBe(1);
    const fatal = second.lines.find((l) => l.level === 'fatal');
    expect(String(fatal?.msg)).toMatch(
      new RegExp(
        `^another bot process already runs every shard of this bot \\(the same DISCORD_TOKEN\\) on this Redis: host \\S+, pid ${first.child.pid},`,
      ),
    );
    expect(String(fatal?.msg)).toContain('DISCORD_SHARD_IDS');
    // It never reached the gateway: one session only.
    expect(p.discord.identifies).toHaveLength(1);
    expect(first.child.exitCode).toBeNull();
  });

  it('running other shards of the same bot is no duplicate', async () => {
    p = await startPipeline({ workers: false, env: { DISCORD_SHARD_COUNT: '2' } });
    procs.push(await startRole('bot', { ...p.env, DISCORD_SHARD_IDS: '0' }, 'bot role started'));
    procs.push(await startRole('bot', { ...p.env, DISCORD_SHARD_IDS: '1' }, 'bot role started'));
    expect(p.discord.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
  });

  it('one that died leaves no claim behind once its record lapses', async () => {
    p = await startPipeline({ workers: false });
    const crashed = await startRole('bot', p.env, 'bot role started');
    await crashed.stop('SIGKILL');
    const next = await startRole('bot', p.env, 'bot role started');
    procs.push(next);
    expect(next.logs.some((l) => String(l.msg).startsWith('another bot process'))).toBe(true);
    expect(next.logs.some((l) => l.level === 'fatal')).toBe(false);
  });
});
