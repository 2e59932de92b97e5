import { request, type Agent, type Dispatcher } from 'undici';
import { DownloadError, type openAttachment } from './download.js';
import { say } from '../text/index.js';
import { RehostRefusal } from './refusal.js';
import { sniffMediaType } from './sniff.js';
import { guardedBody, readHead, spoolBody, type BodyReader } from './url-body.js';
import { pinnedAgent, type ConnectHook } from './url-connect.js';
import { hostOf } from '../hosts.js';
import { createHostLookup } from './url-lookup.js';
import {
  checkUrl,
  resolveTarget,
  urlRefusal,
  type HostLookup,
  type UrlPolicy,
} from './url-target.js';

export { findMediaLinks, spoileredLinks, type EmbedLike } from './url-links.js';
export type { HostLookup, ResolvedAddress } from './url-target.js';
export type { ConnectHook, DialTarget } from './url-connect.js';

/** What `openAttachment` gives, so a URL and an attachment go through the same upload. */
export type OpenedFile = Awaited<ReturnType<typeof openAttachment>>;

export type UrlOpenOptions = UrlPolicy & {
  /** Largest file accepted, in bytes (declared or actual). */
  maxBytes: number;
  /** Redirects followed, each checked again like the first URL (default 3). */
  maxRedirects?: number;
  /** Attachments' limits by default: 30 s to the response headers, 60 s between body bytes. */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** The whole transfer, lookups and redirects included, body streaming too (default 10 min). */
  totalTimeoutMs?: number;
  /**
   * The least a site must send, in bytes per second of its own time (the time spent waiting
   * for it, not for imgpile), once `slowGraceMs` of it have passed (defaults 16 KiB/s, 20 s).
   */
  minBytesPerSecond?: number;
  slowGraceMs?: number;
  signal?: AbortSignal;
  /** Told the bytes read so far after each chunk (progress), in the stream's own pass. */
  onBytes?: (bytes: number) => void;
  /** Name resolution (default: one shared `createHostLookup()`, DNS with c-ares). */
  lookup?: HostLookup;
  /** Tests only: where to dial each checked address (see `ConnectHook`). */
  connect?: ConnectHook;
};

const DEFAULT_MAX_REDIRECTS = 3;
const DEFAULT_TOTAL_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MIN_BYTES_PER_SECOND = 16 * 1024;
const DEFAULT_SLOW_GRACE_MS = 20_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
let sharedLookup: HostLookup | undefined;
/** Certificate failures do not pass with a retry: the link is refused instead. */
const TLS_CERT_ERROR =
  /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME_INVALID/;

function tooLarge(maxBytes: number): RehostRefusal {
  return new RehostRefusal('too_large', say('refusal.tooLarge', { limit: maxBytes }));
}

function releaseAgent(agent: Agent): void {
  agent.destroy().catch(() => undefined);
}

/** Drops a body not (fully) read; undici reports that as an error nobody needs to hear. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** A failure on the network as the pipeline sees it; the caller's own abort stays as it is. */
function networkFailure(err: unknown, opts: UrlOpenOptions): unknown {
  if (opts.signal?.aborted) return err;
  if (err instanceof RehostRefusal) return err;
  const { code, message } = err as { code?: string; message?: string };
  // The whole transfer's own deadline (not one slow answer): as slow again on a retry.
  if ((err as Error).name === 'TimeoutError') {
    const minutes = (opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS) / 60_000;
    return new RehostRefusal(
      'too_slow',
      say('refusal.tooSlowTotal', { minutes: +minutes.toFixed(2) }),
    );
  }
  if (code && TLS_CERT_ERROR.test(code)) {
    return urlRefusal('download_failed', say('refusal.badCertificate'));
  }
  const timedOut = (err as Error).name === 'TimeoutError' || /timeout/i.test(code ?? '');
  const what = timedOut ? 'download timed out' : 'download failed';
  return new DownloadError(`${what}: ${message ?? String(err)}`, { cause: err });
}

function statusFailure(status: number): Error {
  if (status >= 500 || status === 429 || status === 408) {
    return new DownloadError(`the site answered HTTP ${status}`);
  }
  return urlRefusal('download_failed', say('refusal.siteRefused', { status }));
}

async function send(
  url: URL,
  agent: Agent,
  opts: UrlOpenOptions,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  try {
    return await request(url, {
      method: 'GET',
      dispatcher: agent,
      signal,
      headersTimeout: opts.headersTimeoutMs ?? 30_000,
      bodyTimeout: opts.bodyTimeoutMs ?? 60_000,
      headers: {
        'user-agent': 'imgpile-bot',
        accept: 'image/*,video/*;q=0.9,*/*;q=0.1',
        'accept-encoding': 'identity',
      },
    });
  } catch (err) {
    releaseAgent(agent);
    throw networkFailure(err, opts);
  }
}

function nextLocation(response: Dispatcher.ResponseData, from: URL): URL | null {
  if (!REDIRECTS.has(response.statusCode)) return null;
  const location = response.headers.location;
  if (typeof location !== 'string' || location === '') {
    throw urlRefusal('download_failed', say('refusal.redirectToNowhere'));
  }
  try {
    return new URL(location, from);
  } catch {
    throw urlRefusal('bad_url', say('refusal.redirectInvalid'));
  }
}

/**
 * GETs the URL, following at most `maxRedirects` redirects itself. Every hop is checked
 * afresh (scheme, credentials, host lists, name resolution, address ranges) and its socket is
 * pinned to the addresses that passed. Resolves on HTTP 200 only.
 */
async function fetchChecked(
  raw: string,
  opts: UrlOpenOptions,
  signal: AbortSignal,
): Promise<{ response: Dispatcher.ResponseData; agent: Agent }> {
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let next: string | URL = raw;
  for (let redirects = 0; ; redirects++) {
    const url = checkUrl(next, opts);
    const lookup = opts.lookup ?? (sharedLookup ??= createHostLookup());
    const addresses = await resolveTarget(url, lookup, signal).catch((err: unknown) => {
      throw err instanceof RehostRefusal ? err : networkFailure(err, opts);
    });
    const agent = pinnedAgent(hostOf(url), addresses, opts.connect);
    const response = await send(url, agent, opts, signal);
    if (response.statusCode === 200) return { response, agent };
    discard(response.body);
    releaseAgent(agent);
    const location = nextLocation(response, url);
    if (location === null) throw statusFailure(response.statusCode);
    if (redirects >= maxRedirects) {
      throw urlRefusal(
        'too_many_redirects',
        say('refusal.tooManyRedirects', { max: maxRedirects }),
      );
    }
    next = location;
  }
}

function announcedLength(header: string | string[] | undefined): number | null {
  return typeof header === 'string' && /^\d+$/.test(header) ? Number(header) : null;
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

/**
 * A reader that refuses a site sending under `minBytesPerSecond` of its own time, once
 * `graceMs` of it have passed: a trickling site would hold a worker for the whole deadline.
 * Only the time spent waiting for the site counts, never the time imgpile takes to read on.
 */
function paced(
  reader: BodyReader,
  minBytesPerSecond: number,
  graceMs: number,
  deadlineMs: number,
): BodyReader {
  let bytes = 0;
  let waitedMs = 0;
  /** The whole transfer's deadline, when the site used under half of it: imgpile was slow. */
  const failure = (err: unknown) =>
    (err as Error | null)?.name === 'TimeoutError' && waitedMs < deadlineMs / 2
      ? new DownloadError('download timed out while imgpile read it slowly', {
          cause: err,
          byImgpile: true,
        })
      : reader.failure(err);
  const next = async (): Promise<IteratorResult<Buffer>> => {
    const started = performance.now();
    const result = await reader.iterator.next();
    waitedMs += performance.now() - started;
    if (!result.done) bytes += result.value.byteLength;
    if (!result.done && waitedMs > graceMs && (bytes * 1000) / waitedMs < minBytesPerSecond) {
      const kbPerSecond = Math.round(minBytesPerSecond / 1024);
      throw new RehostRefusal('too_slow', say('refusal.tooSlowRate', { kbPerSecond }));
    }
    return result;
  };
  return { iterator: { next }, failure };
}

/** Size checks, the sniff, then the stream: the same guard whether or not a length came. */
async function openResponse(
  response: Dispatcher.ResponseData,
  agent: Agent,
  opts: UrlOpenOptions,
): Promise<OpenedFile> {
  const body = response.body;
  const release = once(() => {
    discard(body);
    releaseAgent(agent);
  });
  try {
    const announced = announcedLength(response.headers['content-length']);
    if (announced !== null && announced > opts.maxBytes) throw tooLarge(opts.maxBytes);
    if (announced === 0) throw new RehostRefusal('empty', say('refusal.empty'));
    const reader = paced(
      {
        iterator: (body as AsyncIterable<Buffer>)[Symbol.asyncIterator](),
        failure: (err) => networkFailure(err, opts),
      },
      opts.minBytesPerSecond ?? DEFAULT_MIN_BYTES_PER_SECOND,
      opts.slowGraceMs ?? DEFAULT_SLOW_GRACE_MS,
      opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS,
    );
    const head = await readHead(reader);
    if (head.length === 0) throw new RehostRefusal('empty', say('refusal.empty'));
    const contentType = sniffMediaType(Buffer.concat(head));
    if (contentType === null) throw new RehostRefusal('not_media', say('refusal.notMedia'));
    if (announced !== null) {
      const stream = guardedBody(head, reader, announced, opts.onBytes, release);
      return { stream, size: announced, contentType, refreshed: false, cancel: release };
    }
    const spooled = await spoolBody(head, reader, opts.maxBytes, () => tooLarge(opts.maxBytes));
    release();
    const cancel = once(spooled.release);
    const stream = guardedBody([], spooled.reader, spooled.size, opts.onBytes, cancel);
    return { stream, size: spooled.size, contentType, refreshed: false, cancel };
  } catch (err) {
    release();
    throw err;
  }
}

/**
 * Opens any http(s) link for streaming, as `openAttachment` opens a Discord attachment, and
 * refuses (RehostRefusal) before anything could be sent upstream when the link is not one the
 * bot may fetch: a non-http(s) scheme, plain http unless `allowHttp`, credentials, a host on
 * the deny list or off the allow list, a name or address in a private, loopback, link-local,
 * CGNAT, multicast, metadata or reserved range (IPv4, IPv6, and IPv4 carried in IPv6), more
 * than `maxRedirects` redirects, a status other than 200 (after redirects), a size over
 * `maxBytes`, or bytes that are not an image or video. A body without Content-Length is
 * spooled to an unlinked temporary file (up to `maxBytes`) so the exact size is known.
 * Transient failures (5xx, 408, 429, resets, timeouts) are a DownloadError: retry later.
 * Discord CDN links should go through `openAttachment`, which can refresh them.
 */
export async function openUrl(url: string, opts: UrlOpenOptions): Promise<OpenedFile> {
  const deadline = AbortSignal.timeout(opts.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS);
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline]) : deadline;
  const { response, agent } = await fetchChecked(url, opts, signal);
  return openResponse(response, agent, opts);
}
