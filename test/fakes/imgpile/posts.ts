/** Post endpoints: the feed, create, get (visibility and keys), update, delete. */
import { forbidden, invalid, notFound, optionalString, readJson } from './http.js';
import { postJson, postModeration } from './json.js';
import { filterFeed, paginate, positiveInt } from './listing.js';
import { param, type Reply, type Route, type RouteContext } from './router.js';
import { addPost, findMediaById, findPost, newAccessKey } from './store.js';
import type { MediaRec, PostRec, PostVisibility } from './types.js';

const VISIBILITIES: readonly string[] = ['public', 'hidden', 'private'];

/** The post named by `:post`, a slug or a numeric id. */
export function postOr404(ctx: RouteContext): PostRec {
  const post = findPost(ctx.store, param(ctx, 'post'));
  if (!post) throw notFound();
  return post;
}

function ownPost(ctx: RouteContext & { user: string }): PostRec {
  const post = postOr404(ctx);
  if (post.owner !== ctx.user) throw forbidden();
  return post;
}

function listPosts(ctx: RouteContext & { user: string | null }): Reply {
  const { store, query, user } = ctx;
  const list = filterFeed(store, query).map((p) => postJson(store, p, user));
  return [200, paginate(store, list, query, '/posts')];
}

async function createPost(ctx: RouteContext & { user: string }): Promise<Reply> {
  const body = await readJson(ctx.req);
  const ids = body.media_ids;
  if (!Array.isArray(ids) || ids.length === 0)
    throw invalid('media_ids', 'The media ids field is required.');
  const chosen = ids.map((id: unknown, i): MediaRec => {
    const m = findMediaById(ctx.store, id);
    // A media belongs to one post (the document's upload attaches it to one by `post_id`): one
    // already in a post, or named twice, is refused as an unknown one is.
    if (!m || m.owner !== ctx.user || m.postId !== null || ids.indexOf(id) !== i)
      throw invalid(`media_ids.${i}`, `The selected media_ids.${i} is invalid.`);
    return m;
  });
  const post = addPost(ctx.store, { owner: ctx.user, media: chosen.map((m) => m.slug) });
  return [201, { message: 'Post created successfully', post: { id: post.id, slug: post.slug } }];
}

/**
 * Hidden posts open by slug; a private one needs its `?key=` (its owner, who is shown the key,
 * does not); a rejected one is shown to its owner only.
 */
function getPost(ctx: RouteContext & { user: string | null }): Reply {
  const { store, query, user } = ctx;
  const post = postOr404(ctx);
  if (user !== post.owner) {
    if (postModeration(store, post) === 'rejected') throw notFound();
    if (post.visibility === 'private' && query.get('key') !== post.accessKey) throw notFound();
  }
  const mediaPage = {
    page: positiveInt(query.get('mediaPage'), 1, 'mediaPage'),
    perPage: positiveInt(query.get('perPage'), 10, 'perPage'),
  };
  post.views += 1;
  return [200, { data: postJson(store, post, user, mediaPage) }];
}

type PostUpdate = {
  title: string | null | undefined;
  description: string | null | undefined;
  visibility: PostVisibility | undefined;
  isNsfw: boolean | undefined;
  mediaOrder: string[] | undefined;
};

/** The PATCH body, validated in full before anything changes. */
function parsePostUpdate(body: Record<string, unknown>, post: PostRec): PostUpdate {
  const title = optionalString(body, 'title', 255);
  const description = optionalString(body, 'description', 5000);
  const { visibility, is_nsfw: isNsfw, media_order: order } = body;
  if (visibility !== undefined && !VISIBILITIES.includes(visibility as string))
    throw invalid('visibility', 'The selected visibility is invalid.');
  if (isNsfw !== undefined && typeof isNsfw !== 'boolean')
    throw invalid('is_nsfw', 'The is nsfw field must be true or false.');
  if (order !== undefined && !sameMembers(order, post.media))
    throw invalid('media_order', 'The media order field must list every media of the post.');
  return {
    title,
    description,
    visibility: visibility as PostVisibility | undefined,
    isNsfw,
    mediaOrder: order as string[] | undefined,
  };
}

function sameMembers(order: unknown, slugs: string[]): boolean {
  return (
    Array.isArray(order) &&
    order.length === slugs.length &&
    order.map(String).sort().join() === [...slugs].sort().join()
  );
}

async function updatePost(ctx: RouteContext & { user: string }): Promise<Reply> {
  const post = ownPost(ctx);
  const update = parsePostUpdate(await readJson(ctx.req), post);
  if (update.title !== undefined) post.title = update.title;
  if (update.description !== undefined) post.description = update.description;
  if (update.visibility !== undefined) {
    post.visibility = update.visibility;
    // "Setting to private auto-generates an access_key."
    post.accessKey = post.visibility === 'private' ? newAccessKey() : null;
  }
  if (update.isNsfw !== undefined) post.isNsfw = update.isNsfw;
  if (update.mediaOrder !== undefined) post.media = update.mediaOrder;
  return [
    200,
    {
      message: 'Post updated successfully',
      visibility: post.visibility,
      access_key: post.accessKey,
    },
  ];
}

function deletePost(ctx: RouteContext & { user: string }): Reply {
  const post = ownPost(ctx);
  ctx.store.posts.delete(post.slug);
  for (const m of ctx.store.media.values()) if (m.postId === post.id) m.postId = null;
  return [200, { message: 'Post deleted successfully' }];
}

export const postRoutes: Route[] = [
  { host: 'api', method: 'GET', pattern: '/posts', handler: listPosts },
  { host: 'api', method: 'POST', pattern: '/posts', auth: true, handler: createPost },
  { host: 'api', method: 'GET', pattern: '/posts/:post', handler: getPost },
  { host: 'api', method: 'PATCH', pattern: '/posts/:post', auth: true, handler: updatePost },
  { host: 'api', method: 'DELETE', pattern: '/posts/:post', auth: true, handler: deletePost },
];
