import { isAbsolute, join } from 'node:path';
import type { Logger } from '../logger.js';
import { createRedis, type Redis } from '../redis.js';
import type { RedisEndpoint } from './local-redis.js';
import { redisWhere } from './redis-outage.js';

/** What a Redis says of itself: where its data lives and whether it survives a restart. */
export type RedisDescription = {
  version: string | null;
  /** Its working folder (CONFIG GET dir); null when it would not say. */
  dir: string | null;
  /** appendonly yes: what it holds survives a restart. null: it would not say. */
  appendonly: boolean | null;
  /** Where the append-only file lives (Redis 7: a folder under `dir`). */
  aofDir: string | null;
  maxmemoryPolicy: string | null;
};

async function configValue(redis: Redis, name: string): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', name)) as string[];
    return reply[1] ?? null;
  } catch {
    return null;
  }
}

/** Reads what `describeRedis` reports, on a connection of its own; null when it does not answer. */
export async function describeRedis(
  connectUrl: string,
  timeoutMs: number,
): Promise<RedisDescription | null> {
  const redis = createRedis(connectUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    const info = await redis.info('server').catch(() => '');
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? null;
    const [dir = null, appendonly = null, aofName = null, policy = null] = await Promise.all(
      ['dir', 'appendonly', 'appenddirname', 'maxmemory-policy'].map((n) => configValue(redis, n)),
    );
    const aofDir = dir && aofName ? (isAbsolute(aofName) ? aofName : join(dir, aofName)) : dir;
    return {
      version,
      dir,
      appendonly: appendonly === null ? null : appendonly === 'yes',
      aofDir: appendonly === 'yes' ? aofDir : null,
      maxmemoryPolicy: policy,
    };
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

function persistence(d: RedisDescription): string {
  if (d.appendonly === null) return 'whether it persists is unknown (CONFIG GET refused)';
  return d.appendonly
    ? `persistent: append-only file in ${d.aofDir ?? d.dir ?? 'its folder'}`
    : `NOT persistent (appendonly no): a restart of it loses every queued job${d.dir ? `; data folder ${d.dir}` : ''}`;
}

/**
 * The one start-up line that says which Redis the process uses: where it is, whether it is the
 * bot's private one, where its data lives and whether it survives a restart. Says nothing when
 * Redis does not answer (the connections say that, once a window). A Redis is either the bot's
 * private one or the one REDIS_URL names: with REDIS_URL unset, `ensureRedis` refuses any other
 * Redis on the port (it does not hold the bot's password).
 */
export async function announceRedis(
  endpoint: RedisEndpoint,
  log: Logger,
  timeoutMs = 1_000,
): Promise<RedisDescription | null> {
  const d = await describeRedis(endpoint.connectUrl, timeoutMs);
  if (!d) return null;
  const redis = redisWhere(endpoint.url);
  const whose = endpoint.privateDir ? "the bot's private redis-server" : 'the one REDIS_URL names';
  log.info(
    {
      redis,
      private: endpoint.privateDir !== null,
      dataDir: d.aofDir ?? d.dir,
      persistent: d.appendonly,
      maxmemoryPolicy: d.maxmemoryPolicy,
      version: d.version,
    },
    `Redis in use: ${redis}, ${whose}, ${persistence(d)}`,
  );
  return d;
}
