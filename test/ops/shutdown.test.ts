import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

/** Runs the fixture with one step hanging, sends SIGTERM once ready; its exit code and lines. */
async function stopWith(hangs: 'none' | 'workers' | 'connections') {
  const fixture = new URL('./fixtures/shutdown-steps.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, hangs]);
  const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line === 'ready') child.kill('SIGTERM');
    else lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(guard);
  return { code, lines };
}

describe('the log at exit', () => {
  // pino's default stdout stream writes asynchronously: process.exit's synchronous flush wrote
  // the later lines while the earlier one was still in flight, so lines came out reordered or
  // cut into each other ('stopped cleanly' before 'shutting down' in a CI run).
  it('a line logged just before process.exit comes out whole and in order', async () => {
    const fixture = new URL('./fixtures/log-then-exit.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', fixture]);
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    await Promise.all([once(child, 'exit'), once(child.stdout, 'end')]);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
    const msgs = lines.map((l) => {
      try {
        return (JSON.parse(l) as { msg: string }).msg;
      } catch {
        return `not JSON: ${l.slice(0, 40)}...`;
      }
    });
    expect(msgs).toEqual(['first', 'last']);
  });
});

describe('the shutdown deadline', () => {
  it('every step done: stopped cleanly, exit 0', async () => {
    const run = await stopWith('none');
    expect(run.code).toBe(0);
    expect(run.lines.map((l) => l.msg)).toEqual(['shutting down', 'stopped cleanly']);
  });

  it('work not handed back at the deadline: an error line naming it, exit 1', async () => {
    const run = await stopWith('workers');
    expect(run.code).toBe(1);
    expect(run.lines.at(-1)).toMatchObject({
      level: 'error',
      msg: 'shutdown deadline reached: exiting now',
      graceMs: 600,
      pending: ['workers', 'connections'],
    });
  });

  it('only connections left at the deadline: a warning, exit 0', async () => {
    const run = await stopWith('connections');
    expect(run.code).toBe(0);
    expect(run.lines.at(-1)).toMatchObject({
      level: 'warn',
      msg: 'shutdown deadline reached while closing connections',
      pending: ['connections'],
    });
  });
});
