/**
 * The CDN that serves attachments: signed links that expire, as Discord's do (`ex`, `is`, `hm`
 * query parameters), with knobs for failures, lying sizes and slow origins.
 */
import { createHmac } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GENERAL } from '../../helpers/cast.js';
import { fakeSnowflake } from './snowflake.js';

export type AttachmentContent = Buffer | { size: number; head?: Buffer; seed?: number };

export type FakeAttachmentInit = {
  id?: string;
  /** Default: the test server's #general. */
  channelId?: string;
  filename: string;
  content: AttachmentContent;
  contentType?: string;
  /** The link is already expired: the CDN answers 404 until it is refreshed. */
  expired?: boolean;
  /** Answer `failStatus` (default 500) this many times before serving. */
  failTimes?: number;
  failStatus?: number;
  /** Serve without Content-Length (chunked), as a misbehaving origin might. */
  chunked?: boolean;
  /** Bytes actually served, when they should differ from `content` (a lying size). */
  served?: AttachmentContent;
  /** Serve slowly. */
  bytesPerSecond?: number;
};

export type StoredAttachment = FakeAttachmentInit & {
  id: string;
  channelId: string;
  size: number;
  downloads: number;
};

/** An attachment as `addAttachment` returns it, ready to put in a message or interaction. */
export type CdnAttachment = {
  id: string;
  url: string;
  filename: string;
  size: number;
  contentType: string | null;
};

export function contentSize(content: AttachmentContent): number {
  return Buffer.isBuffer(content) ? content.length : content.size;
}

/** The bytes of a generated attachment, chunk by chunk, deterministic for (size, head, seed). */
export function* generatedChunks(
  content: AttachmentContent,
  chunkSize = 64 * 1024,
): Generator<Buffer> {
  if (Buffer.isBuffer(content)) {
    for (let i = 0; i < content.length; i += chunkSize) yield content.subarray(i, i + chunkSize);
    return;
  }
  const pattern = Buffer.alloc(chunkSize);
  let x = content.seed ?? 3;
  for (let i = 0; i < chunkSize; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    pattern[i] = x & 0xff;
  }
  let sent = 0;
  while (sent < content.size) {
    const n = Math.min(chunkSize, content.size - sent);
    let chunk = pattern.subarray(0, n);
    if (sent === 0 && content.head) {
      chunk = Buffer.from(chunk);
      content.head.copy(chunk, 0, 0, Math.min(content.head.length, n));
    }
    sent += n;
    yield chunk;
  }
}

export type Cdn = ReturnType<typeof createCdn>;

export function createCdn(secret: Buffer, origin: () => string) {
  const attachments = new Map<string, StoredAttachment>();

  function sign(path: string, expiresAt: number) {
    const ex = Math.floor(expiresAt / 1000).toString(16);
    const is = Math.floor(Date.now() / 1000).toString(16);
    const hm = createHmac('sha256', secret).update(`${path}|${ex}`).digest('hex');
    return `${origin()}${path}?ex=${ex}&is=${is}&hm=${hm}&`;
  }

  function pathOf(a: StoredAttachment) {
    return `/attachments/${a.channelId}/${a.id}/${encodeURIComponent(a.filename)}`;
  }

  function addAttachment(init: FakeAttachmentInit): CdnAttachment {
    const a: StoredAttachment = {
      ...init,
      id: init.id ?? fakeSnowflake(),
      channelId: init.channelId ?? GENERAL,
      size: contentSize(init.content),
      downloads: 0,
    };
    attachments.set(a.id, a);
    const expiresAt = init.expired ? Date.now() - 60_000 : Date.now() + 86_400_000;
    return {
      id: a.id,
      url: sign(pathOf(a), expiresAt),
      filename: a.filename,
      size: a.size,
      contentType: a.contentType ?? null,
    };
  }

  /**
   * The attachment a CDN path names: its channel, id and file name must all be its own (the
   * CDN stores files by the whole path; the same id under another channel or name is nothing).
   */
  function byPath(pathname: string) {
    const id = /^\/attachments\/\d+\/(\d+)\/[^/]+$/.exec(pathname)?.[1];
    const a = id ? attachments.get(id) : undefined;
    return a && pathOf(a) === pathname ? a : undefined;
  }

  /** POST /attachments/refresh-urls: fresh signatures for links the CDN knows, as they are. */
  function refresh(urls: unknown[]) {
    return urls.map((original) => {
      const a = byPath(new URL(String(original)).pathname);
      return { original, refreshed: a ? sign(pathOf(a), Date.now() + 86_400_000) : original };
    });
  }

  async function serve(_req: IncomingMessage, res: ServerResponse, url: URL) {
    const a = byPath(url.pathname);
    if (!a) {
      res.writeHead(404).end('Not Found');
      return;
    }
    const ex = url.searchParams.get('ex') ?? '';
    const hm = url.searchParams.get('hm') ?? '';
    const valid = createHmac('sha256', secret).update(`${url.pathname}|${ex}`).digest('hex') === hm;
    if (!valid || parseInt(ex, 16) * 1000 < Date.now()) {
      // Discord's CDN answers an expired or unsigned link like this.
      res
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('This content is no longer available.');
      return;
    }
    await sendAttachment(res, a);
  }

  return { attachments, addAttachment, refresh, serve, sign, pathOf };
}

/** The attachment's bytes, or the failure it was told to give first; slowly if it is slow. */
async function sendAttachment(res: ServerResponse, a: StoredAttachment) {
  if ((a.failTimes ?? 0) > 0) {
    a.failTimes! -= 1;
    res.writeHead(a.failStatus ?? 500).end('Internal Server Error');
    return;
  }
  a.downloads += 1;
  const served = a.served ?? a.content;
  const headers: Record<string, string | number> = {
    'content-type': a.contentType ?? 'application/octet-stream',
  };
  if (!a.chunked) headers['content-length'] = contentSize(served);
  res.writeHead(200, headers);
  for (const chunk of generatedChunks(served)) {
    if (res.destroyed) return;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
    if (a.bytesPerSecond)
      await new Promise((r) => setTimeout(r, (chunk.length / a.bytesPerSecond!) * 1000));
  }
  res.end();
}
