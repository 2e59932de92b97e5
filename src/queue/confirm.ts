import { QueuedOrNotError } from '../errors.js';
import { isRedisUnavailable, type Redis } from '../redis.js';
import { sleep } from '../sleep.js';
import { QUEUE_REQUESTS, requestJobId } from './jobs.js';

/** Asks this often (each ask waits out the connection's own command timeout). */
const ASKS = 4;

/**
 * Whether a request's flow is in Redis, after sending it failed without an answer (a stall, a
 * dropped connection): true, false, or null when Redis still does not say. Asked on the
 * connection that sent the flow: Redis answers a connection's commands in order, so once this
 * answers, the flow (added in one transaction) either is there whole or was never run.
 */
export async function wasQueued(
  redis: Redis,
  bullPrefix: string,
  requestId: string,
): Promise<boolean | null> {
  const key = `${bullPrefix}:${QUEUE_REQUESTS}:${requestJobId(requestId)}`;
  for (let ask = 1; ask <= ASKS; ask++) {
    try {
      return (await redis.exists(key)) === 1;
    } catch (err) {
      if (!isRedisUnavailable(err)) throw err;
      if (ask < ASKS) await sleep(250 * ask);
    }
  }
  return null;
}

/**
 * After sending a request's flow failed with `err`: true when Redis queued it all the same, false
 * when it surely did not (undo it); throws QueuedOrNotError when Redis does not say.
 */
export async function queuedAfterAll(
  err: unknown,
  deps: { redis: Redis; bullPrefix: string },
  requestId: string,
): Promise<boolean> {
  // Refused before a byte was written (no connection, no offline queue): surely not queued.
  if (!isRedisUnavailable(err) || /enableOfflineQueue/.test((err as Error).message)) return false;
  const queued = await wasQueued(deps.redis, deps.bullPrefix, requestId);
  if (queued === null)
    throw new QueuedOrNotError('Redis did not say whether the request was queued', { cause: err });
  return queued;
}
