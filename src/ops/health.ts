import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { Metrics } from './metrics.js';

export type HealthCheck = () => Promise<boolean> | boolean;

/**
 * `GET /healthz`: 200 when every check passes, else 503, with each check's result as JSON.
 * `GET /metrics`: Prometheus text format.
 */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  checks: Record<string, HealthCheck>;
  metrics: Metrics;
  log: Logger;
}): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://health').pathname;
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (path === '/healthz') {
      void Promise.all(
        Object.entries(options.checks).map(async ([name, check]) => {
          try {
            return [name, (await check()) ? 'ok' : 'failing'] as const;
          } catch {
            return [name, 'failing'] as const;
          }
        }),
      ).then((results) => {
        const healthy = results.every(([, r]) => r === 'ok');
        const body = JSON.stringify({
          status: healthy ? 'ok' : 'failing',
          checks: Object.fromEntries(results),
        });
        res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' }).end(body);
      });
      return;
    }
    if (path === '/metrics') {
      options.metrics.render().then(
        (text) =>
          res
            .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
            .end(text),
        (err: unknown) => {
          options.log.error({ err }, 'metrics rendering failed');
          res.writeHead(500).end();
        },
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  options.log.info({ port, host: options.host ?? '127.0.0.1' }, 'health and metrics listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
