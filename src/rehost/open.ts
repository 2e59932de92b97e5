import { openAttachment, type DownloadOptions } from './download.js';
import { openUrl, type ConnectHook, type HostLookup } from './url.js';
import type { UrlPolicy } from './url-target.js';

/** How links (not attachments) are fetched: the admin's policy, and for tests the network. */
export type LinkOptions = UrlPolicy & {
  enabled: boolean;
  /**
   * Name resolution (each worker's own `createHostLookup`; tests give a fake) and dialling
   * (replaced only by tests: the network is their boundary).
   */
  lookup?: HostLookup;
  connect?: ConnectHook;
};

/** A file to open: a Discord attachment, or any link (`source: 'url'`). */
export type FileSource = {
  url: string;
  filename: string;
  size: number;
  source?: 'discord' | 'discord-link' | 'url' | undefined;
};

/**
 * Opens a file for streaming, whatever its source: a Discord attachment (host allowlist,
 * declared size, link refresh) or any link (the safe fetcher: checked addresses only). Both
 * sniff the first bytes before anything could be sent upstream.
 */
export function openSource(file: FileSource, opts: DownloadOptions & { links: LinkOptions }) {
  if (file.source !== 'url') return openAttachment(file, opts);
  return openUrl(file.url, {
    ...opts.links,
    maxBytes: opts.maxBytes,
    signal: opts.signal,
    onBytes: opts.onBytes,
    headersTimeoutMs: opts.headersTimeoutMs,
    bodyTimeoutMs: opts.bodyTimeoutMs,
  });
}
