import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

const HOST = '127.0.0.1';

/** The Redis the process should use, and how to let go of it on shutdown (last). */
export type RedisEndpoint = { url: string; stop: () => Promise<void> };

/** Why no Redis could be had; its message is meant to be the one fatal log line. */
export class LocalRedisError extends Error {
  override name = 'LocalRedisError';
}

export type EnsureRedisOptions = {
  /** How long one PING may take (default 1 s). */
  pingTimeoutMs?: number;
  /** How long a private redis-server may take to answer, AOF loading included (default 30 s). */
  startTimeoutMs?: number;
  /** How long `stop()` waits for a clean exit before it kills (default 10 s). */
  stopTimeoutMs?: number;
};

/**
 * The Redis to use. An explicit REDIS_URL is returned untouched, whether or not it answers (the
 * normal reconnect logic deals with that). Unset: a Redis that answers PING on
 * 127.0.0.1:<LOCAL_REDIS_PORT> is used; when nothing answers, a private `redis-server` is started
 * there with its append-only file in LOCAL_REDIS_DIR and stopped by `stop()`. Throws
 * LocalRedisError when there is none to be had (redis-server missing, port taken, a Redis that
 * refuses us).
 *
 * The private server lives in its own process group, so a Ctrl-C in the terminal reaches the bot
 * alone and the bot stops Redis last, after its workers have handed their jobs back. It still
 * never outlives the bot: a small `sh` keeper stops it (SIGTERM: AOF flushed) as soon as the
 * pipe from the bot closes, which happens however the bot ends, SIGKILL and crashes included.
 */
export async function ensureRedis(
  config: Config,
  log: Logger,
  options: EnsureRedisOptions = {},
): Promise<RedisEndpoint> {
  if (config.redisUrlExplicit) return { url: config.redisUrl, stop: async () => {} };
  const { port } = config.localRedis;
  const url = `redis://${HOST}:${port}`;
  const found = await pingRedis(port, options.pingTimeoutMs ?? 1_000);
  if (found.kind === 'pong') {
    log.debug({ port }, `using the Redis that answers on ${HOST}:${port}`);
    return { url, stop: async () => {} };
  }
  if (found.kind === 'refused') throw new LocalRedisError(refusedMessage(port, found.reply));
  const dir = resolve(config.localRedis.dir);
  let server: PrivateRedis;
  try {
    server = await startPrivateRedis(port, dir, options);
  } catch (err) {
    // A second role started at the same moment may have won the port with its own server.
    if ((await pingRedis(port, options.pingTimeoutMs ?? 1_000)).kind !== 'pong') throw err;
    log.debug({ port }, `using the Redis that answers on ${HOST}:${port}`);
    return { url, stop: async () => {} };
  }
  log.info(
    { port, dir },
    `started a private redis-server on ${HOST}:${port} (append-only file in ${dir}): nothing answered there and REDIS_URL is unset; it stops with the bot`,
  );
  return {
    url,
    stop: async () => {
      await server.stop();
      log.info({ port }, 'private redis-server stopped');
    },
  };
}

export type PingResult =
  | { kind: 'pong' }
  /** A Redis answered with an error (NOAUTH, …): it is there, but not usable as is. */
  | { kind: 'refused'; reply: string }
  /** Nothing listens, nothing answered in time, or what answered does not speak Redis. */
  | { kind: 'silent' };

/** One PING on a fresh socket: no retries, nothing left open afterwards. */
export function pingRedis(port: number, timeoutMs: number): Promise<PingResult> {
  return new Promise((done) => {
    const socket = connect({ host: HOST, port });
    let reply = '';
    const finish = (result: PingResult) => {
      clearTimeout(timer);
      socket.destroy();
      done(result);
    };
    const timer = setTimeout(() => finish({ kind: 'silent' }), timeoutMs);
    socket.on('error', () => finish({ kind: 'silent' }));
    socket.on('close', () => finish({ kind: 'silent' }));
    socket.on('connect', () => socket.write('*1\r\n$4\r\nPING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      const end = reply.indexOf('\r\n');
      if (end === -1 && reply.length < 512) return;
      const line = reply.slice(0, end === -1 ? 512 : end);
      // A Redis still loading its data answers -LOADING: it is there and will be ready soon.
      if (line === '+PONG' || line.startsWith('-LOADING')) finish({ kind: 'pong' });
      else if (line.startsWith('-')) finish({ kind: 'refused', reply: line.slice(1) });
      else finish({ kind: 'silent' });
    });
  });
}

function refusedMessage(port: number, reply: string): string {
  return (
    `a Redis answers on ${HOST}:${port} but refuses PING (${reply.split(' ')[0]}); ` +
    `REDIS_URL is unset: set it to that Redis with its password (redis://:password@${HOST}:${port}), ` +
    `or set LOCAL_REDIS_PORT to a free port for a private redis-server`
  );
}

function notInstalledMessage(port: number): string {
  return (
    `Redis is needed: nothing answered on ${HOST}:${port} (REDIS_URL is unset) and redis-server ` +
    `is not installed to start a private one. Install it (Debian/Ubuntu: sudo apt-get install ` +
    `redis-server; macOS: brew install redis), or start one with Docker (docker run -d -p ` +
    `${HOST}:${port}:6379 redis:7.4-alpine), or run the bot with Docker Compose (docker compose ` +
    `up -d), or set REDIS_URL to a Redis you run`
  );
}

/**
 * Runs redis-server with the bot's pipe on fd 3: EOF there (stop(), or the bot gone however it
 * ended) sends Redis SIGTERM, on which it flushes its append-only file and exits. The script
 * exits with Redis's status, 127 when redis-server is not on PATH.
 */
const KEEPER = `
command -v redis-server >/dev/null 2>&1 || exit 127
exec 3<&0 </dev/null
redis-server "$@" 3<&- &
redis=$!
(read -r _ <&3; kill -TERM "$redis" 2>/dev/null) &
keeper=$!
exec 3<&-
wait "$redis"
status=$?
kill "$keeper" 2>/dev/null
exit "$status"
`;

/** The same durability as docker-compose.yml's Redis, on loopback only, no RDB snapshots. */
function redisArgs(port: number, dir: string): string[] {
  // No --appenddirname: Redis 7's default (appendonlydir) is the name we want, and Redis 6,
  // still what several LTS distributions ship, refuses the option.
  return [
    ...['--port', String(port), '--bind', HOST, '--dir', dir],
    ...['--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
    ...['--maxmemory-policy', 'noeviction', '--daemonize', 'no'],
  ];
}

type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

type PrivateRedis = { stop: () => Promise<void> };

async function startPrivateRedis(
  port: number,
  dir: string,
  options: EnsureRedisOptions,
): Promise<PrivateRedis> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new LocalRedisError(
      `could not create LOCAL_REDIS_DIR ${dir} for a private redis-server (${(err as NodeJS.ErrnoException).code ?? String(err)}); set it to a writable folder, or set REDIS_URL`,
    );
  }
  const child = spawn('/bin/sh', ['-c', KEEPER, 'local-redis', ...redisArgs(port, dir)], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<Exit>((done) => {
    child.once('exit', (code, signal) => done({ code, signal }));
    child.once('error', (error) => done({ code: null, signal: null, error }));
  });
  // Writes to a keeper that has gone fail with EPIPE; its exit is what we report.
  child.stdin?.on('error', () => undefined);
  const output = watchOutput(child);
  const stop = () => stopKeeper(child, exited, options.stopTimeoutMs ?? 10_000);
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let ended: Exit | undefined;
  void exited.then((e) => (ended = e));
  while (!ended) {
    // Our own server's word that it listens (not a neighbour's that won the port), then PING.
    if (output.ready() && (await pingRedis(port, 250)).kind === 'pong' && !ended) return { stop };
    if (Date.now() > deadline) {
      await stop();
      throw new LocalRedisError(
        `a private redis-server on ${HOST}:${port} did not answer within ${options.startTimeoutMs ?? 30_000} ms; its last words: ${output.tail()}`,
      );
    }
    await sleep(50);
  }
  if (ended.code === 127) throw new LocalRedisError(notInstalledMessage(port));
  throw new LocalRedisError(
    `a private redis-server could not start on ${HOST}:${port} (${ended.error?.message ?? output.tail()}); ` +
      `if another program uses that port, set LOCAL_REDIS_PORT to a free one, or set REDIS_URL`,
  );
}

/**
 * Drains the child's output (so Redis never blocks on a full pipe), keeping its last lines and
 * noting Redis's "Ready to accept connections" (Redis 6 and 7 alike).
 */
function watchOutput(child: ChildProcess): { tail: () => string; ready: () => boolean } {
  let tail = '';
  let ready = false;
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-4000);
    ready ||= tail.includes('Ready to accept connections');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    ready: () => ready,
    tail: () =>
      tail
        .split('\n')
        // "1234:M 27 Nov 2026 02:08:39.002 # Failed listening…" → "Failed listening…"
        .map((line) => line.replace(/^\d+:[A-Z] .*? [#*.-] /, '').trim())
        .filter(Boolean)
        .slice(-2)
        .join(' / ') || 'no output',
  };
}

/** Closes the pipe (the keeper then stops Redis cleanly); kills the group if that takes too long. */
async function stopKeeper(
  child: ChildProcess,
  exited: Promise<Exit>,
  timeoutMs: number,
): Promise<void> {
  child.stdin?.end();
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, timeoutMs);
  await exited;
  clearTimeout(timer);
}
