/**
 * One request's life on either listener: logged, identified, counted against its rate limit,
 * answered by an injection or by the route table, and always sent with the X-RateLimit-*
 * headers ("Rate limit headers are included in every response").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HttpError,
  identify,
  rateLimit,
  send,
  takeInjection,
  unauthenticated,
  type Headers,
} from './http.js';
import { dispatch, type Reply } from './router.js';
import { routes } from './routes.js';
import type { Store } from './store.js';
import type { Host, RequestRecord } from './types.js';

function logRequest(store: Store, host: Host, req: IncomingMessage, url: URL): RequestRecord {
  const record: RequestRecord = {
    host,
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.search,
    user: null,
    status: 0,
    at: Date.now(),
    authorization: req.headers.authorization,
  };
  store.requests.push(record);
  return record;
}

async function answer(
  store: Store,
  host: Host,
  req: IncomingMessage,
  url: URL,
  record: RequestRecord,
  headers: Headers,
): Promise<Reply> {
  const { user, badToken } = identify(store, req);
  record.user = user;
  // A bad token is limited as a public request, so its 401 carries the headers too.
  Object.assign(headers, rateLimit(store, req, user));
  if (badToken) throw unauthenticated();
  const injected = takeInjection(store, host, record.method, url.pathname);
  const ctx = { store, req, query: url.searchParams, user };
  if (injected) {
    // The work is done (or refused) as usual; only the answer is lost on the way back.
    if (injected.afterWork)
      await dispatch(routes, host, record.method, url.pathname, ctx).catch(() => undefined);
    else req.resume();
    Object.assign(headers, injected.headers ?? {});
    return [injected.status, injected.rawBody ?? injected.body ?? { message: 'Server Error' }];
  }
  return dispatch(routes, host, record.method, url.pathname, ctx);
}

function takeHold(store: Store, host: Host, method: string, path: string) {
  const found = store.holds.find(
    (h) =>
      h.times > 0 &&
      (h.host === undefined || h.host === host) &&
      (h.method === undefined || h.method === method) &&
      (h.path === undefined || h.path.test(path)),
  );
  if (found) found.times -= 1;
  return found;
}

/** The request listener of one host. */
export function requestHandler(store: Store, host: Host) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record = logRequest(store, host, req, url);
    const headers: Headers = {};
    answer(store, host, req, url, record, headers).then(
      async ([status, body]) => {
        record.status = status;
        const hold = takeHold(store, host, record.method, url.pathname);
        if (hold) {
          hold.markHeld();
          await hold.released;
        }
        if (!res.destroyed) send(res, status, body, headers);
      },
      (err: unknown) => {
        if (err instanceof HttpError) {
          record.status = err.status;
          // An early answer (401 before the body was read): let Node drain what it can.
          req.resume();
          send(res, err.status, err.body, { ...headers, ...err.headers });
        } else {
          record.status = 500;
          if (!res.headersSent && !res.destroyed)
            send(res, 500, { message: 'Server Error' }, headers);
        }
      },
    );
  };
}
