/**
 * The route table's types and its matching: routes are tried in order; a path that matches
 * some route but not with this method answers 405, a path that matches none answers 404.
 */
import type { IncomingMessage } from 'node:http';
import { methodNotAllowed, notFound, requireUser } from './http.js';
import type { Store } from './store.js';
import type { Host } from './types.js';

export type Reply = readonly [status: number, body: unknown];

export type RouteContext = {
  store: Store;
  req: IncomingMessage;
  query: URLSearchParams;
  /** The `:name` segments of the pattern, URL-decoded. */
  params: Readonly<Record<string, string>>;
};

type RouteBase = { host: Host; method: string; pattern: string };

/** A read: anyone, with or without a token. */
type PublicRoute = RouteBase & {
  auth?: false;
  handler: (ctx: RouteContext & { user: string | null }) => Reply | Promise<Reply>;
};

/** A write: 401 without a valid bearer token, before anything else is looked at. */
type AuthedRoute = RouteBase & {
  auth: true;
  handler: (ctx: RouteContext & { user: string }) => Reply | Promise<Reply>;
};

export type Route = PublicRoute | AuthedRoute;

const PREFIX = '/api/v1/';

/** The named segments of `pattern` (`/posts/:post/upvote`) in `segments`, or null. */
function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = segments[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

function pathSegments(pathname: string): string[] {
  if (!pathname.startsWith(PREFIX)) throw notFound();
  const raw = pathname.slice(PREFIX.length).split('/').filter(Boolean);
  try {
    return raw.map(decodeURIComponent);
  } catch {
    throw notFound();
  }
}

/** Runs the first route of `host` matching `method` and `pathname`. */
export async function dispatch(
  routes: readonly Route[],
  host: Host,
  method: string,
  pathname: string,
  ctx: Omit<RouteContext, 'params'> & { user: string | null },
): Promise<Reply> {
  const segments = pathSegments(pathname);
  let pathMatched = false;
  for (const route of routes) {
    if (route.host !== host) continue;
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    if (route.auth) return route.handler({ ...ctx, params, user: requireUser(ctx.user) });
    return route.handler({ ...ctx, params });
  }
  throw pathMatched ? methodNotAllowed() : notFound();
}

/** A named segment of the matched pattern. */
export function param(ctx: RouteContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route has no :${name}`);
  return value;
}
