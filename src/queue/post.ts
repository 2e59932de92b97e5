import { ImgpileError, describeImgpileError, goneIsFine, isNotFound } from '../imgpile/errors.js';
import type { Logger } from '../logger.js';
import { RehostRefusal } from '../rehost/refusal.js';
import { failedPost, type PostOptions, type PostOutcome, type UploadedFile } from '../request.js';
import { sleep } from '../sleep.js';
import { ownerRecord, postFingerprint, type RequestPostRecord } from '../store/index.js';
import { say, type Say } from '../text/index.js';
import type { PostRun, WorkerContext } from './context.js';
import type { RequestJob } from './jobs.js';
import { adoptOrphan, enterCreateWindow, leaveCreateWindow } from './orphan.js';
import { RetryableRehostError, type JobRun } from './policy.js';

type Applied = { record: RequestPostRecord; accessKey: string | null };

const PATCH_ATTEMPTS = 3;

const wantsUpdate = (o: PostOptions) =>
  o.title !== undefined ||
  o.description !== undefined ||
  o.visibility !== undefined ||
  o.nsfw !== undefined;

/** Options that make a post less exposed than imgpile's default (a public, SFW post). */
const restricts = (o: PostOptions) =>
  o.visibility === 'hidden' || o.visibility === 'private' || o.nsfw === true;

const retryable = (err: unknown) =>
  err instanceof ImgpileError && describeImgpileError(err).retryable;

/** Calls imgpile up to `attempts` times while its failure may pass; the last error is thrown. */
async function withRetries<T>(p: PostRun, attempts: number, call: (i: number) => Promise<T>) {
  for (let i = 1; ; i++) {
    try {
      return await call(i);
    } catch (err) {
      if (i >= attempts || !retryable(err)) throw err;
      p.log.warn({ err, attempt: i }, 'imgpile call failed; trying again at once');
      await sleep(250 * i, p.run.signal);
    }
  }
}

/** imgpile refused a media of the post: it keeps each media in one post only. */
const inAnotherPost = (err: unknown) =>
  err instanceof ImgpileError &&
  err.kind === 'validation' &&
  Object.keys(err.fieldErrors).some((f) => f.startsWith('media_ids'));

/** imgpile refused the create: a media of the request is in a post already. */
class MediaInAnotherPost extends Error {
  override name = 'MediaInAnotherPost';
}

const inAnotherPostRefusal = () => new RehostRefusal('rejected', say('post.inAnotherPost'));

/** Creates the post and records it with its owner; the slots of the patch come with it. */
async function create(p: PostRun, ids: number[]): Promise<RequestPostRecord> {
  const { ctx, data } = p;
  await ctx.policy.slot(p.run, wantsUpdate(data.post!) ? 2 : 1);
  await ctx.store.requests.markCreating(data.requestId);
  const created = await ctx.imgpile.createPost(ids).catch((err: unknown) => {
    throw inAnotherPost(err)
      ? new MediaInAnotherPost('media in another post', { cause: err })
      : err;
  });
  const record = { ...created.body.post, updated: false, visibility: 'public' };
  // Recorded at once, with its owner: a retry of this job must never create a second post.
  await ctx.store.requests.recordPost(
    data.requestId,
    record,
    ownerRecord(data.requestId, data.requester),
  );
  p.log.info({ slug: record.slug }, 'post created');
  return record;
}

/** Forgets the records of media this request uploaded and has deleted again. */
async function forgetUploads(p: PostRun, own: UploadedFile[]) {
  for (const u of own) {
    // A member's own account keeps its records under its token: found by slug.
    const attachmentId = p.data.requester.account === 'user' ? undefined : u.attachmentId;
    await p.ctx.store.uploads.forgetMedia(u.media.slug, attachmentId);
  }
}

/**
 * Deletes a post that could not be made as private or adult-only as asked, and the files this
 * request uploaded for it (left behind, they would be public on imgpile). Files reused from an
 * earlier rehost are that rehost's, and stay.
 */
async function withdraw(
  p: PostRun,
  record: RequestPostRecord | null,
  cause: unknown,
  uploaded: UploadedFile[],
  words?: Say,
): Promise<PostOutcome> {
  const { ctx, data } = p;
  p.log.warn({ err: cause, slug: record?.slug }, 'could not make the post as asked; deleting it');
  const own = uploaded.filter((u) => !u.reused);
  const remove = (call: () => Promise<unknown>) =>
    withRetries(p, PATCH_ATTEMPTS, async () => {
      await ctx.policy.slot(p.run);
      await goneIsFine(call);
    });
  try {
    if (record) await remove(() => ctx.imgpile.deletePost(record.slug));
    for (const u of own) await remove(() => ctx.imgpile.deleteMedia(u.media.slug));
  } catch (err) {
    // Still there: the job runs again later, and tries the patch, then this, once more.
    throw new RetryableRehostError(say('retry.cannotWithdraw'), { cause: err });
  }
  await forgetUploads(p, own);
  if (record) await ctx.store.ownership.forgetPost(record.slug);
  await ctx.store.requests.forgetPost(data.requestId);
  const asked = data.post?.visibility;
  const visibility = asked === 'hidden' || asked === 'private' ? asked : null;
  return failedPost(
    words ?? say('post.withdrawn', { visibility, nsfw: data.post?.nsfw === true }),
    own.map((u) => u.attachmentId),
  );
}

/** Applies title, description, visibility and NSFW right away, retrying; withdraws on failure. */
async function apply(
  p: PostRun,
  record: RequestPostRecord,
  slotTaken: boolean,
  uploaded: UploadedFile[],
): Promise<Applied | PostOutcome> {
  const { ctx, data } = p;
  const options = data.post!;
  try {
    const res = await withRetries(p, PATCH_ATTEMPTS, async (i) => {
      if (!slotTaken || i > 1) await ctx.policy.slot(p.run);
      return ctx.imgpile.updatePost(record.slug, {
        title: options.title,
        description: options.description,
        visibility: options.visibility,
        isNsfw: options.nsfw,
      });
    });
    const visibility = res.body.visibility ?? options.visibility ?? 'public';
    const updated = { ...record, updated: true, visibility };
    await ctx.store.requests.setPost(data.requestId, updated);
    return { record: updated, accessKey: res.body.access_key ?? null };
  } catch (err) {
    if (restricts(options)) return withdraw(p, record, err, uploaded);
    throw err;
  }
}

/** The access key of a private post made by an earlier run: asked of imgpile, never stored. */
async function accessKeyOf(p: PostRun, slug: string): Promise<string | null> {
  await p.ctx.policy.slot(p.run);
  const { body } = await p.ctx.imgpile.getPost(slug, {}, { authenticated: true });
  return body.data.access_key ?? null;
}

/**
 * Whether the bot's records say the post is the requester's. A member's own account holds only
 * their posts, and imgpile shows its key to that account alone.
 */
async function isRequesters(p: PostRun, slug: string): Promise<boolean> {
  const { requester } = p.data;
  if (requester.account === 'user') return true;
  return (await p.ctx.store.ownership.getPostOwner(slug))?.userId === requester.userId;
}

/**
 * The post made earlier for the same member from the same files with the same options, if it
 * still exists and is still theirs: asking again returns it instead of making another one.
 */
async function samePost(p: PostRun, fingerprint: string): Promise<PostOutcome | null> {
  const { ctx } = p;
  const slug = await ctx.store.requests.samePost(fingerprint);
  if (!slug) return null;
  if (!(await isRequesters(p, slug))) {
    await ctx.store.requests.forgetSamePost(fingerprint);
    return null;
  }
  await ctx.policy.slot(p.run);
  try {
    const { body } = await ctx.imgpile.getPost(slug, {}, { authenticated: true });
    const visibility = body.data.visibility ?? 'public';
    const accessKey = body.data.access_key ?? null;
    p.log.info({ slug }, 'the same files made this post before; returning it');
    return {
      status: 'created',
      slug,
      url: ctx.links.post(slug),
      visibility,
      accessKey,
      reused: true,
    };
  } catch (err) {
    if (!isNotFound(err)) throw err;
    await ctx.store.requests.forgetSamePost(fingerprint);
    return null;
  }
}

/**
 * imgpile refused the create because a media is in a post already. When every media is this
 * request's own upload and an earlier run set out to create, that post can only be the one the
 * earlier run made: it is looked for whenever imgpile dated it and adopted, or, past the search,
 * the request's files are withdrawn (the post is left holding nothing) and it fails as the
 * restricted request it was. Otherwise the refusal stands: a reused file is in another post.
 */
async function afterRefusedCreate(p: PostRun, uploaded: UploadedFile[], err: unknown) {
  const mayBeOurs = uploaded.every((u) => !u.reused);
  if (!mayBeOurs || (await p.ctx.store.requests.creatingSince(p.data.requestId)) === null)
    throw inAnotherPostRefusal();
  const found = await adoptOrphan(p, uploaded, { anyTime: true });
  if (found) return found;
  return withdraw(p, null, err, uploaded, say('post.lostWithdrawn'));
}

/**
 * The post an earlier run created before its answer was lost, or a new one: inside the create
 * window of the request's media, which it leaves once the post is recorded, or refused for good.
 */
async function adoptOrCreate(p: PostRun, uploaded: UploadedFile[], ids: number[]) {
  await enterCreateWindow(p, ids);
  try {
    let justCreated = false;
    const made =
      (await adoptOrphan(p, uploaded)) ??
      (await create(p, ids).then(
        (record) => ((justCreated = true), record),
        (err: unknown) => {
          if (!(err instanceof MediaInAnotherPost)) throw err;
          return afterRefusedCreate(p, uploaded, err);
        },
      ));
    await leaveCreateWindow(p, ids);
    return 'status' in made ? made : { record: made, justCreated };
  } catch (err) {
    // No run will look for a post of these media again: others may make one now.
    if (err instanceof RehostRefusal) await leaveCreateWindow(p, ids);
    throw err;
  }
}

/**
 * Makes the post a request asked for, from its uploaded files in their original order, then at
 * once applies title, description, visibility and NSFW. Each step is recorded before the next,
 * so a re-run of the job never creates a second post, and a post is never left more exposed
 * than asked: if the options cannot be applied, it is deleted.
 */
export async function makePost(
  ctx: WorkerContext,
  run: JobRun,
  data: RequestJob,
  uploaded: UploadedFile[],
  log: Logger,
): Promise<PostOutcome> {
  const ids = uploaded.map((u) => u.media.id);
  if (ids.some((id) => id === null)) {
    return failedPost(say('post.noMediaIds'));
  }
  const p: PostRun = { ctx, run, data, log };
  const scope = { userId: data.requester.userId, account: data.requester.account ?? 'bot' };
  const fingerprint = postFingerprint(scope, ids as number[], data.post!);
  let record = await ctx.store.requests.getPost(data.requestId);
  const again = record ? null : await samePost(p, fingerprint);
  if (again) return again;
  let justCreated = false;
  if (!record) {
    const adopted = await adoptOrCreate(p, uploaded, ids as number[]);
    if ('status' in adopted) return adopted;
    ({ record, justCreated } = adopted);
  }
  let accessKey: string | null = null;
  if (wantsUpdate(data.post!) && !record.updated) {
    const applied = await apply(p, record, justCreated, uploaded);
    if ('status' in applied) return applied;
    ({ record, accessKey } = applied);
  } else if (record.visibility === 'private') {
    accessKey = await accessKeyOf(p, record.slug);
  }
  await ctx.store.requests.rememberSamePost(fingerprint, record.slug);
  const { slug, visibility } = record;
  return { status: 'created', slug, url: ctx.links.post(slug), visibility, accessKey };
}
