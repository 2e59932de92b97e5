/** Users: their posts, media, comments, followers and following; follow and unfollow. */
import { invalid, notFound } from './http.js';
import { mediaJson, postJson, userJson } from './json.js';
import { filterFeed, filterMedia, paginate } from './listing.js';
import { param, type Reply, type Route, type RouteContext } from './router.js';

type Ctx = RouteContext & { user: string | null };

/** The `:name` of the route, 404 when no such user exists. */
function username(ctx: RouteContext): string {
  const name = param(ctx, 'name');
  if (!ctx.store.usernames.has(name)) throw notFound();
  return name;
}

/** Lists a user's items through the same filters and pagination as the feeds. */
function userList(list: string, items: (ctx: Ctx, name: string) => unknown[]) {
  return (ctx: Ctx): Reply => {
    const name = username(ctx);
    return [200, paginate(ctx.store, items(ctx, name), ctx.query, `/users/${name}/${list}`)];
  };
}

const userPosts = userList('posts', ({ store, query, user }, name) =>
  filterFeed(store, query)
    .filter((p) => p.owner === name)
    .map((p) => postJson(store, p, user)),
);

const userMedia = userList('media', ({ store, query }, name) =>
  filterMedia(store, query)
    .filter((m) => m.owner === name)
    .map((m) => mediaJson(store, m)),
);

const userComments = userList('comments', ({ store }, name) =>
  [...store.comments.values()]
    .filter((c) => c.user === name)
    .map((c) => ({
      id: c.id,
      content: c.content,
      post_id: c.postId,
      created_at: c.createdAt.toISOString(),
    })),
);

const userFollowers = userList('followers', ({ store }, name) =>
  [...store.follows.entries()].filter(([, set]) => set.has(name)).map(([f]) => userJson(f)),
);

const userFollowing = userList('following', ({ store }, name) =>
  [...(store.follows.get(name) ?? [])].map(userJson),
);

function follow(ctx: RouteContext & { user: string }): Reply {
  const name = username(ctx);
  if (name === ctx.user) throw invalid('user', 'You cannot follow yourself.');
  const set = ctx.store.follows.get(ctx.user) ?? new Set();
  set.add(name);
  ctx.store.follows.set(ctx.user, set);
  return [200, { message: 'User followed.' }];
}

function unfollow(ctx: RouteContext & { user: string }): Reply {
  const name = username(ctx);
  ctx.store.follows.get(ctx.user)?.delete(name);
  return [200, { message: 'User unfollowed.' }];
}

export const userRoutes: Route[] = [
  { host: 'api', method: 'GET', pattern: '/users/:name/posts', handler: userPosts },
  { host: 'api', method: 'GET', pattern: '/users/:name/media', handler: userMedia },
  { host: 'api', method: 'GET', pattern: '/users/:name/comments', handler: userComments },
  { host: 'api', method: 'GET', pattern: '/users/:name/followers', handler: userFollowers },
  { host: 'api', method: 'GET', pattern: '/users/:name/following', handler: userFollowing },
  { host: 'api', method: 'POST', pattern: '/users/:name/follow', auth: true, handler: follow },
  { host: 'api', method: 'DELETE', pattern: '/users/:name/follow', auth: true, handler: unfollow },
];
