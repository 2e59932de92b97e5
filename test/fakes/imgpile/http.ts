/**
 * HTTP plumbing of the local imgpile: the documented error bodies, reading JSON bodies, sending
 * answers, bearer auth, the per-user and per-IP request limits, and injected answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Store } from './store.js';
import type { Host, Injection } from './types.js';

export type Headers = Record<string, string>;

/** An answer other than success; thrown by handlers, sent by the server. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers = {},
  ) {
    super(`HTTP ${status}`);
  }
}

// The bodies the API document gives for each status.
export const unauthenticated = () => new HttpError(401, { message: 'Unauthenticated.' });
export const forbidden = () => new HttpError(403, { message: 'This action is unauthorized.' });
export const notFound = () => new HttpError(404, { message: 'Not Found.' });
export const methodNotAllowed = () => new HttpError(405, { message: 'Method Not Allowed.' });
export const invalid = (field: string, message: string) =>
  new HttpError(422, { message, errors: { [field]: [message] } });
export const banned = () => new HttpError(451, { error: 'This file is not allowed.' });

export function requireUser(user: string | null): string {
  if (!user) throw unauthenticated();
  return user;
}

/** Who sent the request: `user` null for no Authorization header or a bad token. */
export function identify(
  store: Store,
  req: IncomingMessage,
): { user: string | null; badToken: boolean } {
  const header = req.headers.authorization;
  if (header === undefined) return { user: null, badToken: false };
  const token = /^Bearer (.+)$/.exec(header)?.[1];
  const user = token === undefined ? undefined : store.tokens.get(token);
  return user === undefined ? { user: null, badToken: true } : { user, badToken: false };
}

/**
 * Counts a request against its sliding window (per user, or per IP for public requests and bad
 * tokens) and returns the X-RateLimit-* headers every answer carries; throws 429 when full.
 */
export function rateLimit(store: Store, req: IncomingMessage, user: string | null): Headers {
  const { limits } = store;
  const [key, limit] = user
    ? [`user:${user}`, limits.requestsPerMinute]
    : [`ip:${req.socket.remoteAddress ?? '?'}`, limits.publicRequestsPerMinute];
  const now = Date.now();
  // Strict: every request in the trailing window counts, so any burst over the limit is caught.
  const log = (store.hits.get(key) ?? []).filter((t) => t > now - limits.windowMs);
  store.hits.set(key, log);
  if (log.length >= limit) {
    const retryAfter = Math.max(1, Math.ceil((log[0]! + limits.windowMs - now) / 1000));
    throw new HttpError(
      429,
      { message: 'Too Many Attempts.' },
      {
        'Retry-After': String(retryAfter),
        'X-RateLimit-Limit': String(limit),
        'X-RateLimit-Remaining': '0',
      },
    );
  }
  log.push(now);
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(limit - log.length),
  };
}

/** The first injected answer that matches, used up by one. */
export function takeInjection(
  store: Store,
  host: Host,
  method: string,
  path: string,
): Injection | null {
  const found = store.injections.find(
    (i) =>
      i.times > 0 &&
      (i.host === undefined || i.host === host) &&
      (i.method === undefined || i.method === method) &&
      (i.path === undefined || i.path.test(path)),
  );
  if (!found) return null;
  found.times -= 1;
  return found;
}

const MAX_JSON_BYTES = 1024 * 1024;

/** The request's JSON object body; an empty body is `{}`. */
export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JSON_BYTES) throw new HttpError(413, { message: 'Payload Too Large.' });
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HttpError(400, { message: 'Malformed JSON body.' });
  }
}

/** A nullable string field: undefined when absent, 422 when of another type or too long. */
export function optionalString(
  body: Record<string, unknown>,
  field: string,
  max?: number,
): string | null | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (value !== null && typeof value !== 'string')
    throw invalid(field, `The ${field} field must be a string.`);
  if (max !== undefined && typeof value === 'string' && value.length > max)
    throw invalid(field, `The ${field} field must not be greater than ${max} characters.`);
  return value;
}

/** A JSON body, or a string sent as HTML (injected raw bodies). */
export function send(res: ServerResponse, status: number, body: unknown, headers: Headers): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': typeof body === 'string' ? 'text/html' : 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
