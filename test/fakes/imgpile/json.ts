/** The JSON shapes of the API document's Media and Post objects, built from the store. */
import type { Store } from './store.js';
import type { MediaRec, Moderation, PostRec } from './types.js';

export function userJson(name: string) {
  return { username: name, avatar: null };
}

/** "false while sized variants are being generated; true when ready". */
export function isProcessed(m: MediaRec): boolean {
  return Date.now() >= m.processedAt.getTime();
}

/** The original always; the sized variants (and a video's thumbnail) once processed. */
export function mediaUrls(store: Store, m: MediaRec): Record<string, string> {
  const base = `${store.origins.cdn}/f/${m.slug}`;
  const urls: Record<string, string> = { original: `${base}.${m.ext}` };
  if (!isProcessed(m)) return urls;
  if (m.type.startsWith('image/')) {
    for (const size of ['xs', 'sm', 'md', 'lg', 'xl']) urls[size] = `${base}_${size}.${m.ext}`;
  } else {
    urls.thumb = `${base}_thumb.jpg`;
  }
  return urls;
}

export function mediaJson(store: Store, m: MediaRec) {
  return {
    id: m.id,
    slug: m.slug,
    filename: m.slug,
    title: m.title,
    description: m.description,
    type: m.type,
    width: m.width,
    height: m.height,
    moderation_status: m.moderation,
    processed: isProcessed(m),
    created_at: m.createdAt.toISOString(),
    urls: mediaUrls(store, m),
    user: userJson(m.owner),
  };
}

/** A post is as flagged as its most flagged media, unless a test pinned its status. */
export function postModeration(store: Store, p: PostRec): Moderation {
  if (p.moderationOverride) return p.moderationOverride;
  const statuses = p.media.map((s) => store.media.get(s)?.moderation ?? 'approved');
  if (statuses.includes('rejected')) return 'rejected';
  if (p.isNsfw || statuses.includes('nsfw')) return 'nsfw';
  if (statuses.includes('pending')) return 'pending';
  return 'approved';
}

/** Which media of a single post to include: the `mediaPage`/`perPage` parameters. */
export type MediaPage = { page: number; perPage: number };

/**
 * A post as `viewer` sees it: `first_media` in feeds, one page of `media` on single-post
 * requests, and the owner-only fields (visibility, access_key) for its owner only.
 */
export function postJson(
  store: Store,
  p: PostRec,
  viewer: string | null,
  mediaPage?: MediaPage,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: p.id,
    slug: p.slug,
    title: p.title,
    description: p.description,
    score: p.up.size - p.down.size,
    view_count: p.views,
    media_count: p.media.length,
    moderation_status: postModeration(store, p),
    isUpvotedByUser: viewer !== null && p.up.has(viewer),
    isDownvotedByUser: viewer !== null && p.down.has(viewer),
    created_at: p.createdAt.toISOString(),
    user: userJson(p.owner),
  };
  if (mediaPage) {
    const { page, perPage } = mediaPage;
    json.media = p.media
      .slice((page - 1) * perPage, page * perPage)
      .map((s) => store.media.get(s))
      .filter((m): m is MediaRec => m !== undefined)
      .map((m) => mediaJson(store, m));
  } else {
    const first = p.media[0] ? store.media.get(p.media[0]) : undefined;
    json.first_media = first ? mediaJson(store, first) : null;
  }
  if (viewer === p.owner) {
    json.visibility = p.visibility;
    json.access_key = p.accessKey;
  }
  return json;
}
