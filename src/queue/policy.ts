import { DelayedError, type Job } from 'bullmq';
import { ImgpileError, describeImgpileError } from '../imgpile/errors.js';
import { MAX_BLOCK_MS, RateLimitWait, type RateLimiter } from '../limits/rate-limiter.js';
import type { Logger } from '../logger.js';
import { DownloadError } from '../rehost/download.js';
import { RehostRefusal, type Refusal } from '../rehost/refusal.js';
import type { PipelineEvent } from '../request.js';
import { english, say, type Say } from '../text/index.js';

/** A failure that may pass: the job is retried with backoff. `say`: what a reply may show. */
export class RetryableRehostError extends Error {
  override name = 'RetryableRehostError';
  constructor(
    readonly say: Say,
    options?: ErrorOptions,
  ) {
    super(english.say(say), options);
  }
}

/** A job queued for a member's own imgpile account (its requester's `account`). */
const actsAsMember = (run: JobRun) =>
  (run.job.data as { requester?: { account?: string } } | undefined)?.requester?.account === 'user';

/** Waits for a slot longer than this step aside (the job is delayed) instead. */
const MAX_INLINE_WAIT_MS = 5_000;

/** What a processor knows about the job it runs. */
export type JobRun = { job: Job; token: string | undefined; signal: AbortSignal | undefined };

export type JobPolicy = ReturnType<typeof createJobPolicy>;

/**
 * What every processor shares: taking a request slot, stepping a job aside without using up an
 * attempt, and the one reading of a failure (refuse it, retry it, or wait).
 */
export function createJobPolicy(deps: {
  limiter: RateLimiter;
  log: Logger;
  emit: (event: PipelineEvent) => void;
}) {
  /** Steps the job aside for `waitMs` without using up a retry attempt. */
  async function delayJob(run: JobRun, waitMs: number): Promise<never> {
    await run.job.moveToDelayed(Date.now() + Math.max(50, Math.ceil(waitMs)), run.token);
    throw new DelayedError();
  }

  /** Takes request slots (together), or steps the job aside if the wait is long. */
  async function slot(run: JobRun, slots = 1): Promise<void> {
    try {
      await deps.limiter.acquire({ signal: run.signal, maxWaitMs: MAX_INLINE_WAIT_MS, slots });
    } catch (err) {
      if (err instanceof RateLimitWait) {
        deps.emit({ type: 'rate_limit_wait', waitMs: err.waitMs });
        return delayJob(run, err.waitMs);
      }
      throw err;
    }
  }

  /**
   * imgpile said 429: every process is already held back (the client's response hook blocks
   * the limiter); this job runs again once Retry-After has passed.
   */
  async function onRateLimited(run: JobRun, err: ImgpileError): Promise<never> {
    deps.emit({ type: 'imgpile_429' });
    const wait = Math.min(err.retryAfterMs ?? 60_000, MAX_BLOCK_MS);
    deps.log.warn({ jobId: run.job.id, retryAfterMs: wait }, 'imgpile rate limit hit; waiting');
    return delayJob(run, wait);
  }

  /**
   * The one failure ladder of every processor. Returns the refusal when no retry can help;
   * otherwise throws: DelayedError to wait (shutdown, 429), an error to retry with backoff.
   */
  async function settle(err: unknown, run: JobRun, log: Logger): Promise<Refusal> {
    if (err instanceof DelayedError) throw err;
    if (run.signal?.aborted) {
      // Shutting down past the grace period: hand the job back untouched, no attempt used.
      const what = run.job.name === 'rehost-file' ? 'upload' : 'request';
      log.warn(`${what} interrupted by shutdown; it will run again`);
      return delayJob(run, 1_000);
    }
    if (err instanceof RehostRefusal) return err.refusal;
    const attempt = run.job.attemptsMade + 1;
    if (err instanceof ImgpileError) {
      if (err.kind === 'rate_limited') return onRateLimited(run, err);
      const meaning = describeImgpileError(err);
      if (!meaning.retryable) {
        if (err.kind === 'unauthenticated')
          log.error({ status: err.status }, 'imgpile rejected the token');
        else log.warn({ err }, 'imgpile refused');
        // The generic words name the bot's account: a member's own one is theirs to hear of.
        if (err.kind === 'forbidden' && actsAsMember(run))
          return { code: meaning.code, say: say('imgpile.forbiddenOwn') };
        return { code: meaning.code, say: meaning.say };
      }
      log.warn({ err, attempt }, 'imgpile call failed; will retry');
      throw new RetryableRehostError(say('imgpile.unreachable'), { cause: err });
    }
    if (err instanceof DownloadError) {
      log.warn({ err, attempt }, 'download failed; will retry');
      throw new RetryableRehostError(say('retry.download'), { cause: err });
    }
    log.error({ err }, 'unexpected failure; will retry');
    throw err;
  }

  return { slot, delayJob, settle };
}
