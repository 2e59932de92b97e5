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
import { MultipartSizeError, type encodeMultipart } from './multipart.js';
import { errorBodySchema } from './schemas.js';

export type ImgpileResponse<T> = { status: number; body: T; rateLimit: RateLimitInfo };

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

/** Everything about the connection to imgpile but the token. */
export type HttpOptions = {
  apiUrl: string;
  uploadUrl: string;
  /** Milliseconds. Uploads get `uploadHeadersMs`: imgpile answers only after storing the file. */
  timeouts?: { connectMs?: number; headersMs?: number; uploadHeadersMs?: number; bodyMs?: number };
  /** Called once per response received, whatever its status. Must not throw. */
  onResponse?: (info: ResponseInfo) => void;
  userAgent?: string;
  /** Use an existing dispatcher (tests, proxies); the client then does not close it. */
  dispatcher?: Dispatcher;
};

export type CallOptions<S extends z.ZodType> = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  host?: 'api' | 'upload';
  path: string;
  query?: URLSearchParams;
  json?: unknown;
  multipart?: ReturnType<typeof encodeMultipart>;
  /** Send the bearer token. */
  auth: boolean;
  /** What a 2xx body must be; anything else is `invalid_response`. */
  schema: S;
  signal?: AbortSignal | undefined;
};

/** Performs one request and resolves to its validated body, or throws an `ImgpileError`. */
export type Call = <S extends z.ZodType>(
  opts: CallOptions<S>,
) => Promise<ImgpileResponse<z.infer<S>>>;

export type Http = {
  /**
   * A `Call` that authenticates with `token`; every caller shares this pool. `onResponse`
   * replaces the pool's hook for this caller (another account's budget).
   */
  callerFor(token: string, onResponse?: HttpOptions['onResponse']): Call;
  /** Closes the connection pool (when `createHttp` created it). */
  close(): Promise<void>;
};

type Settings = ReturnType<typeof settingsFrom>;
type Headers = Dispatcher.ResponseData['headers'];

const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * One keep-alive connection pool to imgpile's two hosts, and the callers that use it. The
 * token is not part of the pool: each caller holds its own in a closure, so one pool can serve
 * several imgpile accounts.
 */
export function createHttp(options: HttpOptions): Http {
  const settings = settingsFrom(options);
  return {
    callerFor(token, onResponse) {
      const own = onResponse ? { ...settings, onResponse } : settings;
      return (opts) => call(own, token, opts);
    },
    async close() {
      if (options.dispatcher === undefined) await settings.dispatcher.close();
    },
  };
}

function settingsFrom(options: HttpOptions) {
  const headersMs = options.timeouts?.headersMs ?? 30_000;
  const bodyMs = options.timeouts?.bodyMs ?? 60_000;
  const dispatcher: Dispatcher =
    options.dispatcher ??
    new Agent({
      keepAliveTimeout: 30_000,
      connections: 32,
      connect: { timeout: options.timeouts?.connectMs ?? 10_000 },
      headersTimeout: headersMs,
      bodyTimeout: bodyMs,
    });
  return {
    apiUrl: options.apiUrl.replace(/\/+$/, ''),
    uploadUrl: options.uploadUrl.replace(/\/+$/, ''),
    userAgent: options.userAgent ?? 'imgpile-bot (+https://github.com/imgpile-bot)',
    headersMs,
    uploadHeadersMs: options.timeouts?.uploadHeadersMs ?? 300_000,
    bodyMs,
    dispatcher,
    onResponse: options.onResponse,
  };
}

async function call<S extends z.ZodType>(
  settings: Settings,
  token: string,
  opts: CallOptions<S>,
): Promise<ImgpileResponse<z.infer<S>>> {
  const host = opts.host ?? 'api';
  const endpoint = `${opts.method} ${opts.path}`;
  const response = await send(settings, token, opts, endpoint);
  const { statusCode: status, headers } = response;
  const rateLimit: RateLimitInfo = {
    limit: headerNumber(headers, 'x-ratelimit-limit'),
    remaining: headerNumber(headers, 'x-ratelimit-remaining'),
  };
  const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'));
  try {
    settings.onResponse?.({
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

  const parsed = await readJson(response.body, status, endpoint, opts.signal);
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

/** Sends the request and waits for the response headers; transport failures become errors. */
async function send(
  settings: Settings,
  token: string,
  opts: CallOptions<z.ZodType>,
  endpoint: string,
): Promise<Dispatcher.ResponseData> {
  const upload = opts.host === 'upload';
  const qs = opts.query?.toString();
  const url = `${upload ? settings.uploadUrl : settings.apiUrl}${opts.path}${qs ? `?${qs}` : ''}`;
  const headers: Record<string, string> = {
    accept: 'application/json',
    'user-agent': settings.userAgent,
  };
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
  try {
    return await request(url, {
      method: opts.method,
      headers,
      body,
      dispatcher: settings.dispatcher,
      signal: opts.signal,
      headersTimeout: upload ? settings.uploadHeadersMs : settings.headersMs,
      bodyTimeout: settings.bodyMs,
    });
  } catch (err) {
    throw transportError(err, opts.signal, endpoint);
  }
}

function transportError(
  err: unknown,
  signal: AbortSignal | undefined,
  endpoint: string,
): ImgpileError {
  // The body stream refused a file whose bytes disagree with its declared size.
  if (err instanceof MultipartSizeError) {
    return new ImgpileError({ kind: 'invalid_input', message: err.message, endpoint, cause: err });
  }
  const kind = transportErrorKind(err, signal);
  const reason = err instanceof Error ? err.message : String(err);
  return new ImgpileError({
    kind,
    message:
      kind === 'aborted'
        ? 'request to imgpile was aborted'
        : `could not reach imgpile (${endpoint}): ${reason}`,
    endpoint,
    cause: err,
  });
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

/**
 * The body as JSON: `null` when empty, `undefined` when not JSON (which then fails the schema,
 * or gives an error its generic message).
 */
async function readJson(
  body: Dispatcher.ResponseData['body'],
  status: number,
  endpoint: string,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  let text: string;
  try {
    text = await readCapped(body);
  } catch (err) {
    if (err instanceof ImgpileError) throw err;
    throw new ImgpileError({
      kind: transportErrorKind(err, signal),
      status,
      message: `imgpile response was cut off (${endpoint})`,
      endpoint,
      cause: err,
    });
  }
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return undefined;
  }
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

function headerValue(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function headerNumber(headers: Headers, name: string): number | null {
  const value = headerValue(headers, name);
  if (value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
