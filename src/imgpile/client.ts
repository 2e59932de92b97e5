import { Readable } from 'node:stream';
import { Agent, errors as undiciErrors, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import {
  ImgpileError,
  errorFromResponse,
  parseRetryAfter,
  type ImgpileErrorKind,
  type RateLimitInfo,
} from './errors.js';
import { MultipartSizeError, encodeMultipart, type MultipartField } from './multipart.js';
import {
  addCommentResponseSchema,
  createPostResponseSchema,
  deleteCommentResponseSchema,
  errorBodySchema,
  looseRecordSchema,
  mediaResponseSchema,
  mediaSchema,
  messageSchema,
  paginatedSchema,
  postResponseSchema,
  postSchema,
  updatePostResponseSchema,
  uploadResponseSchema,
  voteResponseSchema,
  type Paginated,
  type Visibility,
} from './schemas.js';

export type ImgpileResponse<T> = {
  status: number;
  body: T;
  rateLimit: RateLimitInfo;
};

/** What every response (or failed request) reports, for rate limiting and metrics. */
export type ResponseInfo = {
  method: string;
  /** `/posts/{slug}`-style path without host or query. */
  endpoint: string;
  host: 'api' | 'upload';
  authenticated: boolean;
  status: number;
  rateLimit: RateLimitInfo;
  retryAfterMs: number | null;
};

export type ImgpileClientOptions = {
  apiUrl: string;
  uploadUrl: string;
  token: string;
  /** Milliseconds. Uploads get `uploadHeadersMs`: imgpile answers only after storing the file. */
  timeouts?: { connectMs?: number; headersMs?: number; uploadHeadersMs?: number; bodyMs?: number };
  /** Called once per response received, whatever its status. Must not throw. */
  onResponse?: (info: ResponseInfo) => void;
  userAgent?: string;
  /** Use an existing dispatcher (tests, proxies); the client then does not close it. */
  dispatcher?: Dispatcher;
};

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

export type UploadInput = {
  /** The file's bytes, streamed: a Node Readable or any async iterable of chunks. */
  file: AsyncIterable<Uint8Array>;
  filename: string;
  contentType: string;
  /** Exact size in bytes; the upload fails locally if the stream disagrees. */
  size: number;
  postId?: number;
  signal?: AbortSignal;
};

export type PostUpdate = {
  title?: string;
  description?: string;
  visibility?: Visibility;
  isNsfw?: boolean;
  /** Media slugs in the desired order. */
  mediaOrder?: string[];
};

const SLUG = /^[A-Za-z0-9_-]{1,64}$/;
const NUMERIC_ID = /^[1-9][0-9]{0,15}$/;
const USERNAME = /^[A-Za-z0-9_.-]{1,64}$/;
const ACCESS_KEY = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
export const MAX_PAGE_LIMIT = 250;

/**
 * Checks a value before it becomes a URL path segment, so that input such as `../users` or
 * `a/b` can never reach imgpile as a different path. Throws `invalid_input`: nothing is sent.
 */
function segment(what: string, value: string | number, pattern: RegExp): string {
  const text = String(value);
  if (!pattern.test(text) || /^\.+$/.test(text)) {
    throw new ImgpileError({ kind: 'invalid_input', message: `invalid ${what}` });
  }
  return encodeURIComponent(text);
}

function listParams(query: ListQuery): URLSearchParams {
  const params = pageParams(query);
  if (query.tag !== undefined) params.set('tag', query.tag);
  if (query.sort !== undefined) params.set('sort', query.sort);
  if (query.period !== undefined) params.set('period', query.period);
  if (query.username !== undefined) params.set('username', query.username);
  if (query.nsfw) params.set('nsfw', '1');
  return params;
}

function pageParams(query: PageQuery): URLSearchParams {
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

function headerValue(headers: Record<string, string | string[] | undefined>, name: string) {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function headerNumber(
  headers: Record<string, string | string[] | undefined>,
  name: string,
): number | null {
  const value = headerValue(headers, name);
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > MAX_RESPONSE_BYTES) {
      body.destroy();
      throw new ImgpileError({ kind: 'invalid_response', message: 'imgpile response too large' });
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportErrorKind(err: unknown, signal: AbortSignal | undefined): ImgpileErrorKind {
  if (signal?.aborted) return 'aborted';
  if (
    err instanceof undiciErrors.HeadersTimeoutError ||
    err instanceof undiciErrors.BodyTimeoutError ||
    err instanceof undiciErrors.ConnectTimeoutError
  ) {
    return 'timeout';
  }
  if (err instanceof undiciErrors.RequestAbortedError) return 'aborted';
  return 'network';
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

export type ImgpileClient = ReturnType<typeof createImgpileClient>;

/**
 * A client for the whole imgpile API. Uploads go to `uploadUrl`, everything else to `apiUrl`.
 * One keep-alive connection pool serves every call. The token lives only in this closure.
 */
export function createImgpileClient(options: ImgpileClientOptions) {
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  const uploadUrl = options.uploadUrl.replace(/\/+$/, '');
  const token = options.token;
  const timeouts = {
    connectMs: options.timeouts?.connectMs ?? 10_000,
    headersMs: options.timeouts?.headersMs ?? 30_000,
    uploadHeadersMs: options.timeouts?.uploadHeadersMs ?? 300_000,
    bodyMs: options.timeouts?.bodyMs ?? 60_000,
  };
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher =
    options.dispatcher ??
    new Agent({
      keepAliveTimeout: 30_000,
      connections: 32,
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });
  const userAgent = options.userAgent ?? 'imgpile-bot (+https://github.com/imgpile-bot)';

  type CallOptions<S extends z.ZodType> = {
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
    host?: 'api' | 'upload';
    path: string;
    query?: URLSearchParams;
    json?: unknown;
    multipart?: ReturnType<typeof encodeMultipart>;
    auth: boolean;
    schema: S;
    signal?: AbortSignal | undefined;
  };

  async function call<S extends z.ZodType>(
    opts: CallOptions<S>,
  ): Promise<ImgpileResponse<z.infer<S>>> {
    const host = opts.host ?? 'api';
    const base = host === 'upload' ? uploadUrl : apiUrl;
    const qs = opts.query?.toString();
    const url = `${base}${opts.path}${qs ? `?${qs}` : ''}`;
    const endpoint = `${opts.method} ${opts.path}`;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': userAgent };
    if (opts.auth) headers.authorization = `Bearer ${token}`;
    let body: string | Readable | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.multipart) {
      headers['content-type'] = opts.multipart.contentType;
      headers['content-length'] = String(opts.multipart.contentLength);
      // A byte stream (not object mode) keeps at most one highWaterMark of the file buffered.
      body = Readable.from(opts.multipart.body, { objectMode: false });
    }

    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, {
        method: opts.method,
        headers,
        body,
        dispatcher,
        signal: opts.signal,
        headersTimeout: host === 'upload' ? timeouts.uploadHeadersMs : timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
      });
    } catch (err) {
      if (err instanceof MultipartSizeError) {
        throw new ImgpileError({
          kind: 'invalid_input',
          message: err.message,
          endpoint,
          cause: err,
        });
      }
      const kind = transportErrorKind(err, opts.signal);
      const reason = err instanceof Error ? err.message : String(err);
      throw new ImgpileError({
        kind,
        message:
          kind === 'aborted'
            ? 'request to imgpile was aborted'
            : `could not reach imgpile (${endpoint}): ${reason}`,
        endpoint,
        cause: err,
      });
    }

    const { statusCode: status, headers: resHeaders } = response;
    const rateLimit: RateLimitInfo = {
      limit: headerNumber(resHeaders, 'x-ratelimit-limit'),
      remaining: headerNumber(resHeaders, 'x-ratelimit-remaining'),
    };
    const retryAfterMs = parseRetryAfter(headerValue(resHeaders, 'retry-after'));
    try {
      options.onResponse?.({
        method: opts.method,
        endpoint: opts.path,
        host,
        authenticated: opts.auth,
        status,
        rateLimit,
        retryAfterMs,
      });
    } catch {
      // A broken observer must not break the request.
    }

    let text: string;
    try {
      text = await readCapped(response.body);
    } catch (err) {
      if (err instanceof ImgpileError) throw err;
      throw new ImgpileError({
        kind: transportErrorKind(err, opts.signal),
        status,
        message: `imgpile response was cut off (${endpoint})`,
        endpoint,
        cause: err,
      });
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      parsed = undefined; // not JSON: fails the schema below, or gives a generic error message
    }

    if (status < 200 || status >= 300) {
      const errorBody = errorBodySchema.safeParse(parsed);
      throw errorFromResponse(status, errorBody.success ? errorBody.data : null, {
        retryAfterMs,
        rateLimit,
        endpoint,
      });
    }
    const result = opts.schema.safeParse(parsed);
    if (!result.success) {
      const where = result.error.issues[0]?.path.join('.') || 'body';
      throw new ImgpileError({
        kind: 'invalid_response',
        status,
        message: `imgpile sent an unexpected response to ${endpoint} (at ${where})`,
        rateLimit,
        endpoint,
      });
    }
    return { status, body: result.data, rateLimit };
  }

  const mediaPage = paginatedSchema(mediaSchema);
  const postPage = paginatedSchema(postSchema);
  const recordPage = paginatedSchema(looseRecordSchema);

  const client = {
    // ---- Media -------------------------------------------------------------------------
    /** Streams one file to the upload host as multipart/form-data. */
    uploadMedia(input: UploadInput) {
      const fields: MultipartField[] = [];
      if (input.postId !== undefined) {
        fields.push({ name: 'post_id', value: segment('post id', input.postId, NUMERIC_ID) });
      }
      // An error raised by the caller's own stream (a download that failed, a file refused
      // half-way) is the caller's to handle: it is rethrown as is, not as a network error.
      let sourceError: unknown;
      const source = input.file;
      async function* guarded(): AsyncGenerator<Uint8Array> {
        try {
          yield* source;
        } catch (err) {
          sourceError = err;
          throw err;
        }
      }
      let multipart: ReturnType<typeof encodeMultipart>;
      try {
        multipart = encodeMultipart(fields, {
          field: 'file',
          filename: input.filename,
          contentType: input.contentType,
          size: input.size,
          source: guarded(),
        });
      } catch (err) {
        return Promise.reject(
          new ImgpileError({ kind: 'invalid_input', message: (err as Error).message, cause: err }),
        );
      }
      return call({
        method: 'POST',
        host: 'upload',
        path: '/media',
        multipart,
        auth: true,
        schema: uploadResponseSchema,
        signal: input.signal,
      }).catch((err: unknown) => {
        throw sourceError ?? err;
      });
    },
    listMedia(query: ListQuery = {}, opts: ReadOptions = {}) {
      return call({
        method: 'GET',
        path: '/media',
        query: listParams(query),
        auth: opts.authenticated ?? false,
        schema: mediaPage,
        signal: opts.signal,
      });
    },
    iterateMedia(query: ListQuery = {}, opts: ReadOptions = {}) {
      return paginate((page) => client.listMedia({ ...query, page }, opts), query.page);
    },
    getMedia(slug: string, opts: ReadOptions = {}) {
      return call({
        method: 'GET',
        path: `/media/${segment('media slug', slug, SLUG)}`,
        auth: opts.authenticated ?? false,
        schema: mediaResponseSchema,
        signal: opts.signal,
      });
    },
    updateMedia(slug: string, update: { title?: string; description?: string }) {
      return call({
        method: 'PATCH',
        path: `/media/${segment('media slug', slug, SLUG)}`,
        json: update,
        auth: true,
        schema: messageSchema,
      });
    },
    deleteMedia(slug: string) {
      return call({
        method: 'DELETE',
        path: `/media/${segment('media slug', slug, SLUG)}`,
        auth: true,
        schema: messageSchema,
      });
    },

    // ---- Posts -------------------------------------------------------------------------
    createPost(mediaIds: number[]) {
      return call({
        method: 'POST',
        path: '/posts',
        json: { media_ids: mediaIds },
        auth: true,
        schema: createPostResponseSchema,
      });
    },
    listPosts(query: ListQuery = {}, opts: ReadOptions = {}) {
      return call({
        method: 'GET',
        path: '/posts',
        query: listParams(query),
        auth: opts.authenticated ?? false,
        schema: postPage,
        signal: opts.signal,
      });
    },
    iteratePosts(query: ListQuery = {}, opts: ReadOptions = {}) {
      return paginate((page) => client.listPosts({ ...query, page }, opts), query.page);
    },
    getPost(
      slug: string,
      query: { mediaPage?: number; perPage?: number; key?: string } = {},
      opts: ReadOptions = {},
    ) {
      const params = new URLSearchParams();
      if (query.mediaPage !== undefined) params.set('mediaPage', String(query.mediaPage));
      if (query.perPage !== undefined) params.set('perPage', String(query.perPage));
      if (query.key !== undefined) {
        segment('access key', query.key, ACCESS_KEY);
        params.set('key', query.key);
      }
      return call({
        method: 'GET',
        path: `/posts/${segment('post slug', slug, SLUG)}`,
        query: params,
        auth: opts.authenticated ?? false,
        schema: postResponseSchema,
        signal: opts.signal,
      });
    },
    updatePost(slug: string, update: PostUpdate) {
      const json: Record<string, unknown> = {};
      if (update.title !== undefined) json.title = update.title;
      if (update.description !== undefined) json.description = update.description;
      if (update.visibility !== undefined) json.visibility = update.visibility;
      if (update.isNsfw !== undefined) json.is_nsfw = update.isNsfw;
      if (update.mediaOrder !== undefined) json.media_order = update.mediaOrder;
      return call({
        method: 'PATCH',
        path: `/posts/${segment('post slug', slug, SLUG)}`,
        json,
        auth: true,
        schema: updatePostResponseSchema,
      });
    },
    deletePost(slug: string) {
      return call({
        method: 'DELETE',
        path: `/posts/${segment('post slug', slug, SLUG)}`,
        auth: true,
        schema: messageSchema,
      });
    },
    upvotePost(postId: number | string) {
      return vote('posts', postId, 'upvote');
    },
    downvotePost(postId: number | string) {
      return vote('posts', postId, 'downvote');
    },

    // ---- Comments ----------------------------------------------------------------------
    addComment(postSlug: string, content: string) {
      return call({
        method: 'POST',
        path: `/posts/${segment('post slug', postSlug, SLUG)}/comments`,
        json: { content },
        auth: true,
        schema: addCommentResponseSchema,
      });
    },
    deleteComment(commentId: number) {
      return call({
        method: 'DELETE',
        path: `/comments/${segment('comment id', commentId, NUMERIC_ID)}`,
        auth: true,
        schema: deleteCommentResponseSchema,
      });
    },
    upvoteComment(commentId: number) {
      return vote('comments', commentId, 'upvote');
    },
    downvoteComment(commentId: number) {
      return vote('comments', commentId, 'downvote');
    },

    // ---- Users -------------------------------------------------------------------------
    listUserPosts(username: string, query: PageQuery = {}, opts: ReadOptions = {}) {
      return userList(username, 'posts', query, opts, postPage);
    },
    listUserMedia(username: string, query: PageQuery = {}, opts: ReadOptions = {}) {
      return userList(username, 'media', query, opts, mediaPage);
    },
    listUserComments(username: string, query: PageQuery = {}, opts: ReadOptions = {}) {
      return userList(username, 'comments', query, opts, recordPage);
    },
    listUserFollowers(username: string, query: PageQuery = {}, opts: ReadOptions = {}) {
      return userList(username, 'followers', query, opts, recordPage);
    },
    listUserFollowing(username: string, query: PageQuery = {}, opts: ReadOptions = {}) {
      return userList(username, 'following', query, opts, recordPage);
    },
    followUser(username: string) {
      return call({
        method: 'POST',
        path: `/users/${segment('username', username, USERNAME)}/follow`,
        auth: true,
        schema: messageSchema,
      });
    },
    unfollowUser(username: string) {
      return call({
        method: 'DELETE',
        path: `/users/${segment('username', username, USERNAME)}/follow`,
        auth: true,
        schema: messageSchema,
      });
    },

    /** Closes the connection pool (when the client created it). */
    async close(): Promise<void> {
      if (ownsDispatcher) await dispatcher.close();
    },
  };

  function vote(kind: 'posts' | 'comments', id: number | string, direction: 'upvote' | 'downvote') {
    const pattern =
      kind === 'posts' && typeof id === 'string' && !/^\d+$/.test(id) ? SLUG : NUMERIC_ID;
    return call({
      method: 'POST',
      path: `/${kind}/${segment(`${kind === 'posts' ? 'post' : 'comment'} id`, id, pattern)}/${direction}`,
      auth: true,
      schema: voteResponseSchema,
    });
  }

  function userList<S extends z.ZodType>(
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

  return client;
}
