import { DelayedError, type Job } from 'bullmq';
import type { Logger } from '../logger.js';
import {
  RETRIES_EXHAUSTED,
  RehostRefusal,
  refusedRecord,
  withWords,
  type RefusalLimits,
} from '../rehost/refusal.js';
import {
  failedPost,
  type PostOutcome,
  type RehostResult,
  type UploadOutcome,
  type UploadedFile,
} from '../request.js';
import { say } from '../text/index.js';
import type { WorkerContext } from './context.js';
import { lastAttempt, requestJobSchema, uploadJobId, type RequestJob } from './jobs.js';
import { RetryableRehostError, type JobRun } from './policy.js';
import { titleFile } from './file-text.js';
import { makePost } from './post.js';

/** One run of a request job. */
type RequestRun = JobRun & { ctx: WorkerContext; data: RequestJob; log: Logger };

/** Every file's outcome in the order given: refused up front, uploaded, or failed for good. */
async function collectOutcomes(r: RequestRun): Promise<UploadOutcome[]> {
  const { job, data } = r;
  const values = (await job.getChildrenValues()) as Record<string, UploadOutcome>;
  const failures = await job.getIgnoredChildrenFailures();
  const find = <T>(map: Record<string, T>, attachmentId: string) => {
    const suffix = `:${uploadJobId(data.requestId, attachmentId)}`;
    return Object.entries(map).find(([k]) => k.endsWith(suffix))?.[1];
  };
  const outcomes: UploadOutcome[] = data.refused.map((f) => ({ status: 'failed', ...f }));
  for (const file of data.files) {
    const value = find(values, file.attachmentId);
    if (value) {
      outcomes.push(value);
      continue;
    }
    const failure = find(failures, file.attachmentId);
    if (failure !== undefined)
      r.log.warn({ attachmentId: file.attachmentId, failure }, 'file failed after every attempt');
    // Retries exhausted (or lost): give the file back to the quotas, once.
    await r.ctx.quotas.refund(
      data.requester,
      data.quotaDay,
      `${data.requestId}:${file.attachmentId}`,
    );
    outcomes.push({ status: 'failed', ...file, ...refusedRecord(RETRIES_EXHAUSTED, limits(r)) });
  }
  return outcomes.sort((a, b) => a.index - b.index);
}

/**
 * The post, or on the job's last attempt a post that could not be made: the request still
 * ends with a reply naming what failed.
 */
async function postFor(r: RequestRun, uploaded: UploadedFile[]): Promise<PostOutcome> {
  try {
    return await makePost(r.ctx, r, r.data, uploaded, r.log);
  } catch (err) {
    // No retry can help (a member's own account that imgpile no longer takes): said at once.
    if (err instanceof RehostRefusal) return failedPost(err.say);
    if (err instanceof DelayedError || !lastAttempt(r.job)) throw err;
    r.log.error({ err }, 'no post could be made after every attempt');
    const reason = err instanceof RetryableRehostError ? err.say : say('imgpile.unreachable');
    return failedPost(say('post.tryLater', { reason }));
  }
}

/** The bot's limits a refusal's own words name (see `refusedRecord`). */
const limits = (r: RequestRun): RefusalLimits => ({ maxFileBytes: r.ctx.download.maxBytes });

/**
 * The files as the member is told of them: those deleted with a post that could not be
 * restricted are failed (their links lead nowhere), and every refusal says its words. The
 * job's own result keeps them as uploaded, and marked withdrawn.
 */
function marked(r: RequestRun, files: UploadOutcome[], post: PostOutcome | null) {
  const gone = new Set(post?.status === 'failed' ? (post.withdrawn ?? []) : []);
  const kept = files.map((f) =>
    f.status === 'uploaded' && gone.has(f.attachmentId) ? { ...f, withdrawn: true as const } : f,
  );
  const shown = kept.map((f): UploadOutcome => {
    if (f.status === 'failed') return withWords(f, limits(r));
    if (!f.withdrawn) return f;
    const { index, attachmentId, filename } = f;
    const withdrawn = refusedRecord(
      { code: 'withdrawn', say: say('refusal.withdrawn') },
      limits(r),
    );
    return { status: 'failed', index, attachmentId, filename, ...withdrawn };
  });
  return { kept, shown };
}

/** Files reused for a post that already existed cost nothing after all. */
async function refundReused(r: RequestRun, uploaded: UploadedFile[]) {
  const { data } = r;
  for (const file of uploaded.filter((u) => u.reused)) {
    await r.ctx.quotas.refund(
      data.requester,
      data.quotaDay,
      `${data.requestId}:${file.attachmentId}`,
    );
  }
}

/**
 * The request processor: runs once every upload of a request has finished (or failed for good),
 * makes the post when asked, releases the request's place in its guild's backlog, and delivers
 * the result. Every request ends with a reply and releases what it holds, whatever fails.
 */
export function createRequestProcessor(ctx: WorkerContext) {
  const log = ctx.log.child({ subsystem: 'worker' });

  return async function processRequest(
    job: Job,
    token?: string,
    signal?: AbortSignal,
  ): Promise<RehostResult> {
    const data = requestJobSchema.parse(job.data);
    const r: RequestRun = {
      job,
      token,
      signal,
      ctx,
      data,
      log: log.child({
        jobId: job.id,
        requestId: data.requestId,
        guildId: data.requester.guildId,
        userId: data.requester.userId,
      }),
    };
    const files = await collectOutcomes(r);
    const uploaded = files.filter((o): o is UploadedFile => o.status === 'uploaded');
    const post = data.post && uploaded.length > 0 ? await postFor(r, uploaded) : null;
    if (data.fileText && !data.post && uploaded[0]) await titleFile(r, uploaded[0], data.fileText);
    if (post?.status === 'created' && post.reused) await refundReused(r, uploaded);
    const { kept, shown } = marked(r, files, post);
    const result: RehostResult = {
      requestId: data.requestId,
      requester: data.requester,
      files: shown,
      post,
    };
    // Released before the reply, whatever happens to the reply: the guild's rank is freed.
    await ctx.store.backlog.release(data.requestId, data.requester, data.files.length);
    try {
      await ctx.deliver({ result, replyTarget: data.replyTarget, request: data });
    } catch (err) {
      if (!lastAttempt(job)) throw err;
      r.log.error({ err }, 'the reply could not be delivered after every attempt');
    }
    const failed = shown.filter((o) => o.status === 'failed').length;
    const latencyMs = Date.now() - data.createdAt;
    ctx.emit({ type: 'request_completed', files: files.length, failed, latencyMs });
    r.log.info(
      { files: files.length, failed, post: post?.status ?? 'none' },
      'rehost request finished',
    );
    // Kept as the job's result for an hour: without the key of a private post.
    const stored = { ...result, files: kept };
    return post?.status === 'created' ? { ...stored, post: { ...post, accessKey: null } } : stored;
  };
}
