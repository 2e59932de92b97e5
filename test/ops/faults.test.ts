import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { productionNodeFlags } from '../helpers/processes.js';

let p: Pipeline | undefined;

afterEach(async () => {
  await p?.close();
  p = undefined;
});

type LogLine = {
  level?: string;
  msg?: string;
  role?: string;
  err?: { message?: string; stack?: string; type?: string };
};

/**
 * Runs `src/main.ts worker` as production does (startRole's flags), with `fixture` preloaded
 * after tsx; once the role is up, sends SIGUSR2, on which the fixture makes its fault. Resolves
 * with the exit code, the parsed log lines and stderr.
 */
async function runWithFault(env: Record<string, string>, fixture: string) {
  const child = spawn(
    process.execPath,
    [
      ...productionNodeFlags(),
      '--import',
      'tsx',
      '--import',
      new URL(`./fixtures/${fixture}`, import.meta.url).href,
      'src/main.ts',
      'worker',
    ],
    { env: { ...process.env, ...env, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
  createInterface({ input: child.stdout }).on('line', (line) => {
    stdout += `${line}\n`;
    if (line.includes('"worker role started"')) child.kill('SIGUSR2');
  });
  const [code, signal] = await exited;
  clearTimeout(guard);
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        const raw: LogLine = { msg: l };
        return raw;
      }
    });
  return { code, signal, lines, stdout, stderr };
}

describe('a bug ends the process cleanly', () => {
  it(
    'an unhandled rejection ends the process with one fatal line and exit code 1',
    { timeout: 40_000 },
    async () => {
      p = await startPipeline({ workers: false });
      const run = await runWithFault(p.env, 'unhandled-rejection.ts');
      const context = `stdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-800)}`;

      expect(run.lines.some((l) => l.msg === 'worker role started')).toBe(true);
      expect({ code: run.code, signal: run.signal }, context).toEqual({ code: 1, signal: null });
      const fatal = run.lines.filter((l) => l.level === 'fatal');
      expect(fatal, context).toHaveLength(1);
      expect(fatal[0]?.role).toBe('worker');
      expect(fatal[0]?.msg).toMatch(/unhandled.*rejection/);
      expect(fatal[0]!.err?.message).toMatch(/^boom /);
      expect(fatal[0]!.err?.stack).toContain('unhandled-rejection.ts');
      // Nothing else reported it: Node's own report (on stderr) is not there.
      expect(run.stderr).not.toContain('boom');
    },
  );

  it(
    'an uncaught exception ends the process with one fatal line and exit code 1',
    { timeout: 40_000 },
    async () => {
      p = await startPipeline({ workers: false });
      const run = await runWithFault(p.env, 'uncaught-exception.ts');
      const context = `stdout: ${run.stdout.slice(-1500)}\nstderr: ${run.stderr.slice(-800)}`;

      expect({ code: run.code, signal: run.signal }, context).toEqual({ code: 1, signal: null });
      const fatal = run.lines.filter((l) => l.level === 'fatal');
      expect(fatal, context).toHaveLength(1);
      expect(fatal[0]?.role).toBe('worker');
      expect(fatal[0]?.msg).toMatch(/uncaught.*exception/);
      expect(fatal[0]!.err?.message).toMatch(/^bang /);
      expect(run.stderr).not.toContain('bang');
    },
  );

  it('the fatal line masks the tokens its error carries', { timeout: 60_000 }, async () => {
    p = await startPipeline({ workers: false });
    const { IMGPILE_TOKEN, DISCORD_TOKEN } = p.env;
    for (const fixture of ['unhandled-rejection.ts', 'uncaught-exception.ts']) {
      const run = await runWithFault(p.env, fixture);
      expect(run.code).toBe(1);
      const fatal = run.lines.find((l) => l.level === 'fatal');
      // The error's message held both tokens (see the fixture): both were masked.
      expect(fatal?.err?.message).toMatch(/^(boom|bang) \[redacted\] \[redacted\]$/);
      for (const token of [IMGPILE_TOKEN!, DISCORD_TOKEN!]) {
        expect(run.stdout).not.toContain(token);
        expect(run.stderr).not.toContain(token);
      }
    }
  });
});
