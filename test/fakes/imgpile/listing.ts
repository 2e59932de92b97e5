/**
 * List endpoints: query validation, the feed filters (visibility, moderation, tag, username,
 * period, sort) and the pagination envelope.
 */
import { invalid } from './http.js';
import { postModeration } from './json.js';
import { findPostById, type Store } from './store.js';
import type { MediaRec, Moderation, PostRec } from './types.js';

/** The document: "The default page size is 10; you can request up to 250 with ?limit=N." */
export const MAX_LIMIT = 250;

const PERIOD_MS: Record<string, number> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

/** An integer query parameter of at least 1 (and at most `max`), or 422. */
export function positiveInt(
  value: string | null,
  fallback: number,
  field: string,
  max = Infinity,
): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw invalid(field, `The ${field} field must be at least 1.`);
  if (n > max) throw invalid(field, `The ${field} field must not be greater than ${max}.`);
  return n;
}

/** One page of `items`, with links that keep every other query parameter. */
export function paginate<T>(store: Store, items: T[], query: URLSearchParams, path: string) {
  const page = positiveInt(query.get('page'), 1, 'page');
  const perPage = positiveInt(query.get('limit'), 10, 'limit', MAX_LIMIT);
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const data = items.slice((page - 1) * perPage, page * perPage);
  const url = `${store.origins.api}/api/v1${path}`;
  const link = (n: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(n));
    return `${url}?${q.toString()}`;
  };
  return {
    data,
    links: {
      first: link(1),
      last: link(lastPage),
      prev: page > 1 ? link(page - 1) : null,
      next: page < lastPage ? link(page + 1) : null,
    },
    meta: {
      current_page: page,
      from: data.length ? (page - 1) * perPage + 1 : null,
      to: data.length ? (page - 1) * perPage + data.length : null,
      per_page: perPage,
      total,
      last_page: lastPage,
      path: url,
    },
  };
}

type FeedQuery = {
  statuses: Moderation[];
  tag: string | null;
  username: string | null;
  since: number;
  random: boolean;
};

/** The documented list parameters, validated: only `approved` unless `?nsfw=1`. */
function feedQuery(query: URLSearchParams): FeedQuery {
  const sort = query.get('sort') ?? 'latest';
  if (!['latest', 'random'].includes(sort)) throw invalid('sort', 'The selected sort is invalid.');
  const period = query.get('period');
  if (period && period !== 'all' && !(period in PERIOD_MS))
    throw invalid('period', 'The selected period is invalid.');
  return {
    statuses: query.get('nsfw') === '1' ? ['approved', 'nsfw'] : ['approved'],
    tag: query.get('tag'),
    username: query.get('username'),
    since: period && period !== 'all' ? Date.now() - PERIOD_MS[period]! : 0,
    random: sort === 'random',
  };
}

function newestFirst<T extends { createdAt: Date; id: number }>(list: T[], random: boolean): T[] {
  list.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  if (random) list.sort(() => Math.random() - 0.5);
  return list;
}

/** Public posts only: hidden and private posts never appear in feeds. */
export function filterFeed(store: Store, query: URLSearchParams): PostRec[] {
  const q = feedQuery(query);
  const out = [...store.posts.values()].filter(
    (p) =>
      p.visibility === 'public' &&
      q.statuses.includes(postModeration(store, p)) &&
      (!q.tag || p.tags.includes(q.tag)) &&
      (!q.username || p.owner === q.username) &&
      p.createdAt.getTime() >= q.since,
  );
  return newestFirst(out, q.random);
}

/** Media not in a post, or in a public one; tags are their post's. */
export function filterMedia(store: Store, query: URLSearchParams): MediaRec[] {
  const q = feedQuery(query);
  const out = [...store.media.values()].filter((m) => {
    const post = m.postId === null ? undefined : findPostById(store, m.postId);
    return (
      q.statuses.includes(m.moderation) &&
      (!post || post.visibility === 'public') &&
      (!q.tag || (post?.tags.includes(q.tag) ?? false)) &&
      (!q.username || m.owner === q.username) &&
      m.createdAt.getTime() >= q.since
    );
  });
  return newestFirst(out, q.random);
}
