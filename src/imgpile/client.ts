import { commentEndpoints } from './comments.js';
import { ImgpileError } from './errors.js';
import { createHttp, type Call, type Http, type HttpOptions } from './http.js';
import { mediaEndpoints } from './media.js';
import { postEndpoints } from './posts.js';
import { userEndpoints } from './users.js';

export type ImgpileClientOptions = HttpOptions & {
  /** The imgpile API token the client acts with. */
  token: string;
};

const endpoints = { ...mediaEndpoints, ...postEndpoints, ...commentEndpoints, ...userEndpoints };

type Endpoint = (call: Call, ...args: never[]) => unknown;

/** Each endpoint function with its first argument, the caller, filled in. */
type Bound<T> = {
  [K in keyof T]: T[K] extends (call: Call, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

export type ImgpileClient = Bound<typeof endpoints> & {
  /**
   * A client that acts as the imgpile user who owns `token`, over this client's connection
   * pool (and its timeouts). Its responses go to `options.onResponse` when given (imgpile
   * limits each token apart: that account's budget), else to this client's hook. Its `close()`
   * leaves the pool open; closing the client that created the pool closes it for all. Throws
   * `invalid_input` for a token that could not be a header value.
   */
  withToken(token: string, options?: Pick<HttpOptions, 'onResponse'>): ImgpileClient;
  /** Closes the connection pool (when the client created it). */
  close(): Promise<void>;
};

// Visible ASCII only: imgpile's tokens (`<id>|<secret>`) are, and anything else would either
// break the Authorization header or never authenticate.
const TOKEN = /^[\x21-\x7e]+$/;

/**
 * A client for the whole imgpile API. Uploads go to `uploadUrl`, everything else to `apiUrl`.
 * One keep-alive connection pool serves every call. The token lives only in closures.
 */
export function createImgpileClient(options: ImgpileClientOptions): ImgpileClient {
  const http = createHttp(options);
  return clientActingAs(http, options.token, undefined, () => http.close());
}

function clientActingAs(
  http: Http,
  token: string,
  onResponse: HttpOptions['onResponse'],
  close: () => Promise<void>,
): ImgpileClient {
  return {
    ...bindCall(http.callerFor(token, onResponse), endpoints),
    withToken(other: string, options = {}) {
      if (!TOKEN.test(other)) {
        throw new ImgpileError({ kind: 'invalid_input', message: 'invalid imgpile token' });
      }
      return clientActingAs(http, other, options.onResponse ?? onResponse, async () => {});
    },
    close,
  };
}

function bindCall<T extends Record<string, Endpoint>>(call: Call, fns: T): Bound<T> {
  const bound: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(fns)) {
    bound[name] = (...args: never[]) => fn(call, ...args);
  }
  return bound as Bound<T>;
}
