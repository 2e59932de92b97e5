import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import { REDIS_USER, readRedisPassword } from '../ops/local-redis-files.js';
import { describeRedis, type RedisDescription } from '../ops/redis-in-use.js';
import { redisWhere } from '../ops/redis-outage.js';
import { squatterMessage } from '../ops/local-redis-messages.js';
import { holdsPassword, pingRedis } from '../ops/redis-ping.js';
import { fail, ok, type CheckResult } from './check.js';

const TIMEOUT_MS = 2_000;

/** What is wrong with a Redis the bot would use: it must persist and never evict. */
function judge(where: string, whose: string, d: RedisDescription, fix: string): CheckResult[] {
  const problems: string[] = [];
  if (d.appendonly !== true)
    problems.push(
      d.appendonly === null
        ? 'it will not say whether it keeps an append-only file (CONFIG GET refused)'
        : 'appendonly is no: a restart of it loses every queued job (set appendonly yes)',
    );
  if (d.maxmemoryPolicy !== null && d.maxmemoryPolicy !== 'noeviction')
    problems.push(
      `maxmemory-policy is ${d.maxmemoryPolicy}: when full it deletes queued jobs (set noeviction)`,
    );
  if (problems.length > 0)
    return [fail('redis', `${where} (${whose}) answers, but ${problems.join('; ')}; ${fix}`)];
  return [
    ok(
      'redis',
      `${where} (${whose}) answers, persistent (append-only file in ${d.aofDir ?? d.dir ?? 'its folder'}), noeviction`,
    ),
  ];
}

const hasRedisServer = () => spawnSync('redis-server', ['--version']).status === 0;

/**
 * Redis, found as the bot would find it (REDIS_URL, else 127.0.0.1:LOCAL_REDIS_PORT): it
 * answers, keeps an append-only file and never evicts. Nothing is started: with nothing there,
 * whether the bot could start its private one.
 */
export async function checkRedis(config: Config): Promise<CheckResult[]> {
  if (config.redisUrlExplicit) {
    const where = redisWhere(config.redisUrl);
    const d = await describeRedis(config.redisUrl, TIMEOUT_MS);
    if (!d) return [fail('redis', `nothing answers at REDIS_URL (${where}): check REDIS_URL`)];
    return judge(where, 'REDIS_URL', d, 'fix that Redis, or point REDIS_URL at another');
  }
  const { port } = config.localRedis;
  const dir = resolve(config.localRedis.dir);
  const where = `redis://127.0.0.1:${port}`;
  const password = await readRedisPassword(dir).catch(() => null);
  if (password !== null) {
    const auth = { username: REDIS_USER, password };
    if (await holdsPassword(port, TIMEOUT_MS, auth)) {
      const url = `redis://${REDIS_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
      const d = await describeRedis(url, TIMEOUT_MS);
      if (d) return judge(where, "the bot's private one", d, 'see LOCAL_REDIS_DIR');
    }
  }
  const found = await pingRedis(port, TIMEOUT_MS);
  if (found.kind === 'refused')
    return [
      fail(
        'redis',
        `a Redis on ${where} wants a password (REDIS_URL is unset): set REDIS_URL with it, or LOCAL_REDIS_PORT to a free port`,
      ),
    ];
  // The bot refuses a Redis on its port that does not hold its password (see local-redis.ts).
  if (found.kind === 'pong') return [fail('redis', squatterMessage(port, dir))];
  if (!hasRedisServer())
    return [
      fail(
        'redis',
        `nothing answers on ${where} and redis-server is not installed to start a private one: install it (sudo apt-get install redis-server, then sudo systemctl disable --now redis-server), or set REDIS_URL`,
      ),
    ];
  return [
    ok(
      'redis',
      `nothing answers on ${where} yet: the bot will start its private redis-server there (persistent, data in ${dir})`,
    ),
  ];
}
