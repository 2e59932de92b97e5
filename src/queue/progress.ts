import type { Job } from 'bullmq';
import type { Logger } from '../logger.js';
import type { UploadProgress } from '../request.js';
import type { UploadJob } from './jobs.js';

const INTERVAL_MS = 1_000;

/**
 * Reports a file's progress from inside the stream at most once a second, never awaited inline
 * (progress must not slow the stream) and one report at a time. `total` is set once the
 * download has said how large the file is.
 */
export function progressReporter(
  job: Job,
  data: UploadJob,
  onProgress: ((job: UploadJob, progress: UploadProgress) => Promise<void>) | undefined,
  log: Logger,
) {
  let total = 0;
  let last = Date.now();
  let pending: Promise<unknown> = Promise.resolve();
  return {
    start(size: number) {
      total = size;
      last = Date.now();
    },
    /** Called with the bytes read so far, after every chunk. */
    onBytes(bytes: number) {
      const now = Date.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      const progress: UploadProgress = { bytes, total };
      pending = pending.then(() =>
        Promise.all([job.updateProgress(progress), onProgress?.(data, progress)]).catch(
          (err: unknown) => log.debug({ err }, 'progress report failed'),
        ),
      );
    },
    /** Waits for reports in flight, so none lands after the final reply. */
    settled: () => pending,
    async done() {
      await pending;
      await job
        .updateProgress({ bytes: total, total } satisfies UploadProgress)
        .catch(() => undefined);
    },
  };
}
