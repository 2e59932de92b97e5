/** Posts: shareable pages grouping media, with votes. */
import type { Call } from './http.js';
import {
  ACCESS_KEY,
  NUMERIC_ID,
  SLUG,
  listParams,
  paginate,
  segment,
  type ListQuery,
  type ReadOptions,
} from './params.js';
import {
  createPostResponseSchema,
  messageSchema,
  paginatedSchema,
  postResponseSchema,
  postSchema,
  updatePostResponseSchema,
  voteResponseSchema,
  type Visibility,
} from './schemas.js';

export type PostUpdate = {
  title?: string;
  description?: string;
  visibility?: Visibility;
  isNsfw?: boolean;
  /** Media slugs in the desired order. */
  mediaOrder?: string[];
};

export type PostQuery = { mediaPage?: number; perPage?: number; key?: string };

const postPageSchema = paginatedSchema(postSchema);

export function createPost(call: Call, mediaIds: number[]) {
  return call({
    method: 'POST',
    path: '/posts',
    json: { media_ids: mediaIds },
    auth: true,
    schema: createPostResponseSchema,
  });
}

export function listPosts(call: Call, query: ListQuery = {}, opts: ReadOptions = {}) {
  return call({
    method: 'GET',
    path: '/posts',
    query: listParams(query),
    auth: opts.authenticated ?? false,
    schema: postPageSchema,
    signal: opts.signal,
  });
}

/** Every post of the feed, page after page from `query.page` (default 1). */
export function iteratePosts(call: Call, query: ListQuery = {}, opts: ReadOptions = {}) {
  return paginate((page) => listPosts(call, { ...query, page }, opts), query.page);
}

/** One post with a page of its media; `key` opens a private post. */
export function getPost(call: Call, slug: string, query: PostQuery = {}, opts: ReadOptions = {}) {
  const params = new URLSearchParams();
  if (query.mediaPage !== undefined) params.set('mediaPage', String(query.mediaPage));
  if (query.perPage !== undefined) params.set('perPage', String(query.perPage));
  if (query.key !== undefined) {
    segment('access key', query.key, ACCESS_KEY);
    params.set('key', query.key);
  }
  return call({
    method: 'GET',
    path: `/posts/${segment('post slug', slug, SLUG)}`,
    query: params,
    auth: opts.authenticated ?? false,
    schema: postResponseSchema,
    signal: opts.signal,
  });
}

/** Sends only the fields given. */
export function updatePost(call: Call, slug: string, update: PostUpdate) {
  const json: Record<string, unknown> = {};
  if (update.title !== undefined) json.title = update.title;
  if (update.description !== undefined) json.description = update.description;
  if (update.visibility !== undefined) json.visibility = update.visibility;
  if (update.isNsfw !== undefined) json.is_nsfw = update.isNsfw;
  if (update.mediaOrder !== undefined) json.media_order = update.mediaOrder;
  return call({
    method: 'PATCH',
    path: `/posts/${segment('post slug', slug, SLUG)}`,
    json,
    auth: true,
    schema: updatePostResponseSchema,
  });
}

export function deletePost(call: Call, slug: string) {
  return call({
    method: 'DELETE',
    path: `/posts/${segment('post slug', slug, SLUG)}`,
    auth: true,
    schema: messageSchema,
  });
}

/** Votes toggle: voting the same way twice removes the vote. Takes the id or the slug. */
function votePost(call: Call, postId: number | string, direction: 'upvote' | 'downvote') {
  const pattern = typeof postId === 'string' && !/^\d+$/.test(postId) ? SLUG : NUMERIC_ID;
  return call({
    method: 'POST',
    path: `/posts/${segment('post id', postId, pattern)}/${direction}`,
    auth: true,
    schema: voteResponseSchema,
  });
}

export function upvotePost(call: Call, postId: number | string) {
  return votePost(call, postId, 'upvote');
}

export function downvotePost(call: Call, postId: number | string) {
  return votePost(call, postId, 'downvote');
}

export const postEndpoints = {
  createPost,
  listPosts,
  iteratePosts,
  getPost,
  updatePost,
  deletePost,
  upvotePost,
  downvotePost,
};
