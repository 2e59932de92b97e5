import { request, type Dispatcher } from 'undici';
import { say } from '../text/index.js';
import { RehostRefusal } from './refusal.js';
import { SNIFF_BYTES, sniffMediaType } from './sniff.js';

/** A download problem that may pass (CDN 5xx, reset, timeout): retry the job later. */
export class DownloadError extends Error {
  override name = 'DownloadError';
  /** imgpile, reading on slowly, made the download fail: not the site's doing. */
  readonly byImgpile: boolean;
  constructor(message: string, options?: ErrorOptions & { byImgpile?: boolean }) {
    super(message, options);
    this.byImgpile = options?.byImgpile ?? false;
  }
}

type AttachmentSource = {
  url: string;
  filename: string;
  /** Size Discord declared for the attachment (0, unknown, for a link found in a message). */
  size: number;
  /** `discord-link`: a Discord CDN link found in a message's text, its size not declared. */
  source?: 'discord' | 'discord-link' | 'url' | undefined;
};

type OpenedFile = {
  /** The whole file, streamed; throws RehostRefusal if it turns out larger than announced. */
  stream: AsyncIterable<Uint8Array>;
  size: number;
  /** Sniffed from the bytes, not the declared content type. */
  contentType: string;
  /** Whether the URL had to be refreshed through Discord first. */
  refreshed: boolean;
  /** Stops the download (when the upload fails before reading it all). */
  cancel: () => void;
};

export type DownloadOptions = {
  allowedHosts: string[];
  maxBytes: number;
  /** Exchanges an expired Discord CDN link for a fresh one. */
  refreshUrl?: (url: string) => Promise<string | null>;
  signal?: AbortSignal;
  dispatcher?: Dispatcher;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Told the bytes read so far after each chunk (progress), in the stream's own pass. */
  onBytes?: (bytes: number) => void;
};

/** Host entries are `host` (default port of the scheme) or `host:port`, case-insensitive. */
export function isAllowedHost(rawUrl: string, allowedHosts: string[]): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  const host = url.host.toLowerCase(); // includes a non-default port
  return allowedHosts.some((entry) => entry.toLowerCase() === host);
}

/** The checks that need no download: host, declared size. Throws RehostRefusal. */
export function precheckAttachment(
  att: AttachmentSource,
  opts: { allowedHosts: string[]; maxBytes: number },
) {
  if (!isAllowedHost(att.url, opts.allowedHosts)) {
    throw new RehostRefusal('host_not_allowed', say('refusal.notDiscordAttachment'));
  }
  // A Discord link found in a message's text declares no size: the download checks it.
  if (att.source === 'discord-link') return;
  if (att.size === 0) throw new RehostRefusal('empty', say('refusal.empty'));
  if (att.size > opts.maxBytes) {
    throw new RehostRefusal('too_large', say('refusal.tooLarge', { limit: opts.maxBytes }));
  }
}

/** GETs the file, refreshing an expired Discord link once. Resolves on HTTP 200 only. */
async function fetchFile(
  att: AttachmentSource,
  opts: DownloadOptions,
): Promise<{ response: Dispatcher.ResponseData; refreshed: boolean }> {
  let url = att.url;
  let refreshed = false;
  for (;;) {
    const response = await get(url, opts);
    if (response.statusCode === 200) return { response, refreshed };
    await response.body.dump().catch(() => undefined);
    const expired = response.statusCode === 403 || response.statusCode === 404;
    if (expired && !refreshed && opts.refreshUrl) {
      const fresh = await opts.refreshUrl(url);
      refreshed = true;
      if (fresh && isAllowedHost(fresh, opts.allowedHosts)) {
        url = fresh;
        continue;
      }
    }
    if (expired) {
      throw new RehostRefusal('expired', say('refusal.expired'));
    }
    if (response.statusCode >= 500 || response.statusCode === 429) {
      throw new DownloadError(`Discord CDN answered HTTP ${response.statusCode}`);
    }
    throw new RehostRefusal(
      'download_failed',
      say('refusal.cdnRefused', { status: response.statusCode }),
    );
  }
}

/** The first chunks, at least SNIFF_BYTES of them when the file has that many. */
async function readHead(iterator: AsyncIterator<Buffer>): Promise<Buffer[]> {
  const head: Buffer[] = [];
  let bytes = 0;
  try {
    while (bytes < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      bytes += next.value.byteLength;
    }
  } catch (err) {
    throw new DownloadError(`download failed: ${(err as Error).message}`, { cause: err });
  }
  return head;
}

/**
 * The whole file in one pass: the sniffed head, then the rest, counting bytes (progress) and
 * stopping at the first byte over the announced size.
 */
async function* guarded(
  head: Buffer[],
  iterator: AsyncIterator<Buffer>,
  size: number,
  opts: DownloadOptions,
  cancel: () => void,
): AsyncGenerator<Uint8Array> {
  let seen = 0;
  const check = (chunk: Buffer) => {
    seen += chunk.byteLength;
    if (seen > size || seen > opts.maxBytes) {
      cancel();
      throw new RehostRefusal('too_large', say('refusal.largerThanAnnounced'));
    }
    opts.onBytes?.(seen);
  };
  for (const chunk of head) {
    check(chunk);
    yield chunk;
  }
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      check(next.value);
      yield next.value;
    }
  } catch (err) {
    if (err instanceof RehostRefusal) throw err;
    throw new DownloadError(`download failed: ${(err as Error).message}`, { cause: err });
  }
  if (seen !== size) {
    throw new DownloadError(`download ended after ${seen} of ${size} bytes`);
  }
}

/**
 * Opens a Discord attachment for streaming: checks the host and sizes, refreshes an expired
 * link once, and sniffs the first bytes, all before anything could be sent upstream. The
 * returned stream counts bytes and stops at the first byte over the announced size.
 */
export async function openAttachment(
  att: AttachmentSource,
  opts: DownloadOptions,
): Promise<OpenedFile> {
  precheckAttachment(att, opts);
  const { response, refreshed } = await fetchFile(att, opts);
  const body = response.body;
  const cancel = () => body.destroy();
  try {
    const lengthHeader = response.headers['content-length'];
    const announced =
      typeof lengthHeader === 'string' && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
    const size = announced ?? att.size;
    if (size > opts.maxBytes) {
      throw new RehostRefusal('too_large', say('refusal.tooLarge', { limit: opts.maxBytes }));
    }
    if (size === 0) throw new RehostRefusal('empty', say('refusal.empty'));
    const iterator = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const head = await readHead(iterator);
    const contentType = sniffMediaType(Buffer.concat(head));
    if (contentType === null) throw new RehostRefusal('not_media', say('refusal.notMedia'));
    const stream = guarded(head, iterator, size, opts, cancel);
    return { stream, size, contentType, refreshed, cancel };
  } catch (err) {
    cancel();
    throw err;
  }
}

async function get(url: string, opts: DownloadOptions): Promise<Dispatcher.ResponseData> {
  try {
    return await request(url, {
      method: 'GET',
      signal: opts.signal,
      dispatcher: opts.dispatcher,
      headersTimeout: opts.headersTimeoutMs ?? 30_000,
      bodyTimeout: opts.bodyTimeoutMs ?? 60_000,
      headers: { 'user-agent': 'imgpile-bot' },
    });
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    throw new DownloadError(`download failed: ${(err as Error).message}`, { cause: err });
  }
}
