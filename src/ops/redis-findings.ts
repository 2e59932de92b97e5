import type { Logger } from '../logger.js';
import { createRedis, type Redis } from '../redis.js';

/** Something about a Redis's configuration that puts the bot's data at risk. */
export type RedisFinding = {
  setting: 'appendonly' | 'maxmemory-policy' | 'config';
  /** What the Redis has (null: it could not be read). */
  value: string | null;
  /** One line for the operator: what is wrong, and what to set. */
  message: string;
};

async function configValue(redis: Redis, name: string): Promise<string> {
  const reply = (await redis.config('GET', name)) as string[];
  return reply[1] ?? '';
}

/**
 * What is wrong, for the bot, with the Redis `redis` talks to: queued jobs, quotas and records
 * live only there, so it must keep an append-only file (`appendonly yes`) and never evict keys
 * (`maxmemory-policy noeviction`). Empty when all is well.
 */
export async function redisFindings(redis: Redis): Promise<RedisFinding[]> {
  let appendonly: string;
  let policy: string;
  try {
    [appendonly, policy] = await Promise.all([
      configValue(redis, 'appendonly'),
      configValue(redis, 'maxmemory-policy'),
    ]);
  } catch (err) {
    const reason = (err as Error).message;
    return [
      {
        setting: 'config',
        value: null,
        message: `could not read this Redis's appendonly and maxmemory-policy (CONFIG GET: ${reason}); make sure it keeps an append-only file and never evicts keys (noeviction)`,
      },
    ];
  }
  const findings: RedisFinding[] = [];
  if (appendonly !== 'yes')
    findings.push({
      setting: 'appendonly',
      value: appendonly,
      message: `Redis runs with appendonly ${appendonly}: queued jobs, quotas and records are lost when it restarts; set appendonly yes (appendfsync always or everysec)`,
    });
  if (policy !== 'noeviction')
    findings.push({
      setting: 'maxmemory-policy',
      value: policy,
      message: `Redis runs with maxmemory-policy ${policy}: when full it deletes keys, queued jobs and their locks among them; set maxmemory-policy noeviction`,
    });
  return findings;
}

/**
 * Checks the Redis at `url` once, on a connection of its own, and logs each finding as a
 * warning. A Redis that does not answer within `timeoutMs` is left to the normal reconnect
 * logic, which reports it: nothing is said here.
 */
export async function warnAboutRedis(url: string, log: Logger, timeoutMs: number): Promise<void> {
  const redis = createRedis(url, {
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
    for (const { setting, value, message } of await redisFindings(redis))
      log.warn({ setting, value }, message);
  } catch {
    // Not answering: said by the connections that need it.
  } finally {
    redis.disconnect();
  }
}
