import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NO_REDIS_MESSAGE =
  'The tests need Redis and none was found. Either install redis-server ' +
  '(Debian/Ubuntu: apt-get install -y redis-server; macOS: brew install redis) so the tests can ' +
  'start a private one, or set REDIS_URL=redis://host:port to a Redis the tests may write to ' +
  '(they only touch keys under their own random prefixes and never flush it).';

export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export type PrivateRedis = {
  url: string;
  port: number;
  stop: () => Promise<void>;
  /** Stops and starts the same server (same port, same data dir). */
  restart: () => Promise<void>;
  /** Stops the server but keeps its port and data dir for `resume`. */
  halt: () => Promise<void>;
  resume: () => Promise<void>;
};

/**
 * Starts a private redis-server on a free loopback port, in its own temporary directory.
 * With `appendonly`, data survives a restart (as in production).
 */
export async function startRedisServer(
  options: { appendonly?: boolean } = {},
): Promise<PrivateRedis> {
  if (!hasRedisServer()) throw new Error(NO_REDIS_MESSAGE);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  // The run that owns it: a test process killed before its afterAll leaves the server to
  // the run's teardown (sweepRedisServers), not to the machine.
  writeFileSync(join(dir, 'owner'), process.env[RUN_VARIABLE] ?? '');
  let child: ChildProcess;

  async function start() {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        options.appendonly ? 'yes' : 'no',
        '--appendfsync',
        'always',
        '--dir',
        dir,
        '--pidfile',
        join(dir, 'redis.pid'),
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) =>
        reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)),
      );
    });
    child.stdout!.resume();
  }

  async function stop() {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async stop() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stop();
      await start();
    },
    halt: stop,
    resume: start,
  };
}

const DIR_PREFIX = 'imgpile-bot-redis-';
const RUN_VARIABLE = 'IMGPILE_BOT_TEST_RUN';

/** Names this test run, so that the servers its test processes start can be found at its end. */
export function markTestRun(): string {
  process.env[RUN_VARIABLE] ??= `${process.pid}`;
  return process.env[RUN_VARIABLE];
}

/**
 * Stops every redis-server this run started that is still running (a test process killed by a
 * timeout or a crash never reached its afterAll) and removes its folder. Returns how many.
 */
export function sweepRedisServers(run: string): number {
  let swept = 0;
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(DIR_PREFIX))) {
    const dir = join(tmpdir(), name);
    try {
      if (readFileSync(join(dir, 'owner'), 'utf8') !== run) continue;
      const pid = Number(readFileSync(join(dir, 'redis.pid'), 'utf8').trim());
      if (pid > 0 && isRunning(pid)) {
        process.kill(pid, 'SIGKILL');
        swept += 1;
      }
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // not this run's, or already gone
    }
  }
  return swept;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
