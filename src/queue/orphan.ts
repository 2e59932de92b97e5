import { type Post, nextPage } from '../imgpile/index.js';
import type { UploadedFile } from '../request.js';
import { ownerRecord, type RequestPostRecord } from '../store/index.js';
import type { PostRun } from './context.js';

/**
 * imgpile has no idempotency key, so a create whose answer was lost (a 5xx, a timeout, a
 * killed worker) leaves a post the re-run must find rather than make again. It is found without
 * guessing: only one request at a time may be in the create window of a media set, and the
 * post adopted must hold exactly the request's media, in order, be made since the request set
 * out to create it, and be owned by nobody.
 */

/** Longer than any pause between two runs of a job (backoff, a stall, most 429 waits). */
const WINDOW_MS = 10 * 60_000;
/** imgpile's clock may differ from ours: posts this much older than the mark are looked at. */
const CLOCK_SKEW_MS = 60_000;
const PAGE_SIZE = 50;
/** Bounds the search (1000 posts since the mark): past it, nothing is adopted. */
const MAX_PAGES = 20;
/** How long a request waits for another that is making a post of the same media. */
const BUSY_WAIT_MS = 2_000;

/** Enters the request's create window, or steps the job aside while another request has it. */
export async function enterCreateWindow(p: PostRun, ids: number[]): Promise<void> {
  if (await p.ctx.store.postWindows.enter(p.data.requestId, ids, WINDOW_MS)) return;
  p.log.info('another request is making a post of the same files; waiting for it');
  await p.ctx.policy.delayJob(p.run, BUSY_WAIT_MS);
}

export async function leaveCreateWindow(p: PostRun, ids: number[]): Promise<void> {
  await p.ctx.store.postWindows.leave(p.data.requestId, ids);
}

/** The imgpile account the files went to: named by a fresh upload, else asked of imgpile. */
async function accountName(p: PostRun, uploaded: UploadedFile[]): Promise<string | null> {
  const named = uploaded.find((u) => u.media.uploader)?.media.uploader;
  if (named) return named;
  await p.ctx.policy.slot(p.run);
  const { body } = await p.ctx.imgpile.getMedia(uploaded[0]!.media.slug, { authenticated: true });
  return body.data.user?.username ?? null;
}

/** The account's posts, newest first, page by page until they are older than `floor`. */
async function* postsSince(p: PostRun, username: string, floor: number): AsyncGenerator<Post> {
  for (let page = 1, pages = 0; pages < MAX_PAGES; pages++) {
    await p.ctx.policy.slot(p.run);
    const { body } = await p.ctx.imgpile.listPosts(
      { username, nsfw: true, sort: 'latest', limit: PAGE_SIZE, page },
      { authenticated: true },
    );
    for (const post of body.data) {
      if (Date.parse(post.created_at ?? '') < floor) return;
      yield post;
    }
    const next = nextPage(body, page);
    if (next === null) return;
    page = next;
  }
  p.log.warn({ pages: MAX_PAGES }, 'too many posts since the create began; not looking further');
}

/** The post holds exactly `slugs`, in order, and the bot made it for nobody. */
async function isOrphan(p: PostRun, post: Post, slugs: string[]): Promise<boolean> {
  if (post.media_count !== slugs.length || post.first_media?.slug !== slugs[0]) return false;
  // Recorded by the bot for someone: never this request's orphan. (A member's own account has
  // no such records; its posts hold only that member's files, and the window keeps their
  // requests apart.)
  if (await p.ctx.store.ownership.getPostOwner(post.slug)) return false;
  await p.ctx.policy.slot(p.run);
  const { body } = await p.ctx.imgpile.getPost(
    post.slug,
    { perPage: slugs.length },
    { authenticated: true },
  );
  const held = (body.data.media ?? []).map((m) => m.slug);
  return held.length === slugs.length && held.every((s, i) => s === slugs[i]);
}

/**
 * The post an earlier run of this request created before its answer was lost, if any: found
 * among the account's posts made since the request set out to create it (called inside the
 * create window). Recorded at once, with its owner. `anyTime`: whenever imgpile dated it (its
 * clock may be far behind), for media only this request uploaded, which no post made before it
 * can hold.
 */
export async function adoptOrphan(
  p: PostRun,
  uploaded: UploadedFile[],
  options: { anyTime?: boolean } = {},
): Promise<RequestPostRecord | null> {
  const { ctx, data } = p;
  const since = await ctx.store.requests.creatingSince(data.requestId);
  if (since === null) return null;
  const username = await accountName(p, uploaded);
  if (!username) return null;
  const slugs = uploaded.map((u) => u.media.slug);
  const floor = options.anyTime ? 0 : since - CLOCK_SKEW_MS;
  for await (const post of postsSince(p, username, floor)) {
    if (!(await isOrphan(p, post, slugs))) continue;
    const record = { id: post.id, slug: post.slug, updated: false, visibility: 'public' };
    await ctx.store.requests.recordPost(
      data.requestId,
      record,
      ownerRecord(data.requestId, data.requester),
    );
    p.log.warn({ slug: post.slug }, 'found the post an earlier run had created; using it');
    return record;
  }
  return null;
}
