import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
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
  const dir = mkdtempSync(join(tmpdir(), 'imgpile-bot-redis-'));
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
