/** A user's posts, media, comments and follows, by username. */
import type { z } from 'zod';
import type { Call } from './http.js';
import { USERNAME, pageParams, segment, type PageQuery, type ReadOptions } from './params.js';
import {
  looseRecordSchema,
  mediaSchema,
  messageSchema,
  paginatedSchema,
  postSchema,
} from './schemas.js';

const postPageSchema = paginatedSchema(postSchema);
const mediaPageSchema = paginatedSchema(mediaSchema);
const recordPageSchema = paginatedSchema(looseRecordSchema);

function listOfUser<S extends z.ZodType>(
  call: Call,
  username: string,
  what: 'posts' | 'media' | 'comments' | 'followers' | 'following',
  query: PageQuery,
  opts: ReadOptions,
  schema: S,
) {
  return call({
    method: 'GET',
    path: `/users/${segment('username', username, USERNAME)}/${what}`,
    query: pageParams(query),
    auth: opts.authenticated ?? false,
    schema,
    signal: opts.signal,
  });
}

export function listUserPosts(
  call: Call,
  username: string,
  query: PageQuery = {},
  opts: ReadOptions = {},
) {
  return listOfUser(call, username, 'posts', query, opts, postPageSchema);
}

export function listUserMedia(
  call: Call,
  username: string,
  query: PageQuery = {},
  opts: ReadOptions = {},
) {
  return listOfUser(call, username, 'media', query, opts, mediaPageSchema);
}

export function listUserComments(
  call: Call,
  username: string,
  query: PageQuery = {},
  opts: ReadOptions = {},
) {
  return listOfUser(call, username, 'comments', query, opts, recordPageSchema);
}

export function listUserFollowers(
  call: Call,
  username: string,
  query: PageQuery = {},
  opts: ReadOptions = {},
) {
  return listOfUser(call, username, 'followers', query, opts, recordPageSchema);
}

export function listUserFollowing(
  call: Call,
  username: string,
  query: PageQuery = {},
  opts: ReadOptions = {},
) {
  return listOfUser(call, username, 'following', query, opts, recordPageSchema);
}

export function followUser(call: Call, username: string) {
  return call({
    method: 'POST',
    path: `/users/${segment('username', username, USERNAME)}/follow`,
    auth: true,
    schema: messageSchema,
  });
}

export function unfollowUser(call: Call, username: string) {
  return call({
    method: 'DELETE',
    path: `/users/${segment('username', username, USERNAME)}/follow`,
    auth: true,
    schema: messageSchema,
  });
}

export const userEndpoints = {
  listUserPosts,
  listUserMedia,
  listUserComments,
  listUserFollowers,
  listUserFollowing,
  followUser,
  unfollowUser,
};
