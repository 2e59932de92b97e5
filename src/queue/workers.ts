import { DelayedError, Worker, type Job } from 'bullmq';
import type { Dispatcher } from 'undici';
import { ImgpileError, type ImgpileClient } from '../imgpile/index.js';
import { RateLimitWait, type RateLimiter } from '../limits/rate-limiter.js';
import type { Quotas } from '../limits/quotas.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis.js';
import { DownloadError, RehostRefusal, openAttachment } from '../rehost/download.js';
import type { OwnerRecord, Records } from '../store/records.js';
import {
  GENERIC_RETRY_EXHAUSTED,
  RetryableRehostError,
  permanentImgpileFailure,
} from './failures.js';
import {
  QUEUE_REQUESTS,
  QUEUE_UPLOADS,
  requestJobSchema,
  uploadJobId,
  uploadJobSchema,
  type RehostResult,
  type ReplyTarget,
  type RequestJob,
  type UploadJob,
  type UploadOutcome,
} from './jobs.js';
import { pendingKey } from './producer.js';

export type Delivery = { result: RehostResult; replyTarget: ReplyTarget; request: RequestJob };

/** Events for metrics and tests; handlers must not throw. */
export type PipelineEvent =
  | { type: 'file_uploaded'; bytes: number; reused: boolean }
  | { type: 'file_failed'; code: string }
  | { type: 'rate_limit_wait'; waitMs: number }
  | { type: 'imgpile_429' }
  | { type: 'request_completed'; files: number; failed: number }
  | { type: 'job_failed'; queue: string }
  | { type: 'quota_refused'; scope: string };

export type UploadProgress = { bytes: number; total: number };

export type RehostWorkerDeps = {
  connection: Redis;
  redis: Redis;
  bullPrefix: string;
  namespace: string;
  imgpile: ImgpileClient;
  limiter: RateLimiter;
  quotas: Quotas;
  records: Records;
  /** Origin of the imgpile site, for post links (`<origin>/p/<slug>`). */
  imgpileOrigin: string;
  download: {
    allowedHosts: string[];
    maxBytes: number;
    refreshUrl?: (url: string) => Promise<string | null>;
    dispatcher?: Dispatcher;
  };
  /** Turns a finished request into a reply (Discord, in the bot); retried if it throws. */
  deliver: (delivery: Delivery) => Promise<void>;
  /** Told of a file's progress (throttled by `progressIntervalMs`); awaited before the job ends. */
  onProgress?: (job: UploadJob, progress: UploadProgress) => Promise<void>;
  concurrency: number;
  log: Logger;
  onEvent?: (event: PipelineEvent) => void;
  /** Waits for a rate-limit slot longer than this step aside (job delayed) instead. */
  maxInlineWaitMs?: number;
  /** How long a worker may go silent before its job counts as stalled (BullMQ lockDuration). */
  lockDurationMs?: number;
  progressIntervalMs?: number;
};

const SHUTDOWN = 'shutdown';

/**
 * The worker side of the pipeline: one BullMQ worker streams files from Discord to imgpile, a
 * second turns each finished request into a post (when asked) and a delivered result.
 */
export function createRehostWorkers(deps: RehostWorkerDeps) {
  const log = deps.log.child({ subsystem: 'worker' });
  const emit = (event: PipelineEvent) => {
    try {
      deps.onEvent?.(event);
    } catch {
      // metrics must never break the pipeline
    }
  };
  const maxInlineWaitMs = deps.maxInlineWaitMs ?? 5_000;
  const lockDuration = deps.lockDurationMs ?? 30_000;

  /** Steps aside until `at` without using up a retry attempt. */
  async function delayJob(job: Job, token: string | undefined, waitMs: number): Promise<never> {
    await job.moveToDelayed(Date.now() + Math.max(50, Math.ceil(waitMs)), token);
    throw new DelayedError();
  }

  /** Takes a request slot, or steps the job aside if the wait is long. */
  async function slot(job: Job, token: string | undefined, signal: AbortSignal | undefined) {
    try {
      await deps.limiter.acquire({ signal, maxWaitMs: maxInlineWaitMs });
    } catch (err) {
      if (err instanceof RateLimitWait) {
        emit({ type: 'rate_limit_wait', waitMs: err.waitMs });
        return delayJob(job, token, err.waitMs);
      }
      throw err;
    }
  }

  /** imgpile said 429: block every process until Retry-After, and retry this job then. */
  async function onRateLimited(
    job: Job,
    token: string | undefined,
    err: ImgpileError,
  ): Promise<never> {
    emit({ type: 'imgpile_429' });
    const wait = err.retryAfterMs ?? 60_000;
    log.warn({ jobId: job.id, retryAfterMs: wait }, 'imgpile rate limit hit; pausing all requests');
    await deps.limiter.block(wait);
    return delayJob(job, token, wait);
  }

  function owner(data: { requestId: string; requester: UploadJob['requester'] }): OwnerRecord {
    return {
      userId: data.requester.userId,
      guildId: data.requester.guildId,
      channelId: data.requester.channelId,
      requestId: data.requestId,
      createdAt: new Date().toISOString(),
    };
  }

  async function processUpload(
    job: Job,
    token?: string,
    signal?: AbortSignal,
  ): Promise<UploadOutcome> {
    const data = uploadJobSchema.parse(job.data);
    const { attachment } = data;
    const jlog = log.child({
      jobId: job.id,
      requestId: data.requestId,
      attachmentId: attachment.id,
      guildId: data.requester.guildId,
      userId: data.requester.userId,
    });
    const base = { index: data.index, attachmentId: attachment.id, filename: attachment.filename };
    const refundId = `${data.requestId}:${attachment.id}`;
    const fail = async (code: string, reason: string): Promise<UploadOutcome> => {
      await deps.quotas.refund(data.requester, data.quotaDay, refundId);
      emit({ type: 'file_failed', code });
      jlog.info({ code, reason }, 'file not rehosted');
      return { status: 'failed', ...base, code, reason };
    };
    const reuse = async (): Promise<UploadOutcome | null> => {
      const done = await deps.records.getUpload(attachment.id);
      if (!done) return null;
      // Already on imgpile (a retry, or the same attachment asked for again): nothing new was
      // uploaded, so the file is given back to the quotas.
      await deps.quotas.refund(data.requester, data.quotaDay, refundId);
      emit({ type: 'file_uploaded', bytes: 0, reused: true });
      jlog.info({ slug: done.slug }, 'attachment already rehosted; reusing it');
      return { status: 'uploaded', ...base, media: { id: done.mediaId, ...done }, reused: true };
    };

    const earlier = await reuse();
    if (earlier) return earlier;
    const holder = String(job.id);
    if (!(await deps.records.lockAttachment(attachment.id, holder, lockDuration * 4))) {
      // Another job is uploading this very attachment: look again shortly.
      return delayJob(job, token, 2_000);
    }
    let cancelDownload: (() => void) | undefined;
    let progress: ReturnType<typeof progressReporter> | undefined;
    try {
      const again = await reuse();
      if (again) return again;
      await slot(job, token, signal);
      const file = await openAttachment(attachment, {
        ...deps.download,
        signal,
      });
      cancelDownload = file.cancel;
      progress = progressReporter(job, data, file.size);
      const res = await deps.imgpile.uploadMedia({
        file: progress.wrap(file.stream),
        filename: attachment.filename,
        contentType: file.contentType,
        size: file.size,
        signal,
      });
      const media = res.body.media;
      const record = {
        mediaId: media.id ?? null,
        slug: media.slug,
        url: media.urls.original,
        type: media.type ?? file.contentType,
      };
      // Recorded before the job returns: a re-run finds it and never uploads twice.
      await deps.records.recordUpload(attachment.id, record, {
        ...owner(data),
        attachmentId: attachment.id,
      });
      await progress.done();
      emit({ type: 'file_uploaded', bytes: file.size, reused: false });
      jlog.info({ slug: media.slug, bytes: file.size, refreshed: file.refreshed }, 'file rehosted');
      return {
        status: 'uploaded',
        ...base,
        media: { id: record.mediaId, slug: record.slug, url: record.url, type: record.type },
        reused: false,
      };
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      if (signal?.aborted) {
        // Shutting down past the grace period: hand the job back untouched, no attempt used.
        jlog.warn('upload interrupted by shutdown; it will run again');
        return await delayJob(job, token, 1_000);
      }
      if (err instanceof RehostRefusal) return await fail(err.code, err.message);
      if (err instanceof ImgpileError) {
        if (err.kind === 'rate_limited') return await onRateLimited(job, token, err);
        const permanent = permanentImgpileFailure(err);
        if (permanent) {
          if (err.kind === 'unauthenticated')
            jlog.error({ status: err.status }, 'imgpile rejected the token');
          return await fail(permanent.code, permanent.reason);
        }
        jlog.warn({ err, attempt: job.attemptsMade + 1 }, 'imgpile upload failed; will retry');
        throw new RetryableRehostError('imgpile could not be reached', { cause: err });
      }
      if (err instanceof DownloadError) {
        jlog.warn({ err, attempt: job.attemptsMade + 1 }, 'download failed; will retry');
        throw new RetryableRehostError("Discord's CDN could not be reached", { cause: err });
      }
      jlog.error({ err }, 'unexpected upload failure; will retry');
      throw err;
    } finally {
      cancelDownload?.();
      await progress?.settled();
      await deps.records.unlockAttachment(attachment.id, holder).catch(() => undefined);
    }
  }

  function progressReporter(job: Job, data: UploadJob, total: number) {
    const interval = deps.progressIntervalMs ?? 1_000;
    let bytes = 0;
    let last = Date.now();
    let pending: Promise<unknown> = Promise.resolve();
    return {
      async *wrap(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
        for await (const chunk of source) {
          bytes += chunk.byteLength;
          const now = Date.now();
          if (now - last >= interval) {
            last = now;
            const progress: UploadProgress = { bytes, total };
            // Never awaited inline: progress must not slow the stream. One report at a time.
            pending = pending.then(() =>
              Promise.all([job.updateProgress(progress), deps.onProgress?.(data, progress)]).catch(
                (err: unknown) => log.debug({ err }, 'progress report failed'),
              ),
            );
          }
          yield chunk;
        }
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

  async function processRequest(
    job: Job,
    token?: string,
    signal?: AbortSignal,
  ): Promise<RehostResult> {
    const data = requestJobSchema.parse(job.data);
    const jlog = log.child({
      jobId: job.id,
      requestId: data.requestId,
      guildId: data.requester.guildId,
      userId: data.requester.userId,
    });
    const values = (await job.getChildrenValues()) as Record<string, UploadOutcome>;
    const failures = await job.getIgnoredChildrenFailures();
    const byId = (attachmentId: string) => `:${uploadJobId(data.requestId, attachmentId)}`;
    const find = <T>(map: Record<string, T>, attachmentId: string) =>
      Object.entries(map).find(([k]) => k.endsWith(byId(attachmentId)))?.[1];

    const outcomes: UploadOutcome[] = data.refused.map((r) => ({ status: 'failed', ...r }));
    for (const file of data.files) {
      const value = find(values, file.attachmentId);
      if (value) {
        outcomes.push(value);
        continue;
      }
      const failure = find(failures, file.attachmentId);
      if (failure !== undefined)
        jlog.warn({ attachmentId: file.attachmentId, failure }, 'file failed after every attempt');
      // Retries exhausted (or lost): give the file back to the quotas, once.
      await deps.quotas.refund(
        data.requester,
        data.quotaDay,
        `${data.requestId}:${file.attachmentId}`,
      );
      outcomes.push({
        status: 'failed',
        ...file,
        code: 'retries_exhausted',
        reason: GENERIC_RETRY_EXHAUSTED,
      });
    }
    outcomes.sort((a, b) => a.index - b.index);

    let post: RehostResult['post'] = null;
    const uploaded = outcomes.filter((o) => o.status === 'uploaded');
    if (data.post && uploaded.length > 0) {
      post = await makePost(job, token, signal, data, uploaded, jlog);
    }
    const result: RehostResult = {
      requestId: data.requestId,
      requester: data.requester,
      files: outcomes,
      post,
    };

    // The guild's backlog shrinks by this request's files (once, whatever the retries).
    const released = await deps.redis.set(
      `${deps.namespace}:request:${data.requestId}:released`,
      '1',
      'EX',
      86_400,
      'NX',
    );
    if (released === 'OK') {
      const key = pendingKey(deps.namespace, data.requester);
      const left = await deps.redis.decrby(key, data.files.length);
      if (left < 0) await deps.redis.set(key, 0);
    }

    await deps.deliver({ result, replyTarget: data.replyTarget, request: data });
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    emit({ type: 'request_completed', files: outcomes.length, failed });
    jlog.info(
      { files: outcomes.length, failed, post: post?.status ?? 'none' },
      'rehost request finished',
    );
    return result;
  }

  async function makePost(
    job: Job,
    token: string | undefined,
    signal: AbortSignal | undefined,
    data: RequestJob,
    uploaded: Extract<UploadOutcome, { status: 'uploaded' }>[],
    jlog: Logger,
  ): Promise<RehostResult['post']> {
    const options = data.post!;
    const ids = uploaded.map((u) => u.media.id);
    if (ids.some((id) => id === null)) {
      return {
        status: 'failed',
        reason: 'imgpile did not return media ids, so no post could be made',
      };
    }
    try {
      let record = await deps.records.getRequestPost(data.requestId);
      if (!record) {
        await slot(job, token, signal);
        const created = await deps.imgpile.createPost(ids as number[]);
        record = { ...created.body.post, updated: false, accessKey: null, visibility: 'public' };
        // Recorded at once: a retry of this job must never create a second post.
        await deps.records.setRequestPost(data.requestId, record);
        await deps.records.recordPostOwner(record.slug, {
          userId: data.requester.userId,
          guildId: data.requester.guildId,
          channelId: data.requester.channelId,
          requestId: data.requestId,
          createdAt: new Date().toISOString(),
        });
        jlog.info({ slug: record.slug }, 'post created');
      }
      const wantsUpdate =
        options.title !== undefined ||
        options.description !== undefined ||
        options.visibility !== undefined ||
        options.nsfw !== undefined;
      if (wantsUpdate && !record.updated) {
        await slot(job, token, signal);
        const res = await deps.imgpile.updatePost(record.slug, {
          title: options.title,
          description: options.description,
          visibility: options.visibility,
          isNsfw: options.nsfw,
        });
        record = {
          ...record,
          updated: true,
          accessKey: res.body.access_key ?? null,
          visibility: res.body.visibility ?? options.visibility ?? 'public',
        };
        await deps.records.setRequestPost(data.requestId, record);
      }
      return {
        status: 'created',
        slug: record.slug,
        url: `${deps.imgpileOrigin}/p/${record.slug}`,
        visibility: record.visibility,
        accessKey: record.accessKey,
      };
    } catch (err) {
      if (err instanceof DelayedError) throw err;
      if (signal?.aborted) return delayJob(job, token, 1_000);
      if (err instanceof ImgpileError) {
        if (err.kind === 'rate_limited') return onRateLimited(job, token, err);
        const permanent = permanentImgpileFailure(err);
        if (permanent) {
          jlog.warn({ err }, 'post could not be made');
          return { status: 'failed', reason: permanent.reason };
        }
      }
      throw err;
    }
  }

  const common = {
    connection: deps.connection,
    prefix: deps.bullPrefix,
    lockDuration,
    // Check for stalled jobs (a worker that died mid-job) as often as a lock can expire.
    stalledInterval: lockDuration,
    maxStalledCount: 3,
  };
  const uploads = new Worker(QUEUE_UPLOADS, processUpload, {
    ...common,
    concurrency: deps.concurrency,
  });
  const requests = new Worker(QUEUE_REQUESTS, processRequest, {
    ...common,
    concurrency: Math.max(2, deps.concurrency),
  });
  for (const worker of [uploads, requests]) {
    worker.on('error', (err) => log.error({ err, queue: worker.name }, 'worker error'));
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        emit({ type: 'job_failed', queue: worker.name });
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

export type RehostWorkers = ReturnType<typeof createRehostWorkers>;
