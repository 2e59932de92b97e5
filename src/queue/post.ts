import type { Logger } from '../logger.js';
import { ownerRecord, type RequestPostRecord } from '../store/index.js';
import type { WorkerContext } from './context.js';
import type { PostOptions, PostOutcome, RequestJob, UploadedFile } from './jobs.js';
import type { JobRun } from './policy.js';

const wantsUpdate = (o: PostOptions) =>
  o.title !== undefined ||
  o.description !== undefined ||
  o.visibility !== undefined ||
  o.nsfw !== undefined;

/**
 * Makes the post a request asked for, from its uploaded files in their original order, then
 * applies title, description, visibility and NSFW. Each step is recorded before the next, so a
 * re-run of the job never creates a second post.
 */
export async function makePost(
  ctx: WorkerContext,
  run: JobRun,
  data: RequestJob,
  uploaded: UploadedFile[],
  log: Logger,
): Promise<PostOutcome> {
  const options = data.post!;
  const ids = uploaded.map((u) => u.media.id);
  if (ids.some((id) => id === null)) {
    return {
      status: 'failed',
      reason: 'imgpile did not return media ids, so no post could be made',
    };
  }
  try {
    let record = await ctx.store.requests.getPost(data.requestId);
    if (!record) {
      await ctx.policy.slot(run);
      const created = await ctx.imgpile.createPost(ids as number[]);
      record = { ...created.body.post, updated: false, accessKey: null, visibility: 'public' };
      // Recorded at once: a retry of this job must never create a second post.
      await ctx.store.requests.setPost(data.requestId, record);
      await ctx.store.ownership.recordPostOwner(
        record.slug,
        ownerRecord(data.requestId, data.requester),
      );
      log.info({ slug: record.slug }, 'post created');
    }
    if (wantsUpdate(options) && !record.updated)
      record = await applyOptions(ctx, run, data, record);
    return {
      status: 'created',
      slug: record.slug,
      url: ctx.links.post(record.slug),
      visibility: record.visibility,
      accessKey: record.accessKey,
    };
  } catch (err) {
    const refusal = await ctx.policy.settle(err, run, log);
    return { status: 'failed', reason: refusal.reason };
  }
}

async function applyOptions(
  ctx: WorkerContext,
  run: JobRun,
  data: RequestJob,
  record: RequestPostRecord,
): Promise<RequestPostRecord> {
  const options = data.post!;
  await ctx.policy.slot(run);
  const res = await ctx.imgpile.updatePost(record.slug, {
    title: options.title,
    description: options.description,
    visibility: options.visibility,
    isNsfw: options.nsfw,
  });
  const updated = {
    ...record,
    updated: true,
    accessKey: res.body.access_key ?? null,
    visibility: res.body.visibility ?? options.visibility ?? 'public',
  };
  await ctx.store.requests.setPost(data.requestId, updated);
  return updated;
}
