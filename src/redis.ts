import { Redis, type RedisOptions } from 'ioredis';

export type { Redis, RedisOptions };

/**
 * One ioredis connection. `maxRetriesPerRequest: null` is what BullMQ workers need: commands
 * wait through a Redis restart instead of failing, and ioredis reconnects on its own.
 */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    // Back off up to 2 s between reconnection attempts, forever.
    retryStrategy: (times) => Math.min(times * 100, 2000),
    ...options,
  });
}

/**
 * For connections that answer people (commands, the watch listener): with Redis down a command
 * fails at once (no offline queue, one retry) and a hung Redis times out, so the user is told
 * within Discord's 3 seconds; nothing piles up in memory.
 */
export const FAIL_FAST = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  commandTimeout: 1_500,
} satisfies RedisOptions;

/** A Redis connection failure (down, unreachable, hung), not an error of the command itself. */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /enableOfflineQueue|Connection is closed|Command timed out|ECONNREFUSED|Stream isn't writeable/.test(
      err.message,
    )
  );
}

/** Deletes every key under `prefix` (SCAN, never FLUSH): for tests and tooling. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);

/** The short reason a connection to Redis failed (ECONNREFUSED, ...), or null if it did not. */
export function connectionFailure(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const code = (err as NodeJS.ErrnoException).code;
  if (code && CONNECTION_CODES.has(code)) return code;
  const m = /Connection is closed|Stream isn't writeable|connect ETIMEDOUT|Command timed out/.exec(
    err.message,
  );
  return m ? m[0] : null;
}
