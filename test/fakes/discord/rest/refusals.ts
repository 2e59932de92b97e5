/**
 * Failures a test injects into REST answers, and the count of requests Discord calls invalid
 * ("Rate Limits" > "Invalid Request Limit": 10,000 in 10 minutes get an IP banned).
 */
import type { ServerResponse } from 'node:http';
import { json } from '../http.js';
import type { FakeState } from '../state.js';

/** Answers an injected failure (e.g. a 429 with Retry-After), if one matches. */
export function injectedFailure(
  state: FakeState,
  res: ServerResponse,
  method: string,
  path: string,
) {
  const f = state.restFailures.find(
    (x) => x.times > 0 && x.path.test(path) && (!x.method || x.method === method),
  );
  if (!f) return false;
  f.times -= 1;
  if (f.status === 429) {
    const retryAfter = f.retryAfter ?? 1;
    json(
      res,
      429,
      f.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      {
        'retry-after': String(Math.ceil(retryAfter)),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(retryAfter),
        'x-ratelimit-bucket': 'fake-bucket',
        'x-ratelimit-scope': 'user',
      },
    );
  } else json(res, f.status, f.body ?? { message: 'Internal Server Error', code: 0 });
  return true;
}

/**
 * Counts the answer if Discord would count it as invalid (401, 403, or a 429 not of the
 * `shared` scope), with its error code, when it has been sent.
 */
export function countIfInvalid(
  state: FakeState,
  res: ServerResponse,
  method: string,
  path: string,
) {
  let sent: unknown;
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    sent = chunk;
    return end(chunk, ...rest);
  }) as typeof res.end;
  res.once('finish', () => {
    const status = res.statusCode;
    const shared = status === 429 && res.getHeader('x-ratelimit-scope') === 'shared';
    if (![401, 403, 429].includes(status) || shared) return;
    let code: number | null = null;
    try {
      const parsed = JSON.parse(String(sent)) as { code?: unknown };
      if (typeof parsed.code === 'number') code = parsed.code;
    } catch {
      // no JSON body
    }
    state.refusedRequests.push({ method, path, status, code, at: Date.now() });
  });
}

/** How long to hold a call back before handling it, if a delay was asked for it (see delayRest). */
export function injectedDelay(state: FakeState, method: string, path: string): number {
  const d = state.restDelays.find(
    (x) => x.times > 0 && x.path.test(path) && (!x.method || x.method === method),
  );
  if (!d) return 0;
  d.times -= 1;
  return d.ms;
}
