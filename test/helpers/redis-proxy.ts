import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

type Stall = {
  /** Whether this chunk a client sent is the command to stall after (RESP, as sent). */
  match: (sent: string) => boolean;
  ms: number;
  fired: () => void;
};

/**
 * A TCP proxy in front of a Redis, on loopback, that can make Redis look stalled to one
 * connection: after that connection sends a matching command, everything Redis answers it is
 * held back for a while, then delivered in order. Redis itself has run the command meanwhile,
 * as a server stall seen from one client looks (the client's command times out; the server did
 * the work).
 */
export async function startRedisProxy(redisUrl: string) {
  const target = new URL(redisUrl);
  const stalls: Stall[] = [];
  const sockets = new Set<Socket>();
  let down = false;

  const server: Server = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let holding = false;
    const held: Buffer[] = [];
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      const stall = stalls.find((s) => s.match(text));
      if (stall) {
        stalls.splice(stalls.indexOf(stall), 1);
        holding = true;
        setTimeout(() => {
          holding = false;
          for (const c of held.splice(0)) client.write(c);
        }, stall.ms);
        stall.fired();
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => (holding ? held.push(chunk) : client.write(chunk)));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  return {
    url: url.toString(),
    /**
     * Holds Redis's answers to the next connection that sends a chunk `match` accepts, for `ms`
     * from then. Resolves when it happens.
     */
    stallAfter(match: (sent: string) => boolean, ms: number): Promise<void> {
      return new Promise((fired) => stalls.push({ match, ms, fired }));
    },
    /**
     * Redis goes away for every client while `during` runs: each connection is closed and new
     * ones are closed at once; afterwards clients may connect again.
     */
    async cut(during: () => Promise<void>): Promise<void> {
      down = true;
      for (const s of sockets) s.destroy();
      try {
        await during();
      } finally {
        down = false;
      }
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
