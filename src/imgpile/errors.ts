import type { ErrorBody } from './schemas.js';

export type RateLimitInfo = {
  /** X-RateLimit-Limit, when the response carried it. */
  limit: number | null;
  /** X-RateLimit-Remaining, when the response carried it. */
  remaining: number | null;
};

export type ImgpileErrorKind =
  | 'bad_request' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'validation' // 422, with field errors
  | 'rate_limited' // 429, with the Retry-After delay
  | 'banned' // 451: the file matched a banned hash
  | 'server' // 5xx
  | 'unexpected_status' // any other status
  | 'invalid_response' // a 2xx whose body is not what the API documents
  | 'network' // connection refused, reset, DNS
  | 'timeout'
  | 'aborted' // the caller's AbortSignal fired
  | 'invalid_input'; // refused locally: nothing was sent

const KIND_BY_STATUS: Record<number, ImgpileErrorKind> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  422: 'validation',
  429: 'rate_limited',
  451: 'banned',
};

export function kindForStatus(status: number): ImgpileErrorKind {
  return KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'unexpected_status');
}

/**
 * The one error the imgpile client throws. `message` is the server's own text when it sent one
 * (capped in length), never a request header or token.
 */
export class ImgpileError extends Error {
  override name = 'ImgpileError';
  readonly kind: ImgpileErrorKind;
  /** HTTP status, or 0 when no response was received. */
  readonly status: number;
  /** Field errors of a 422. */
  readonly fieldErrors: Record<string, string[]>;
  /** For `rate_limited`: how long imgpile asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | null;
  readonly rateLimit: RateLimitInfo | null;
  /** `METHOD /path` of the request, without host or query, for logs. */
  readonly endpoint: string | undefined;

  constructor(init: {
    kind: ImgpileErrorKind;
    message: string;
    status?: number;
    fieldErrors?: Record<string, string[]>;
    retryAfterMs?: number | null;
    rateLimit?: RateLimitInfo | null;
    endpoint?: string;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.fieldErrors = init.fieldErrors ?? {};
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.rateLimit = init.rateLimit ?? null;
    this.endpoint = init.endpoint;
  }

  /** Worth retrying later with the same input: the failure was not about the request itself. */
  get retryable(): boolean {
    return (
      this.kind === 'server' ||
      this.kind === 'network' ||
      this.kind === 'timeout' ||
      this.kind === 'rate_limited'
    );
  }
}

const MAX_MESSAGE = 300;

export function errorFromResponse(
  status: number,
  body: ErrorBody | null,
  extra: { retryAfterMs: number | null; rateLimit: RateLimitInfo; endpoint: string },
): ImgpileError {
  const kind = kindForStatus(status);
  const serverMessage = body?.message ?? body?.error;
  const message = serverMessage
    ? serverMessage.slice(0, MAX_MESSAGE)
    : `imgpile answered HTTP ${status}`;
  return new ImgpileError({
    kind,
    status,
    message,
    fieldErrors: body?.errors ?? {},
    retryAfterMs: kind === 'rate_limited' ? extra.retryAfterMs : null,
    rateLimit: extra.rateLimit,
    endpoint: extra.endpoint,
  });
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
