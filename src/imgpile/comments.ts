/** Comments on posts, with votes. */
import type { Call } from './http.js';
import { NUMERIC_ID, SLUG, segment } from './params.js';
import {
  addCommentResponseSchema,
  deleteCommentResponseSchema,
  voteResponseSchema,
} from './schemas.js';

export function addComment(call: Call, postSlug: string, content: string) {
  return call({
    method: 'POST',
    path: `/posts/${segment('post slug', postSlug, SLUG)}/comments`,
    json: { content },
    auth: true,
    schema: addCommentResponseSchema,
  });
}

export function deleteComment(call: Call, commentId: number) {
  return call({
    method: 'DELETE',
    path: `/comments/${segment('comment id', commentId, NUMERIC_ID)}`,
    auth: true,
    schema: deleteCommentResponseSchema,
  });
}

/** Votes toggle: voting the same way twice removes the vote. */
function voteComment(call: Call, commentId: number, direction: 'upvote' | 'downvote') {
  return call({
    method: 'POST',
    path: `/comments/${segment('comment id', commentId, NUMERIC_ID)}/${direction}`,
    auth: true,
    schema: voteResponseSchema,
  });
}

export function upvoteComment(call: Call, commentId: number) {
  return voteComment(call, commentId, 'upvote');
}

export function downvoteComment(call: Call, commentId: number) {
  return voteComment(call, commentId, 'downvote');
}

export const commentEndpoints = { addComment, deleteComment, upvoteComment, downvoteComment };
