import type { Job } from 'bullmq';
import type { Logger } from '../logger.js';
import { RETRIES_EXHAUSTED } from '../rehost/refusal.js';
import type { WorkerContext } from './context.js';
import {
  requestJobSchema,
  uploadJobId,
  type RehostResult,
  type RequestJob,
  type UploadOutcome,
  type UploadedFile,
} from './jobs.js';
import { makePost } from './post.js';

/**
 * The request processor: runs once every upload of a request has finished (or failed for good),
 * makes the post when asked, releases the request's place in its guild's backlog, and delivers
 * the result.
 */
export function createRequestProcessor(ctx: WorkerContext) {
  const log = ctx.log.child({ subsystem: 'worker' });

  return async function processRequest(
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
    const outcomes = await collectOutcomes(job, data, jlog);
    const uploaded = outcomes.filter((o): o is UploadedFile => o.status === 'uploaded');
    const post =
      data.post && uploaded.length > 0
        ? await makePost(ctx, { job, token, signal }, data, uploaded, jlog)
        : null;
    const result: RehostResult = {
      requestId: data.requestId,
      requester: data.requester,
      files: outcomes,
      post,
    };
    await ctx.store.requests.releaseBacklog(data.requestId, data.requester, data.files.length);
    await ctx.deliver({ result, replyTarget: data.replyTarget, request: data });
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    ctx.emit({ type: 'request_completed', files: outcomes.length, failed });
    jlog.info(
      { files: outcomes.length, failed, post: post?.status ?? 'none' },
      'rehost request finished',
    );
    return result;
  };

  /** Every file's outcome in the order given: refused up front, uploaded, or failed for good. */
  async function collectOutcomes(
    job: Job,
    data: RequestJob,
    jlog: Logger,
  ): Promise<UploadOutcome[]> {
    const values = (await job.getChildrenValues()) as Record<string, UploadOutcome>;
    const failures = await job.getIgnoredChildrenFailures();
    const find = <T>(map: Record<string, T>, attachmentId: string) => {
      const suffix = `:${uploadJobId(data.requestId, attachmentId)}`;
      return Object.entries(map).find(([k]) => k.endsWith(suffix))?.[1];
    };
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
      await ctx.quotas.refund(
        data.requester,
        data.quotaDay,
        `${data.requestId}:${file.attachmentId}`,
      );
      outcomes.push({ status: 'failed', ...file, ...RETRIES_EXHAUSTED });
    }
    return outcomes.sort((a, b) => a.index - b.index);
  }
}
