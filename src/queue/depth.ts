import { Queue } from 'bullmq';
import type { Redis } from '../redis.js';
import { QUEUE_FOLLOWUPS, QUEUE_REQUESTS, QUEUE_UPLOADS } from './jobs.js';

const STATES = [
  'waiting',
  'prioritized',
  'active',
  'delayed',
  'waiting-children',
  'completed',
  'failed',
] as const;

/** Reads how many jobs each queue holds in each state (for the metrics scrape). */
export function createQueueDepths(redis: Redis, bullPrefix: string) {
  const queues = [QUEUE_UPLOADS, QUEUE_REQUESTS, QUEUE_FOLLOWUPS].map((name) => {
    const queue = new Queue(name, { connection: redis, prefix: bullPrefix });
    // Connection errors are already logged once by the shared connection.
    queue.on('error', () => undefined);
    return queue;
  });
  return {
    async read(): Promise<{ queue: string; state: string; jobs: number }[]> {
      const out: { queue: string; state: string; jobs: number }[] = [];
      for (const queue of queues) {
        const counts = await queue.getJobCounts(...STATES);
        for (const [state, jobs] of Object.entries(counts))
          out.push({ queue: queue.name, state, jobs });
      }
      return out;
    },
    async close() {
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}
