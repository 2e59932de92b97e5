import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import {
  aclConfig,
  preparePrivateDir,
  readRedisPassword,
  REDIS_USER,
} from './local-redis-files.js';
import { notInstalledMessage, refusedMessage, squatterMessage } from './local-redis-messages.js';
import { warnAboutRedis } from './redis-findings.js';
import { holdsPassword, pingRedis, type RedisAuth } from './redis-ping.js';

export { REDIS_PASSWORD_FILE, REDIS_USER } from './local-redis-files.js';
export { pingRedis, type PingResult } from './redis-ping.js';

const HOST = '127.0.0.1';
/** The private server's memory bound when LOCAL_REDIS_MAXMEMORY is unset (as in Compose). */
const DEFAULT_MAXMEMORY = '256mb';

/**
 * The Redis the process should use, and how to let go of it on shutdown (last). `url` says
 * where it is (for logs); `connectUrl` is the one to connect with: a private server's carries
 * its user and password, and `privateDir` is its folder (null: a Redis somebody else runs).
 */
export type RedisEndpoint = {
  url: string;
  connectUrl: string;
  privateDir: string | null;
  stop: () => Promise<void>;
};

const noStop = async () => {};

function withAuth(url: string, auth: RedisAuth | null): string {
  if (!auth) return url;
  const parsed = new URL(url);
  parsed.username = auth.username;
  parsed.password = auth.password;
  return parsed.href.replace(/\/$/, '');
}

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
  /** false: no warnings about a Redis used as it is (a one-off tool, not the bot). */
  check?: boolean;
};

/**
 * The Redis to use. An explicit REDIS_URL is returned untouched, whether or not it answers (the
 * normal reconnect logic deals with that), and checked: each finding of `redisFindings` is one
 * warning. Unset: the bot's private Redis on 127.0.0.1:<LOCAL_REDIS_PORT> is used when one answers
 * there (another role's) and proves it holds the password kept in LOCAL_REDIS_DIR; when nothing
 * answers, a private `redis-server` is started there with its append-only file in LOCAL_REDIS_DIR
 * and stopped by `stop()`. Throws LocalRedisError when there is none to be had (redis-server
 * missing, port taken, a Redis that refuses us, or one that is not the bot's: anyone on the
 * machine may listen on a loopback port first, and it would get the bot's tokens).
 *
 * The private server is private: its folder is 0700, only REDIS_USER with the password kept
 * there (0600) reaches any data, and its memory is bounded (LOCAL_REDIS_MAXMEMORY, noeviction).
 * It lives in its own process group, so a Ctrl-C in the terminal reaches the bot alone and the
 * bot stops Redis last, after its workers have handed their jobs back. It still never outlives
 * the bot: a small `sh` keeper stops it (SIGTERM: AOF flushed) as soon as the pipe from the bot
 * closes, which happens however the bot ends, SIGKILL and crashes included.
 */
export async function ensureRedis(
  config: Config,
  log: Logger,
  options: EnsureRedisOptions = {},
): Promise<RedisEndpoint> {
  const pingMs = options.pingTimeoutMs ?? 1_000;
  const check = options.check === false ? async () => {} : warnAboutRedis;
  if (config.redisUrlExplicit) {
    await check(config.redisUrl, log, pingMs);
    return { url: config.redisUrl, connectUrl: config.redisUrl, privateDir: null, stop: noStop };
  }
  const { port } = config.localRedis;
  const dir = resolve(config.localRedis.dir);
  const found = await findLocalRedis(port, dir, pingMs);
  if (found) return found;
  const prepared = await prepareDir(dir);
  const auth = { username: REDIS_USER, password: prepared.password };
  const url = `redis://${HOST}:${port}`;
  let server: PrivateRedis;
  try {
    const maxmemory = config.localRedis.maxmemory ?? DEFAULT_MAXMEMORY;
    server = await startPrivateRedis({ port, dir, auth, maxmemory }, options);
  } catch (err) {
    // A second role started at the same moment may have won the port with its own server.
    if (!(await holdsPassword(port, pingMs, auth))) throw err;
    return { url, connectUrl: withAuth(url, auth), privateDir: dir, stop: noStop };
  }
  for (const fix of prepared.fixed) log.warn({ dir }, `LOCAL_REDIS_DIR: ${fix}`);
  log.info(
    { port, dir },
    `started a private redis-server on ${HOST}:${port} (append-only file in ${dir}): nothing answered there and REDIS_URL is unset; it stops with the bot`,
  );
  return {
    url,
    connectUrl: withAuth(url, auth),
    privateDir: dir,
    stop: async () => {
      await server.stop();
      log.info({ port }, 'private redis-server stopped');
    },
  };
}

/**
 * The Redis that answers on the port, if any: another role's private one (its password is in
 * `dir`, which it must prove it holds). Any other Redis there is refused, never used.
 */
async function findLocalRedis(
  port: number,
  dir: string,
  pingMs: number,
): Promise<RedisEndpoint | null> {
  const url = `redis://${HOST}:${port}`;
  const password = await readRedisPassword(dir);
  const auth = password === null ? null : { username: REDIS_USER, password };
  if (auth && (await holdsPassword(port, pingMs, auth))) {
    return { url, connectUrl: withAuth(url, auth), privateDir: dir, stop: noStop };
  }
  const found = await pingRedis(port, pingMs);
  if (found.kind === 'refused') throw new LocalRedisError(refusedMessage(port, found.reply));
  if (found.kind === 'silent') return null;
  // Anyone on this machine may listen on a loopback port first: a Redis that does not hold the
  // bot's password is never given interaction tokens, sealed account tokens or jobs.
  throw new LocalRedisError(squatterMessage(port, dir));
}

async function prepareDir(dir: string) {
  try {
    return await preparePrivateDir(dir);
  } catch (err) {
    throw new LocalRedisError(
      `could not prepare LOCAL_REDIS_DIR ${dir} for a private redis-server (${(err as NodeJS.ErrnoException).code ?? String(err)}); set it to a writable folder, or set REDIS_URL`,
    );
  }
}

/**
 * Runs redis-server with the bot's pipe on fd 4 (its stdin): EOF there (stop(), or the bot gone
 * however it ended) sends Redis SIGTERM, on which it flushes its append-only file and exits. The
 * script exits with Redis's status, 127 when redis-server is not on PATH. The access rules (with
 * the password) reach Redis on its standard input (`redis-server -`) from a second pipe (fd 3),
 * never on its command line, which every local user can read.
 */
const KEEPER = `
command -v redis-server >/dev/null 2>&1 || exit 127
exec 4<&0 </dev/null
redis-server - "$@" <&3 3<&- 4<&- &
redis=$!
exec 3<&-
(read -r _ <&4; kill -TERM "$redis" 2>/dev/null) &
keeper=$!
exec 4<&-
wait "$redis"
status=$?
kill "$keeper" 2>/dev/null
exit "$status"
`;

/** What the private server is: where it listens and keeps its file, its password, its memory. */
type PrivateSpec = { port: number; dir: string; auth: RedisAuth; maxmemory: string };

/**
 * The same durability and memory bound as docker-compose.yml's Redis, on loopback only, no RDB
 * snapshots.
 */
function redisArgs({ port, dir, maxmemory }: PrivateSpec): string[] {
  // No --appenddirname: Redis 7's default (appendonlydir) is the name we want, and Redis 6,
  // still what several LTS distributions ship, refuses the option.
  return [
    ...['--port', String(port), '--bind', HOST, '--dir', dir],
    ...['--appendonly', 'yes', '--appendfsync', 'always', '--save', ''],
    ...['--maxmemory', maxmemory, '--maxmemory-policy', 'noeviction', '--daemonize', 'no'],
  ];
}

type Exit = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

type PrivateRedis = { stop: () => Promise<void> };

async function startPrivateRedis(
  spec: PrivateSpec,
  options: EnsureRedisOptions,
): Promise<PrivateRedis> {
  const { port, auth } = spec;
  const child = spawn('/bin/sh', ['-c', KEEPER, 'local-redis', ...redisArgs(spec)], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
  });
  const rules = child.stdio[3] as Writable;
  rules.on('error', () => undefined);
  rules.end(aclConfig(auth.password));
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
    if (output.ready() && (await pingRedis(port, 250, auth)).kind === 'pong' && !ended)
      return { stop };
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
