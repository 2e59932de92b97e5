import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The Node flags production runs with, taken from package.json's `start` script so that tests
 * and benches run the roles exactly as `npm start` does.
 */
export function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const start = pkg.scripts.start ?? '';
  const match = /^node (.*?) ?dist\/src\/main\.js/.exec(start);
  return match?.[1] ? match[1].split(/\s+/).filter(Boolean) : [];
}

export type RoleProcess = {
  child: ChildProcess;
  /** Parsed JSON log lines seen so far. */
  logs: Record<string, unknown>[];
  waitForLog: (
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ) => Promise<Record<string, unknown>>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
  stderr: () => string;
};

/**
 * What a role process runs: `source`, src/main.ts under tsx (tests: no build step), or `build`,
 * the compiled dist/src/main.js exactly as `npm start` and the image run it (benches that measure
 * memory: tsx's loader thread and its inline source maps cost some 30 MB that operators never
 * carry). `build` runs what `npm run build` (buildDist) last compiled.
 */
export type RoleEntry = 'source' | 'build';

/** Compiles src to dist/ as `npm start` does before it runs (tsconfig.build.json). */
export async function buildDist(): Promise<void> {
  const tsc = spawn(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  const [code] = (await once(tsc, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the build failed (tsc exited ${code})`);
}

/** Runs `src/main.ts <role>` as its own process, with `env`, and follows its JSON logs. */
export async function startRole(
  role: string,
  env: Record<string, string>,
  readyMsg: string,
  entry: RoleEntry = 'source',
): Promise<RoleProcess> {
  const main = entry === 'build' ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, [...productionNodeFlags(), ...main, role], {
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      logs.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      logs.push({ msg: line });
    }
    for (const w of waiters) w();
  });
  const exited = once(child, 'exit');

  function waitForLog(match: (line: Record<string, unknown>) => boolean, timeoutMs = 20_000) {
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const found = logs.find(match);
        if (found) {
          cleanup();
          resolve(found);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `no matching log line from ${role} within ${timeoutMs} ms; stderr: ${stderr.slice(-800)}`,
          ),
        );
      }, timeoutMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`${role} exited; stderr: ${stderr.slice(-800)}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
        child.off('exit', onExit);
      };
      waiters.add(check);
      child.once('exit', onExit);
      check();
    });
  }

  await waitForLog((l) => l.msg === readyMsg);
  return {
    child,
    logs,
    waitForLog,
    stderr: () => stderr,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
