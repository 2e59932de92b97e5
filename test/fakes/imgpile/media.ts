/** Media endpoints on the API host: list, get, update, delete (uploads are on the CDN host). */
import { forbidden, HttpError, notFound, optionalString, readJson } from './http.js';
import { mediaJson } from './json.js';
import { filterMedia, paginate } from './listing.js';
import { param, type Reply, type Route, type RouteContext } from './router.js';
import type { MediaRec } from './types.js';

function listMedia(ctx: RouteContext): Reply {
  const { store, query } = ctx;
  const list = filterMedia(store, query).map((m) => mediaJson(store, m));
  return [200, paginate(store, list, query, '/media')];
}

/** Uploads must go to the CDN host: the main host has no POST route for media. */
function uploadOnWrongHost(): Reply {
  throw new HttpError(405, {
    message:
      'The POST method is not supported for route api/v1/media. Supported methods: GET, HEAD.',
  });
}

function mediaOr404(ctx: RouteContext): MediaRec {
  const m = ctx.store.media.get(param(ctx, 'slug'));
  if (!m) throw notFound();
  return m;
}

/** Only the owner may change or delete media: 403 for anyone else. */
function ownMedia(ctx: RouteContext & { user: string }): MediaRec {
  const m = mediaOr404(ctx);
  if (m.owner !== ctx.user) throw forbidden();
  return m;
}

/** Rejected media is visible to its owner only. */
function getMedia(ctx: RouteContext & { user: string | null }): Reply {
  const m = mediaOr404(ctx);
  if (m.moderation === 'rejected' && m.owner !== ctx.user) throw notFound();
  return [200, { data: mediaJson(ctx.store, m) }];
}

async function updateMedia(ctx: RouteContext & { user: string }): Promise<Reply> {
  const m = ownMedia(ctx);
  const body = await readJson(ctx.req);
  const title = optionalString(body, 'title', 255);
  const description = optionalString(body, 'description', 5000);
  if (title !== undefined) m.title = title;
  if (description !== undefined) m.description = description;
  return [200, { message: 'Media updated successfully' }];
}

function deleteMedia(ctx: RouteContext & { user: string }): Reply {
  const m = ownMedia(ctx);
  ctx.store.media.delete(m.slug);
  for (const p of ctx.store.posts.values()) p.media = p.media.filter((s) => s !== m.slug);
  return [200, { message: 'Media deleted successfully.' }];
}

export const mediaRoutes: Route[] = [
  { host: 'api', method: 'GET', pattern: '/media', handler: listMedia },
  { host: 'api', method: 'POST', pattern: '/media', handler: uploadOnWrongHost },
  { host: 'api', method: 'GET', pattern: '/media/:slug', handler: getMedia },
  { host: 'api', method: 'PATCH', pattern: '/media/:slug', auth: true, handler: updateMedia },
  { host: 'api', method: 'DELETE', pattern: '/media/:slug', auth: true, handler: deleteMedia },
];
