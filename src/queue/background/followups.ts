import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import { connectionFailure, type Redis } from '../../redis.js';
import { QUEUE_FOLLOWUPS } from '../jobs.js';

/**
 * Replies looked at again after they were sent, as durable work: one delayed BullMQ job per
 * reply, run at the steps of a bounded schedule by whichever worker process is up, so a
 * restart loses none. What a look does is the runner's (the Discord side's): here only when.
 */

/**
 * When a reply is looked at again, counted from when it was sent: imgpile makes sized variants
 * within seconds, a verdict may take minutes. After the last step the reply stands as it is.
 */
export const FOLLOW_UP_SCHEDULE_MS = [2_000, 5_000, 15_000, 60_000, 300_000] as const;
const LAST_MS = FOLLOW_UP_SCHEDULE_MS[FOLLOW_UP_SCHEDULE_MS.length - 1]!;

export const followUpJobSchema = z.object({
  requestId: z.string().min(1).max(100),
  /** When the reply was sent (ms epoch): the schedule counts from it. */
  sentAt: z.number().int(),
  /** The step of the schedule this run is. */
  step: z.number().int().nonnegative(),
  /** What the runner needs to look again (its own schema): ids and values, never a token. */
  work: z.unknown(),
});
export type FollowUpJob = z.infer<typeof followUpJobSchema>;

/**
 * What one look found: nothing more to wait for; look again at the next step, with `work` as
 * it now stands; or this step again after `waitMs` (a rate that frees up within seconds).
 */
export type FollowUpOutcome =
  { next: 'done' } | { next: 'later'; work: unknown } | { next: 'wait'; waitMs: number };

export type FollowUpRunner = (work: unknown) => Promise<FollowUpOutcome>;

export const followUpJobId = (requestId: string) => `followup_${requestId}`;

export type FollowUpQueue = ReturnType<typeof createFollowUpQueue>;

/** Where replies are handed over for later looks. `connection` may be shared. */
export function createFollowUpQueue(options: { connection: Redis; bullPrefix: string }) {
  const queue = new Queue(QUEUE_FOLLOWUPS, {
    connection: options.connection,
    prefix: options.bullPrefix,
  });
  // The connection logs its own errors; an 'error' event without a listener would crash.
  queue.on('error', () => undefined);
  return {
    /** Schedules the first look; a request's reply has one follow-up, however often asked. */
    async schedule(requestId: string, work: unknown, sentAt = Date.now()): Promise<void> {
      const data: FollowUpJob = { requestId, sentAt, step: 0, work };
      await queue.add('follow-up', data, {
        jobId: followUpJobId(requestId),
        delay: Math.max(0, sentAt + FOLLOW_UP_SCHEDULE_MS[0] - Date.now()),
        // A look that fails is the next step's to retry; the schedule bounds them all.
        attempts: 1,
        removeOnComplete: { age: 3_600, count: 1_000 },
        removeOnFail: { age: 86_400, count: 1_000 },
      });
    },
    close: () => queue.close(),
  };
}

/** When to run next and with what, or null when the follow-up is over. */
function nextRun(data: FollowUpJob, outcome: FollowUpOutcome) {
  if (outcome.next === 'done') return null;
  if (outcome.next === 'wait') {
    const at = Date.now() + outcome.waitMs;
    return at > data.sentAt + LAST_MS ? null : { at, data };
  }
  const step = data.step + 1;
  const offset = FOLLOW_UP_SCHEDULE_MS[step];
  if (offset === undefined) return null;
  return { at: data.sentAt + offset, data: { ...data, step, work: outcome.work } };
}

function followUpProcessor(run: FollowUpRunner, log: Logger) {
  return async function processFollowUp(job: Job, token?: string): Promise<string> {
    const data = followUpJobSchema.parse(job.data);
    const outcome = await run(data.work).catch((err: unknown): FollowUpOutcome => {
      log.warn({ err, requestId: data.requestId, step: data.step }, 'follow-up failed');
      return { next: 'later', work: data.work };
    });
    const next = nextRun(data, outcome);
    if (!next) return 'done';
    if (next.data !== data) await job.updateData(next.data);
    // Waiting is a delayed job in Redis: no worker slot is held meanwhile.
    await job.moveToDelayed(Math.max(Date.now() + 1, next.at), token);
    throw new DelayedError();
  };
}

/**
 * The follow-up worker: `connection` is its own (BullMQ workers block on Redis). A run holds
 * its slot for one look (a read, at most one edit), never while waiting for the next.
 */
export function createFollowUpWorker(
  run: FollowUpRunner,
  options: {
    connection: Redis;
    bullPrefix: string;
    concurrency: number;
    lockDurationMs: number;
    log: Logger;
  },
) {
  const log = options.log.child({ subsystem: 'followups' });
  const worker = new Worker(QUEUE_FOLLOWUPS, followUpProcessor(run, log), {
    connection: options.connection,
    prefix: options.bullPrefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.lockDurationMs,
    maxStalledCount: 3,
  });
  // A lost Redis is said once a window by the connection's own voice (src/ops/redis-outage.ts).
  worker.on('error', (err) => {
    if (connectionFailure(err) !== null) return;
    log.error({ err, queue: worker.name }, 'worker error');
  });
  return {
    isRunning: () => worker.isRunning(),
    /** Stops taking looks; one running past `graceMs` is cut off and runs again elsewhere. */
    async close(graceMs: number): Promise<void> {
      const timer = setTimeout(() => worker.cancelAllJobs('shutdown'), graceMs);
      try {
        await worker.close();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
