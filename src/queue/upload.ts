import type { Job } from 'bullmq';
import type { FileOutcome } from '../limits/quotas.js';
import type { Logger } from '../logger.js';
import { DownloadError } from '../rehost/download.js';
import { openSource } from '../rehost/open.js';
import {
  REFUSALS_SPENT,
  RehostRefusal,
  SITE_UNREACHABLE,
  spendsRefusalBudget,
  refusedRecord,
  type Refusal,
} from '../rehost/refusal.js';
import type { UploadOutcome } from '../request.js';
import { attachmentOfLink, ownerRecord, uploadedBy, type UploadRecord } from '../store/index.js';
import type { WorkerContext } from './context.js';
import { lastAttempt, uploadJobSchema, type UploadJob } from './jobs.js';
import type { JobRun } from './policy.js';
import { progressReporter } from './progress.js';

/** One run of an upload job: its data, its logger, and how its file ends for the quotas. */
type UploadRun = JobRun & {
  data: UploadJob;
  log: Logger;
  settle: (outcome: FileOutcome) => Promise<unknown>;
};

const fileOf = (data: UploadJob) => ({
  index: data.index,
  attachmentId: data.attachment.id,
  filename: data.attachment.filename,
});

/**
 * A post takes only the requester's own earlier uploads: another member's file may be in their
 * post (imgpile keeps a file in one post), and sharing it would tie the two posts together.
 * A member's own account holds only their files.
 */
async function mayReuseInPost(ctx: WorkerContext, data: UploadJob, slug: string) {
  if (data.requester.account === 'user') return true;
  return (await ctx.store.ownership.getMediaOwner(slug))?.userId === data.requester.userId;
}

/**
 * The attachment was rehosted before: by this very request (a re-run after a crash: its own
 * upload, nothing to give back), or by another (reused, and free unless this request makes a
 * post of it). Another member's upload is not reused for a post, nor for a forwarded file
 * (it may sit in their hidden or private post): this one uploads its own.
 */
async function reuse(ctx: WorkerContext, run: UploadRun): Promise<UploadOutcome | null> {
  const done = await ctx.store.uploads.getUpload(run.data.attachment.id);
  if (!done) return null;
  const own = uploadedBy(done, run.data.requestId);
  // A file added to an existing post is its own upload: imgpile keeps a media in one post.
  if (!own && run.data.postId !== undefined) return null;
  const guarded = run.data.post || run.data.attachment.forwarded === true;
  if (!own && guarded && !(await mayReuseInPost(ctx, run.data, done.slug))) {
    run.log.info({ slug: done.slug }, "another member's upload; uploading this post's own");
    return null;
  }
  await run.settle(!own && !run.data.post ? 'free' : 'kept');
  ctx.emit({ type: 'file_uploaded', bytes: 0, reused: !own });
  run.log.info({ slug: done.slug, own }, 'attachment already rehosted; reusing it');
  const media = { id: done.mediaId, slug: done.slug, url: done.url, type: done.type };
  return { status: 'uploaded', ...fileOf(run.data), media, reused: !own };
}

/**
 * Where `/imgpile find` finds the copy of a Discord attachment (the bot's account's only): the
 * channel its link names, kept in the upload record.
 */
function findableAt(data: UploadJob): UploadRecord['found'] {
  if (data.attachment.source === 'url' || data.requester.account === 'user') return undefined;
  const named = attachmentOfLink(data.attachment.url);
  return named ? { channelId: named.channelId, inPost: data.post === true } : undefined;
}

async function refuse(
  ctx: WorkerContext,
  run: UploadRun,
  refusal: Refusal,
): Promise<UploadOutcome> {
  const spends = spendsRefusalBudget(refusal.code, run.data.attachment.source);
  await run.settle(spends ? 'refused' : 'free');
  ctx.emit({ type: 'file_failed', code: refusal.code });
  const record = refusedRecord(refusal, { maxFileBytes: ctx.download.maxBytes });
  run.log.info({ code: record.code, reason: record.reason }, 'file not rehosted');
  return { status: 'failed', ...fileOf(run.data), ...record };
}

/**
 * Takes a place in the sender's refusal budget before anything is fetched: a file that may
 * turn out refused is fetched only while the budget has room for it beside the sender's other
 * files being fetched, so files fetched at once never overspend it. Waits its turn otherwise.
 */
async function holdPlace(ctx: WorkerContext, run: UploadRun): Promise<void> {
  const { requester, quotaDay, requestId, attachment } = run.data;
  const held = await ctx.quotas.hold(requester, quotaDay, `${requestId}:${attachment.id}`);
  if (held === 'spent') throw new RehostRefusal(REFUSALS_SPENT.code, REFUSALS_SPENT.say);
  if (held === 'wait') await ctx.policy.delayJob(run, 1_000);
}

/**
 * Download -> imgpile in one pass; the record is written before the outcome is returned. The
 * request slot is taken once the first bytes are known to be media: a file refused on sight
 * costs the shared budget nothing.
 */
async function transfer(ctx: WorkerContext, run: UploadRun): Promise<UploadOutcome> {
  const { attachment } = run.data;
  await holdPlace(ctx, run);
  const progress = progressReporter(run.job, run.data, ctx.onProgress, run.log);
  const startedAt = Date.now();
  const file = await openSource(attachment, {
    ...ctx.download,
    signal: run.signal,
    onBytes: (bytes) => progress.onBytes(bytes),
  });
  progress.start(file.size);
  try {
    await ctx.policy.slot(run);
    const { media } = (
      await ctx.imgpile.uploadMedia({
        file: file.stream,
        filename: attachment.filename,
        contentType: file.contentType,
        size: file.size,
        signal: run.signal,
        ...(run.data.postId !== undefined ? { postId: run.data.postId } : {}),
      })
    ).body;
    const found = findableAt(run.data);
    const record: UploadRecord = {
      mediaId: media.id ?? null,
      slug: media.slug,
      url: media.urls.original,
      type: media.type ?? file.contentType,
      requestId: run.data.requestId,
      ...(found ? { found } : {}),
    };
    const owner = ownerRecord(run.data.requestId, run.data.requester, attachment.id);
    await ctx.store.uploads.recordUpload(attachment.id, record, owner);
    if (found)
      await ctx.store.attachmentCopies
        .note(attachment.url, attachment.id)
        .catch((err: unknown) => run.log.warn({ err }, '/imgpile find will not know this copy'));
    await run.settle('kept');
    await progress.done();
    ctx.emit({
      type: 'file_uploaded',
      bytes: file.size,
      reused: false,
      ms: Date.now() - startedAt,
    });
    run.log.info(
      { slug: media.slug, bytes: file.size, refreshed: file.refreshed },
      'file rehosted',
    );
    const { mediaId: id, slug, url, type } = record;
    // The account's name lets a re-run find a post a crashed run had made (see post.ts).
    const uploader = media.user?.username;
    const pending = media.moderation_status === 'pending' ? { pending: true as const } : {};
    const uploaded = { id, slug, url, type, ...(uploader ? { uploader } : {}), ...pending };
    return { status: 'uploaded', ...fileOf(run.data), media: uploaded, reused: false };
  } finally {
    file.cancel();
    await progress.settled();
  }
}

/**
 * Keeps the attachment's upload lock while its transfer runs, which may outlast the lock (a link
 * may take 10 minutes): another job for the same file keeps waiting, then reuses the upload.
 */
function holdLock(ctx: WorkerContext, run: UploadRun, holder: string, ttlMs: number) {
  const { id } = run.data.attachment;
  const timer = setInterval(() => {
    ctx.store.uploads.renewAttachmentLock(id, holder, ttlMs).then(
      (held) => {
        if (!held) run.log.warn('the upload lock of the attachment was lost');
      },
      (err: unknown) => run.log.warn({ err }, 'could not renew the upload lock'),
    );
  }, ttlMs / 3);
  return () => clearInterval(timer);
}

/**
 * A link's site that failed its last attempt is refused, not left to fail: the sender chose
 * the site, so it spends their refusal budget (imgpile reading slowly is not the site's fault).
 */
function siteGaveUp(err: unknown, run: UploadRun): unknown {
  const site = err instanceof DownloadError && !err.byImgpile;
  if (!site || run.data.attachment.source !== 'url' || !lastAttempt(run.job)) return err;
  run.log.warn({ err }, 'the link failed on every attempt');
  return new RehostRefusal(SITE_UNREACHABLE.code, SITE_UNREACHABLE.say);
}

/**
 * The upload processor: streams one Discord attachment to imgpile, unless it was rehosted
 * before. The result is recorded against the attachment before the job returns, so a re-run
 * never uploads twice; a refused file gives its quota back.
 */
export function createUploadProcessor(ctx: WorkerContext) {
  const log = ctx.log.child({ subsystem: 'worker' });
  return async function processUpload(
    job: Job,
    token?: string,
    signal?: AbortSignal,
  ): Promise<UploadOutcome> {
    const data = uploadJobSchema.parse(job.data);
    const { attachment, requester } = data;
    const run: UploadRun = {
      job,
      token,
      signal,
      data,
      log: log.child({
        jobId: job.id,
        requestId: data.requestId,
        attachmentId: attachment.id,
        guildId: requester.guildId,
        userId: requester.userId,
      }),
      settle: (outcome) =>
        ctx.quotas.settle(requester, data.quotaDay, `${data.requestId}:${attachment.id}`, outcome),
    };
    const earlier = await reuse(ctx, run);
    if (earlier) return earlier;
    const holder = String(job.id);
    const ttlMs = ctx.lockDurationMs * 4;
    if (!(await ctx.store.uploads.lockAttachment(attachment.id, holder, ttlMs))) {
      // Another job is uploading this very attachment: look again shortly.
      return ctx.policy.delayJob(run, 2_000);
    }
    const release = holdLock(ctx, run, holder, ttlMs);
    try {
      return (await reuse(ctx, run)) ?? (await transfer(ctx, run));
    } catch (err) {
      return await refuse(ctx, run, await ctx.policy.settle(siteGaveUp(err, run), run, run.log));
    } finally {
      release();
      await ctx.store.uploads.unlockAttachment(attachment.id, holder).catch(() => undefined);
    }
  };
}
