import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createRedisOutage, redisWhere } from '../../src/ops/redis-outage.js';

function captured() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6390'), {
  code: 'ECONNREFUSED',
});

describe('a lost Redis', () => {
  it('is said once, then once a window while it stays lost, then once when it is back', () => {
    let now = 1_000_000;
    const { log, lines } = captured();
    const outage = createRedisOutage({
      url: 'redis://:hunter2-secret@redis.internal:6390/2',
      log,
      windowMs: 30_000,
      now: () => now,
    });
    for (let s = 0; s < 75; s++) {
      expect(outage.report(refused)).toBe(true);
      now += 1_000;
    }
    expect(lines.map((l) => l.msg)).toEqual([
      'Redis does not answer at redis://redis.internal:6390/2 (ECONNREFUSED); waiting for it, and retrying. If it moved, set REDIS_URL',
      'still waiting for Redis at redis://redis.internal:6390/2 (ECONNREFUSED, for 30 s); set REDIS_URL if it moved',
      'still waiting for Redis at redis://redis.internal:6390/2 (ECONNREFUSED, for 60 s); set REDIS_URL if it moved',
    ]);
    outage.ready();
    outage.ready();
    expect(lines.slice(3)).toMatchObject([
      { level: 'info', msg: 'Redis answers again', downS: 75 },
    ]);
    // The password never reaches a line.
    expect(JSON.stringify(lines)).not.toContain('hunter2');
  });

  it('leaves other errors to their callers', () => {
    const { log, lines } = captured();
    const outage = createRedisOutage({ url: 'redis://127.0.0.1:6379', log });
    expect(outage.report(new Error('WRONGPASS invalid username-password pair'))).toBe(false);
    expect(outage.report('not an error')).toBe(false);
    expect(lines).toEqual([]);
  });

  it('names a Redis without its credentials', () => {
    expect(redisWhere('rediss://user:pw@example.org:6380')).toBe('rediss://example.org:6380');
    expect(redisWhere('not a url')).toBe('the Redis of REDIS_URL');
  });
});
