import { ImgpileError } from './errors.js';
import type { ImgpileResponse } from './http.js';
import type { Paginated } from './schemas.js';

export type Sort = 'latest' | 'random';
export type Period = 'day' | 'week' | 'month' | 'year' | 'all';

export type ListQuery = {
  tag?: string;
  sort?: Sort;
  period?: Period;
  /** 1 to 250; imgpile's default is 10. */
  limit?: number;
  username?: string;
  /** Include NSFW content (`?nsfw=1`). */
  nsfw?: boolean;
  page?: number;
};

export type PageQuery = { page?: number; limit?: number };

export type ReadOptions = {
  /** Send the token on a read, to see owner-only fields. Reads are public otherwise. */
  authenticated?: boolean;
  signal?: AbortSignal;
};

export const SLUG = /^[A-Za-z0-9_-]{1,64}$/;
export const NUMERIC_ID = /^[1-9][0-9]{0,15}$/;
export const USERNAME = /^[A-Za-z0-9_.-]{1,64}$/;
export const ACCESS_KEY = /^[A-Za-z0-9_-]{1,128}$/;
export const MAX_PAGE_LIMIT = 250;

/**
 * Checks a value before it becomes a URL path segment, so that input such as `../users` or
 * `a/b` can never reach imgpile as a different path. Throws `invalid_input`: nothing is sent.
 */
export function segment(what: string, value: string | number, pattern: RegExp): string {
  const text = String(value);
  if (!pattern.test(text) || /^\.+$/.test(text)) {
    throw new ImgpileError({ kind: 'invalid_input', message: `invalid ${what}` });
  }
  return encodeURIComponent(text);
}

/** The query of a feed (`/posts`, `/media`). Throws `invalid_input` for a bad page or limit. */
export function listParams(query: ListQuery): URLSearchParams {
  const params = pageParams(query);
  if (query.tag !== undefined) params.set('tag', query.tag);
  if (query.sort !== undefined) params.set('sort', query.sort);
  if (query.period !== undefined) params.set('period', query.period);
  if (query.username !== undefined) params.set('username', query.username);
  if (query.nsfw) params.set('nsfw', '1');
  return params;
}

/** `page` and `limit`, checked. Throws `invalid_input`: nothing is sent. */
export function pageParams(query: PageQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.page !== undefined) {
    if (!Number.isSafeInteger(query.page) || query.page < 1) {
      throw new ImgpileError({ kind: 'invalid_input', message: 'page must be a positive integer' });
    }
    params.set('page', String(query.page));
  }
  if (query.limit !== undefined) {
    if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > MAX_PAGE_LIMIT) {
      throw new ImgpileError({
        kind: 'invalid_input',
        message: `limit must be between 1 and ${MAX_PAGE_LIMIT}`,
      });
    }
    params.set('limit', String(query.limit));
  }
  return params;
}

/** Follows a list endpoint page by page until `links.next` is null (or the last page). */
export async function* paginate<T>(
  fetchPage: (page: number) => Promise<ImgpileResponse<Paginated<T>>>,
  firstPage = 1,
): AsyncGenerator<T, void, undefined> {
  let page = firstPage;
  for (;;) {
    const { body } = await fetchPage(page);
    yield* body.data;
    const next = nextPage(body, page);
    if (next === null) return;
    page = next;
  }
}

/**
 * The page after `current`, from `links.next` when present (its `page` parameter), else from
 * `meta`. The link itself is never requested: it could name another host, and it may not carry
 * the filters of the original query.
 */
export function nextPage(body: Paginated<unknown>, current: number): number | null {
  if (body.links !== undefined) {
    if (!body.links.next) return null;
    try {
      const page = Number(new URL(body.links.next).searchParams.get('page'));
      if (Number.isSafeInteger(page) && page > current) return page;
    } catch {
      // Fall through to meta.
    }
  }
  const meta = body.meta;
  if (meta?.current_page !== undefined && meta.last_page !== undefined) {
    return meta.current_page < meta.last_page ? meta.current_page + 1 : null;
  }
  return body.links?.next ? current + 1 : null;
}
