import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRole, type RoleProcess } from '../helpers/processes.js';
import { startRedisServer, type PrivateRedis } from '../helpers/redis-server.js';

let p: Pipeline | undefined;
let redis: PrivateRedis | undefined;
/** The test's Redis is halted: it must be resumed (once) before the cleanup, which needs it. */
let halted = false;
const procs: RoleProcess[] = [];

afterEach(async () => {
  await Promise.all(procs.splice(0).map((proc) => proc.stop('SIGKILL')));
  if (halted) await redis?.resume();
  halted = false;
  await p?.close();
  p = undefined;
  await redis?.stop();
  redis = undefined;
});

/** A role on a Redis of the test's own, which the test then takes away. */
async function roleOnDoomedRedis(role: 'worker' | 'bot' | 'all', env: Record<string, string>) {
  redis = await startRedisServer();
  p = await startPipeline({ workers: false, redisUrl: redis.url });
  const ready = role === 'bot' ? 'bot role started' : 'worker role started';
  const proc = await startRole(role, { ...p.env, ...env }, ready);
  procs.push(proc);
  return proc;
}

/** Resolves with the exit code, or 'still running' when the process outlives `ms`. */
async function exitWithin(proc: RoleProcess, ms: number) {
  const timer = sleep(ms).then(() => 'still running' as const);
  return Promise.race([proc.stop('SIGTERM'), timer]);
}

describe('Redis gone', () => {
  it('SIGTERM with Redis gone still ends the process by SHUTDOWN_GRACE_MS, saying what was left', async () => {
    const proc = await roleOnDoomedRedis('all', { SHUTDOWN_GRACE_MS: '1500' });
    await redis!.halt();
    halted = true;
    await proc.waitForLog((l) => String(l.msg).includes('Redis'), 10_000);
    // Far longer than the grace: before, it waited for Redis for ever.
    const code = await exitWithin(proc, 20_000);
    expect(code).not.toBe('still running');
    expect(code).toBe(1);
    const deadline = proc.logs.find((l) => l.msg === 'shutdown deadline reached: exiting now');
    expect(deadline).toMatchObject({ level: 'error', graceMs: 1500 });
    expect((deadline as { pending: string[] }).pending.length).toBeGreaterThan(0);
  });

  it('one clear line per retry window names the Redis and REDIS_URL, without stack traces', async () => {
    const proc = await roleOnDoomedRedis('worker', {});
    const port = redis!.port;
    const before = proc.logs.length;
    await redis!.halt();
    halted = true;
    const first = await proc.waitForLog((l) => String(l.msg).startsWith('Redis does not answer'));
    expect(first).toMatchObject({ level: 'warn', redis: `redis://127.0.0.1:${port}` });
    expect(String(first.msg)).toContain('REDIS_URL');
    // Several reconnection attempts later (ioredis retries every 2 s at most)...
    await sleep(7_000);
    const about = proc.logs.slice(before).filter((l) => /redis/i.test(JSON.stringify(l)));
    // ...still the one line: the next comes a retry window (30 s) later.
    expect(about.map((l) => l.msg)).toEqual([first.msg]);
    expect(JSON.stringify(about)).not.toContain('"stack"');
    expect(proc.stderr()).toBe('');
    await redis!.resume();
    halted = false;
    const back = await proc.waitForLog((l) => l.msg === 'Redis answers again', 15_000);
    expect(back).toMatchObject({ level: 'info', redis: `redis://127.0.0.1:${port}` });
  });
});
