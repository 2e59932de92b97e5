import { createHash } from 'node:crypto';
import { connect } from 'node:net';

export type PingResult =
  | { kind: 'pong' }
  /** A Redis answered with an error (NOAUTH, WRONGPASS, …): it is there, but not usable as is. */
  | { kind: 'refused'; reply: string }
  /** Nothing listens, nothing answered in time, or what answered does not speak Redis. */
  | { kind: 'silent' };

/** A user and password to AUTH with before the PING. */
export type RedisAuth = { username: string; password: string };

const command = (...args: string[]) =>
  `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

/** The first reply line of a PING (after an AUTH's, when there is one). */
function judge(lines: string[], auth: boolean): PingResult | null {
  const needed = auth ? 2 : 1;
  const first = lines[0];
  if (first === undefined) return null;
  if (auth && first.startsWith('-')) return { kind: 'refused', reply: first.slice(1) };
  if (auth && first !== '+OK') return { kind: 'silent' };
  const line = lines[needed - 1];
  if (line === undefined) return null;
  // A Redis still loading its data answers -LOADING: it is there and will be ready soon.
  if (line === '+PONG' || line.startsWith('-LOADING')) return { kind: 'pong' };
  if (line.startsWith('-')) return { kind: 'refused', reply: line.slice(1) };
  return { kind: 'silent' };
}

/** One PING (after AUTH, given `auth`) on a fresh socket: no retries, nothing left open. */
export function pingRedis(
  port: number,
  timeoutMs: number,
  auth?: RedisAuth,
  host = '127.0.0.1',
): Promise<PingResult> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    let reply = '';
    const finish = (result: PingResult) => {
      clearTimeout(timer);
      socket.destroy();
      done(result);
    };
    const timer = setTimeout(() => finish({ kind: 'silent' }), timeoutMs);
    socket.on('error', () => finish({ kind: 'silent' }));
    socket.on('close', () => finish({ kind: 'silent' }));
    socket.on('connect', () =>
      socket.write((auth ? command('AUTH', auth.username, auth.password) : '') + command('PING')),
    );
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (reply.length > 1024) return finish({ kind: 'silent' });
      const result = judge(reply.split('\r\n').slice(0, -1), auth !== undefined);
      if (result) finish(result);
    });
  });
}

/**
 * Whether the Redis on `port` is the bot's private one: it lets `auth` in and holds the
 * password's hash for that user (`ACL GETUSER`), which only a server given the password has. A
 * server whose user takes any password (`nopass`), or something that merely answers +OK, cannot
 * show it.
 */
export function holdsPassword(
  port: number,
  timeoutMs: number,
  auth: RedisAuth,
  host = '127.0.0.1',
): Promise<boolean> {
  const hash = createHash('sha256').update(auth.password).digest('hex');
  return new Promise((done) => {
    const socket = connect({ host, port });
    let reply = '';
    const finish = (result: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      done(result);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('connect', () =>
      socket.write(
        command('AUTH', auth.username, auth.password) + command('ACL', 'GETUSER', auth.username),
      ),
    );
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (!reply.startsWith('+OK\r\n') && reply.length >= 5) return finish(false);
      if (reply.includes(hash)) return finish(true);
      if (reply.length > 16_384) finish(false);
    });
  });
}
