import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Attachment } from '../../src/request.js';

/** The name asked in a DNS query (RFC 1035 4.1.2: labels after the 12-byte header). */
function questionName(query: Buffer): string {
  const labels: string[] = [];
  for (let at = 12; at < query.length && query[at]! > 0; at += query[at]! + 1)
    labels.push(query.subarray(at + 1, at + 1 + query[at]!).toString('latin1'));
  return labels.join('.');
}

/**
 * A DNS server on loopback that reads every query and never answers one: the name server of a
 * domain that hangs. `asked`: the names queried, in order (a name tried again is there again).
 */
export async function silentNameServer() {
  const socket = createSocket('udp4');
  const asked: string[] = [];
  socket.on('message', (query) => asked.push(questionName(query)));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    asked,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** A link as the bot queues it (`/imgpile upload url:` and links in messages). */
export function linkAttachment(url: string): Attachment {
  const id = `u${createHash('sha256').update(url).digest('hex').slice(0, 24)}`;
  return { id, url, filename: 'a.png', size: 0, source: 'url' };
}
