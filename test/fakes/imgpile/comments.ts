/** Comments: add one to a post, delete your own. */
import { forbidden, invalid, notFound, readJson } from './http.js';
import { postOr404 } from './posts.js';
import { param, type Reply, type Route, type RouteContext } from './router.js';
import type { CommentRec } from './types.js';

const MAX_CONTENT = 2000;

export function commentOr404(ctx: RouteContext): CommentRec {
  const id = param(ctx, 'comment');
  const comment = /^\d+$/.test(id) ? ctx.store.comments.get(Number(id)) : undefined;
  if (!comment) throw notFound();
  return comment;
}

async function addComment(ctx: RouteContext & { user: string }): Promise<Reply> {
  const { store, user } = ctx;
  const post = postOr404(ctx);
  const { content } = await readJson(ctx.req);
  if (typeof content !== 'string' || content.trim() === '')
    throw invalid('content', 'The content field is required.');
  if (content.length > MAX_CONTENT)
    throw invalid(
      'content',
      `The content field must not be greater than ${MAX_CONTENT} characters.`,
    );
  const comment: CommentRec = {
    id: store.nextId.comment++,
    content,
    user,
    postId: post.id,
    createdAt: new Date(),
    up: new Set(),
    down: new Set(),
  };
  store.comments.set(comment.id, comment);
  const json = { id: comment.id, content, user_id: store.userIds.get(user), post_id: post.id };
  return [201, { success: true, comment: json }];
}

function deleteComment(ctx: RouteContext & { user: string }): Reply {
  const comment = commentOr404(ctx);
  if (comment.user !== ctx.user) throw forbidden();
  ctx.store.comments.delete(comment.id);
  return [200, { success: true, message: 'Comment deleted successfully' }];
}

export const commentRoutes: Route[] = [
  {
    host: 'api',
    method: 'POST',
    pattern: '/posts/:post/comments',
    auth: true,
    handler: addComment,
  },
  {
    host: 'api',
    method: 'DELETE',
    pattern: '/comments/:comment',
    auth: true,
    handler: deleteComment,
  },
];
