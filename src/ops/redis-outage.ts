import type { Logger } from '../logger.js';
import { connectionFailure } from '../redis.js';

/** How often, at most, a lost Redis is mentioned again while it stays lost. */
export const REDIS_OUTAGE_WINDOW_MS = 30_000;

/** A Redis URL fit for a log line: where it is, never its user or password. */
export function redisWhere(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return 'the Redis of REDIS_URL';
  }
}

/**
 * The process's one voice about a lost Redis. Every connection (ioredis's and BullMQ's) reports
 * its errors here: a connection failure is said once when Redis is lost, then once a window
 * ("still waiting") while it stays lost, and once when it answers again; nothing else is said
 * of it, so a Redis that is down does not flood the log with a line (and a stack) per attempt.
 */
export function createRedisOutage(options: {
  url: string;
  log: Logger;
  windowMs?: number;
  now?: () => number;
}) {
  const { log } = options;
  const windowMs = options.windowMs ?? REDIS_OUTAGE_WINDOW_MS;
  const now = options.now ?? Date.now;
  const redis = redisWhere(options.url);
  let downSince: number | null = null;
  let saidAt = 0;
  return {
    /** True when `err` is a lost connection, and so said (or held back) here. */
    report(err: unknown): boolean {
      const reason = connectionFailure(err);
      if (reason === null) return false;
      const at = now();
      if (downSince === null) {
        downSince = at;
        saidAt = at;
        log.warn(
          { redis, reason },
          `Redis does not answer at ${redis} (${reason}); waiting for it, and retrying. If it moved, set REDIS_URL`,
        );
      } else if (at - saidAt >= windowMs) {
        saidAt = at;
        const downS = Math.round((at - downSince) / 1000);
        log.warn(
          { redis, reason, downS },
          `still waiting for Redis at ${redis} (${reason}, for ${downS} s); set REDIS_URL if it moved`,
        );
      }
      return true;
    },
    /** A connection is ready: said once, when it ends an outage. */
    ready(): void {
      if (downSince === null) return;
      const downS = Math.round((now() - downSince) / 1000);
      downSince = null;
      log.info({ redis, downS }, 'Redis answers again');
    },
    /** Redis is lost as far as this process knows (for the shutdown's last words). */
    isDown: () => downSince !== null,
  };
}
export type RedisOutage = ReturnType<typeof createRedisOutage>;
