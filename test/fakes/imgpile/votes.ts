/** Votes on posts and comments: "Calling again removes the upvote"; the other way switches. */
import { commentOr404 } from './comments.js';
import { postOr404 } from './posts.js';
import type { Reply, Route, RouteContext } from './router.js';

type Direction = 'upvote' | 'downvote';
type Votable = { up: Set<string>; down: Set<string> };

/** Toggles `user`'s vote in `direction`; true when the vote is now cast. */
function toggleVote(target: Votable, direction: Direction, user: string): boolean {
  const [mine, other] =
    direction === 'upvote' ? [target.up, target.down] : [target.down, target.up];
  if (mine.delete(user)) return false;
  mine.add(user);
  other.delete(user);
  return true;
}

function voteOn(kind: 'Post' | 'Comment', target: Votable, direction: Direction, user: string) {
  const cast = toggleVote(target, direction, user);
  const message = cast ? `${kind} ${direction}d successfully` : `${kind} ${direction} removed`;
  return [200, { message, score: target.up.size - target.down.size }] as const;
}

function votePost(direction: Direction) {
  return (ctx: RouteContext & { user: string }): Reply =>
    voteOn('Post', postOr404(ctx), direction, ctx.user);
}

function voteComment(direction: Direction) {
  return (ctx: RouteContext & { user: string }): Reply =>
    voteOn('Comment', commentOr404(ctx), direction, ctx.user);
}

export const voteRoutes: Route[] = [
  {
    host: 'api',
    method: 'POST',
    pattern: '/posts/:post/upvote',
    auth: true,
    handler: votePost('upvote'),
  },
  {
    host: 'api',
    method: 'POST',
    pattern: '/posts/:post/downvote',
    auth: true,
    handler: votePost('downvote'),
  },
  {
    host: 'api',
    method: 'POST',
    pattern: '/comments/:comment/upvote',
    auth: true,
    handler: voteComment('upvote'),
  },
  {
    host: 'api',
    method: 'POST',
    pattern: '/comments/:comment/downvote',
    auth: true,
    handler: voteComment('downvote'),
  },
];
