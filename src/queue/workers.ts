import { Worker } from 'bullmq';
import type { Redis } from '../redis.js';
import { perAccount } from './accounts.js';
import type { WorkerContext } from './context.js';
import { QUEUE_REQUESTS, QUEUE_UPLOADS } from './jobs.js';
import { createRequestProcessor } from './request.js';
import { createUploadProcessor } from './upload.js';

const SHUTDOWN = 'shutdown';

/**
 * The worker side of the pipeline: one BullMQ worker streams files from Discord to imgpile, a
 * second turns each finished request into a post (when asked) and a delivered result.
 * `connection` is the worker's own (BullMQ workers block on Redis).
 */
export function createRehostWorkers(
  ctx: WorkerContext,
  options: {
    connection: Redis;
    bullPrefix: string;
    concurrency: number;
    /** A lost Redis is said elsewhere, once a window: true when `err` was that. */
    onConnectionError?: (err: unknown) => boolean;
  },
) {
  const log = ctx.log.child({ subsystem: 'worker' });
  const common = {
    connection: options.connection,
    prefix: options.bullPrefix,
    lockDuration: ctx.lockDurationMs,
    // Check for stalled jobs (a worker that died mid-job) as often as a lock can expire.
    stalledInterval: ctx.lockDurationMs,
    maxStalledCount: 3,
  };
  // A job queued for a member's own imgpile account runs as that member (accounts.ts).
  const uploads = new Worker(QUEUE_UPLOADS, perAccount(ctx, createUploadProcessor), {
    ...common,
    concurrency: options.concurrency,
  });
  const requests = new Worker(QUEUE_REQUESTS, perAccount(ctx, createRequestProcessor), {
    ...common,
    concurrency: Math.max(2, options.concurrency),
  });
  for (const worker of [uploads, requests]) {
    worker.on('error', (err) => {
      if (options.onConnectionError?.(err)) return;
      log.error({ err, queue: worker.name }, 'worker error');
    });
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        ctx.emit({ type: 'job_failed', queue: worker.name });
        log.error({ err, jobId: job.id, queue: worker.name }, 'job failed after every attempt');
      }
    });
  }

  let closing = false;
  return {
    uploads,
    requests,
    /** Taking jobs (for the health check). */
    isRunning: () => !closing && uploads.isRunning() && requests.isRunning(),
    /**
     * Stops taking jobs and lets running ones finish for up to `graceMs`; then aborts them, and
     * they go back to the queue (no attempt used) for another worker. Nothing is lost.
     */
    async close(graceMs: number): Promise<void> {
      closing = true;
      const timer = setTimeout(() => {
        log.warn({ graceMs }, 'grace period over; interrupting running jobs');
        uploads.cancelAllJobs(SHUTDOWN);
        requests.cancelAllJobs(SHUTDOWN);
      }, graceMs);
      try {
        await Promise.all([uploads.close(), requests.close()]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
