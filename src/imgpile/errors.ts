import { say, type Say } from '../text/index.js';
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

  /** Worth retrying later with the same input (see `describeImgpileError`). */
  get retryable(): boolean {
    return describeImgpileError(this).retryable;
  }
}

/** A 404: imgpile has nothing there (deleted already, never made, or private without its key). */
export const isNotFound = (err: unknown): err is ImgpileError =>
  err instanceof ImgpileError && err.kind === 'not_found';

/** Runs one delete; a thing already gone (404) counts as deleted, any other failure is thrown. */
export async function goneIsFine(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}

/** Why imgpile would not take something, as a stable code for logs, metrics and replies. */
export type ImgpileFailureCode =
  | 'banned'
  | 'not_media'
  | 'too_large'
  | 'rejected'
  | 'imgpile_auth'
  | 'forbidden'
  | 'not_found'
  | 'invalid_input'
  | 'imgpile_error'
  | 'rate_limited'
  | 'unreachable'
  | 'interrupted';

type ImgpileErrorMeaning = {
  code: ImgpileFailureCode;
  /** What a Discord user may read: a lower-case clause, no final period, no server detail. */
  say: Say;
  /** The failure may pass: try the same thing again later. */
  retryable: boolean;
};

/**
 * The one reading of an imgpile failure, shared by the workers (a file or post that will not
 * be made) and the commands (the answer to the user).
 */
export function describeImgpileError(err: ImgpileError): ImgpileErrorMeaning {
  const refuse = (code: ImgpileFailureCode, words: Say) => ({ code, say: words, retryable: false });
  switch (err.kind) {
    case 'banned':
      return refuse('banned', say('imgpile.banned'));
    case 'validation': {
      const detail = Object.values(err.fieldErrors).flat()[0] ?? err.message;
      if (/type/i.test(detail)) return refuse('not_media', say('imgpile.typeNotAccepted'));
      if (/greater than|too large|size/i.test(detail))
        return refuse('too_large', say('imgpile.tooLarge'));
      return refuse('rejected', say('imgpile.rejected', { detail: detail.slice(0, 200) }));
    }
    case 'unauthenticated':
      return refuse('imgpile_auth', say('imgpile.tokenRefused'));
    case 'forbidden':
      return refuse('forbidden', say('imgpile.notOwner'));
    case 'not_found':
      return refuse('not_found', say('imgpile.notFound'));
    case 'invalid_input':
      return refuse('invalid_input', say('imgpile.invalidInput'));
    case 'bad_request':
    case 'unexpected_status':
    case 'invalid_response':
      return refuse('imgpile_error', say('imgpile.unexpected'));
    case 'rate_limited':
      return { code: 'rate_limited', say: say('imgpile.slowDown'), retryable: true };
    case 'aborted':
      return { code: 'interrupted', say: say('imgpile.interrupted'), retryable: true };
    case 'server':
    case 'network':
    case 'timeout':
      return { code: 'unreachable', say: say('imgpile.unreachable'), retryable: true };
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
