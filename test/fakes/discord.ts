/**
 * A local Discord: the CDN that serves attachments (signed links that expire, as Discord's do)
 * and the REST API routes the bot uses. The real discord.js client and @discordjs/rest talk to
 * it over loopback; tests inspect what was called.
 *
 * It is a boundary fake for tests and benches: it shares no code with src/.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AttachmentContent = Buffer | { size: number; head?: Buffer; seed?: number };

export type FakeAttachmentInit = {
  id?: string;
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

type StoredAttachment = FakeAttachmentInit & {
  id: string;
  channelId: string;
  size: number;
  downloads: number;
};

export type RestCall = {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
  at: number;
};

let nextId = BigInt('1200000000000000000');
export function fakeSnowflake(): string {
  nextId += 1n;
  return nextId.toString();
}

function contentSize(content: AttachmentContent): number {
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

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

export async function startFakeDiscord(options: { botToken?: string } = {}) {
  const botToken = options.botToken ?? 'discord-test-token';
  const secret = randomBytes(16);
  const attachments = new Map<string, StoredAttachment>();
  const restCalls: RestCall[] = [];
  let origin = '';

  function sign(path: string, expiresAt: number) {
    const ex = Math.floor(expiresAt / 1000).toString(16);
    const is = Math.floor(Date.now() / 1000).toString(16);
    const hm = createHmac('sha256', secret).update(`${path}|${ex}`).digest('hex');
    return `${origin}${path}?ex=${ex}&is=${is}&hm=${hm}&`;
  }

  function pathOf(a: StoredAttachment) {
    return `/attachments/${a.channelId}/${a.id}/${encodeURIComponent(a.filename)}`;
  }

  function json(res: ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return null;
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }

  async function serveCdn(req: IncomingMessage, res: ServerResponse, url: URL) {
    const match = /^\/attachments\/(\d+)\/(\d+)\/[^/]+$/.exec(url.pathname);
    const a = match ? attachments.get(match[2]!) : undefined;
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

  async function serveRest(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = url.pathname.replace(/^\/api\/v\d+/, '');
    const body = await readBody(req);
    restCalls.push({
      method: req.method ?? 'GET',
      path,
      body,
      authorization: req.headers.authorization,
      at: Date.now(),
    });
    if (req.headers.authorization !== `Bot ${botToken}`) {
      json(res, 401, { message: '401: Unauthorized', code: 0 });
      return;
    }
    if (req.method === 'POST' && path === '/attachments/refresh-urls') {
      const urls = (body as { attachment_urls?: unknown } | null)?.attachment_urls;
      if (!Array.isArray(urls)) {
        json(res, 400, { message: 'Invalid Form Body', code: 50035 });
        return;
      }
      const refreshed = urls.map((original: unknown) => {
        const u = new URL(String(original));
        const id = /^\/attachments\/\d+\/(\d+)\//.exec(u.pathname)?.[1];
        const a = id ? attachments.get(id) : undefined;
        return { original, refreshed: a ? sign(pathOf(a), Date.now() + 86_400_000) : original };
      });
      json(res, 200, { refreshed_urls: refreshed });
      return;
    }
    json(res, 404, { message: '404: Not Found', code: 0 });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const handle = url.pathname.startsWith('/api/') ? serveRest : serveCdn;
    handle(req, res, url).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { message: String(err) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    /** For DISCORD_API_URL: discord.js appends /v10. */
    apiUrl: `${origin}/api`,
    /** For ATTACHMENT_HOSTS. */
    cdnHost: `127.0.0.1:${port}`,
    botToken,
    attachments,
    restCalls,
    /** Puts a file on the CDN and returns it as Discord would describe it in a message. */
    addAttachment(init: FakeAttachmentInit) {
      const a: StoredAttachment = {
        ...init,
        id: init.id ?? fakeSnowflake(),
        channelId: init.channelId ?? '1100000000000000001',
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
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
