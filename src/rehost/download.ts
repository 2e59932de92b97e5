import { request, type Dispatcher } from 'undici';
import { SNIFF_BYTES, sniffMediaType } from './sniff.js';

export type RefusalCode =
  'host_not_allowed' | 'too_large' | 'empty' | 'not_media' | 'expired' | 'download_failed';

/**
 * A file that will never rehost, whatever the retry: its message is written for the user.
 * Nothing of it was sent to imgpile.
 */
export class RehostRefusal extends Error {
  override name = 'RehostRefusal';
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** A download problem that may pass (CDN 5xx, reset, timeout): retry the job later. */
export class DownloadError extends Error {
  override name = 'DownloadError';
}

export type AttachmentSource = {
  url: string;
  filename: string;
  /** Size Discord declared for the attachment. */
  size: number;
};

export type OpenedFile = {
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

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** The checks that need no download: host, declared size. Throws RehostRefusal. */
export function precheckAttachment(
  att: AttachmentSource,
  opts: { allowedHosts: string[]; maxBytes: number },
) {
  if (!isAllowedHost(att.url, opts.allowedHosts)) {
    throw new RehostRefusal('host_not_allowed', 'this link is not a Discord attachment');
  }
  if (att.size === 0) throw new RehostRefusal('empty', 'the file is empty');
  if (att.size > opts.maxBytes) {
    throw new RehostRefusal('too_large', `the file is larger than ${formatBytes(opts.maxBytes)}`);
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
  let url = att.url;
  let refreshed = false;
  let response: Dispatcher.ResponseData;
  for (;;) {
    response = await get(url, opts);
    if (response.statusCode === 200) break;
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
      throw new RehostRefusal('expired', 'the Discord link has expired and could not be refreshed');
    }
    if (response.statusCode >= 500 || response.statusCode === 429) {
      throw new DownloadError(`Discord CDN answered HTTP ${response.statusCode}`);
    }
    throw new RehostRefusal(
      'download_failed',
      `Discord's CDN refused the download (HTTP ${response.statusCode})`,
    );
  }

  const body = response.body;
  const lengthHeader = response.headers['content-length'];
  const announced =
    typeof lengthHeader === 'string' && /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  const size = announced ?? att.size;
  const cancel = () => body.destroy();
  if (size > opts.maxBytes) {
    cancel();
    throw new RehostRefusal('too_large', `the file is larger than ${formatBytes(opts.maxBytes)}`);
  }
  if (size === 0) {
    cancel();
    throw new RehostRefusal('empty', 'the file is empty');
  }

  const iterator = (body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  try {
    while (headBytes < SNIFF_BYTES) {
      const next = await iterator.next();
      if (next.done) break;
      head.push(next.value);
      headBytes += next.value.byteLength;
    }
  } catch (err) {
    cancel();
    throw new DownloadError(`download failed: ${(err as Error).message}`, { cause: err });
  }
  const contentType = sniffMediaType(Buffer.concat(head));
  if (contentType === null) {
    cancel();
    throw new RehostRefusal(
      'not_media',
      'this file type is not accepted (only images and videos are)',
    );
  }

  async function* stream(): AsyncGenerator<Uint8Array> {
    let seen = 0;
    const check = (chunk: Buffer) => {
      seen += chunk.byteLength;
      if (seen > size || seen > opts.maxBytes) {
        cancel();
        throw new RehostRefusal('too_large', 'the file is larger than its announced size');
      }
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

  return { stream: stream(), size, contentType, refreshed, cancel };
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
