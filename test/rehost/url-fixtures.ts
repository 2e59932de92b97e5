import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConnectHook, HostLookup, ResolvedAddress } from '../../src/rehost/url.js';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** One request the server saw, and how its response ended. */
export type Seen = {
  host: string | undefined;
  path: string;
  /** Whether the whole response was written before the connection closed. */
  finished: Promise<boolean>;
};

/**
 * A web server on loopback that plays every test host: routes are keyed by the Host header
 * and path (`media.test/cat.png`), so one server stands for many sites.
 */
export async function startSites() {
  const routes = new Map<string, Route>();
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const host = req.headers.host?.replace(/:\d+$/, '');
    const path = req.url ?? '/';
    const finished = new Promise<boolean>((resolve) => {
      res.on('close', () => resolve(res.writableFinished));
    });
    seen.push({ host, path, finished });
    const route = routes.get(`${host}${path}`);
    if (!route) {
      res.writeHead(404).end('no such route');
      return;
    }
    Promise.resolve(route(req, res)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    routes,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fake resolver: each name answers the addresses listed for it, and counts its calls. */
export function fakeDns(table: Record<string, string[] | (() => string[])>) {
  const calls: string[] = [];
  const lookup: HostLookup = async (hostname) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (entry === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    const answers = typeof entry === 'function' ? entry() : entry;
    return answers.map((address): ResolvedAddress => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
  };
  return { lookup, calls };
}

/** A connect hook that sends every checked address to the local server, and records it. */
export function routeToLoopback(port: number, overrides: Record<string, number> = {}) {
  const dialled: { hostname: string; address: string; port: number }[] = [];
  const connect: ConnectHook = ({ hostname, address, port: wanted }) => {
    dialled.push({ hostname, address, port: wanted });
    return { address: '127.0.0.1', port: overrides[address] ?? port };
  };
  return { connect, dialled };
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A route that answers `body` with a Content-Length (or chunked, when `chunked`). */
export function serve(body: Buffer, opts: { chunked?: boolean; status?: number } = {}): Route {
  return (_req, res) => {
    const headers: Record<string, string> = { 'content-type': 'image/png' };
    if (!opts.chunked) headers['content-length'] = String(body.length);
    res.writeHead(opts.status ?? 200, headers);
    // Several writes, so the client sees several chunks.
    const step = 16 * 1024;
    for (let i = 0; i < body.length; i += step) res.write(body.subarray(i, i + step));
    res.end();
  };
}

export function redirect(location: string, status = 302): Route {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}
