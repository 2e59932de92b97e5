import { lookup as systemLookup } from 'node:dns/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { QuotaExceededError } from '../../src/errors.js';
import { createHostLookup } from '../../src/rehost/url-lookup.js';
import {
  linkAttachment as link,
  silentNameServer as startSilentNameServer,
} from '../helpers/dns.js';
import { eventually } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline | undefined;
const closers: (() => unknown)[] = [];
afterEach(async () => {
  await p?.close();
  p = undefined;
  for (const close of closers.splice(0)) await close();
});

async function silentNameServer() {
  const ns = await startSilentNameServer();
  closers.push(ns.close);
  return ns;
}

describe('a link whose name server never answers', () => {
  it('holds up no other lookup in the process, and is refused as a timeout that counts against its sender', async () => {
    const ns = await silentNameServer();
    const lookup = createHostLookup({ servers: [ns.address], timeoutMs: 3_000, tries: 1 });
    p = await startPipeline({
      env: { WORKER_CONCURRENCY: '6', USER_DAILY_REFUSAL_LIMIT: '6' },
      network: { lookup },
    });
    const hosts = [1, 2, 3, 4, 5, 6].map((i) => `img${i}.hangs.example`);
    const { requestId } = await p.enqueue({
      attachments: hosts.map((host) => link(`https://${host}/a.png`)),
    });
    // Every link's lookup waits on the silent server: more than libuv's 4 threads.
    await eventually(
      () => hosts.every((host) => ns.asked.includes(host)),
      10_000,
      'every link lookup to reach the name server',
    );
    expect(lookup.inFlight()).toBe(hosts.length);

    // The system resolver (getaddrinfo, on libuv's thread pool) still answers at once: it
    // answered while every link lookup was still unanswered.
    const local = await systemLookup('localhost');
    expect(local.address).toMatch(/^(127\.0\.0\.1|::1)$/);
    expect(p.events.filter((e) => e.type === 'file_failed')).toEqual([]);

    const result = await p.waitForResult(requestId);
    expect(result.files.map((f) => f.status)).toEqual(hosts.map(() => 'failed'));
    for (const file of result.files) {
      expect(file).toMatchObject({ code: 'dns_timeout' });
      expect((file as { reason: string }).reason).toMatch(/did not answer/);
    }
    expect(p.imgpile.requests).toHaveLength(0);
    // Six refusals: the sender's daily budget is spent.
    const next = p.discord.addAttachment({
      filename: 'ok.png',
      content: fileBytes(3000, MAGIC.png),
    });
    const err = await p.enqueue({ attachments: [next] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuotaExceededError);
    expect(err).toMatchObject({ scope: 'refusals' });
  });
});

describe('lookups in flight', () => {
  it('are capped: the next waits its turn until one ends, and a caller who stops waiting leaves the line', async () => {
    const ns = await silentNameServer();
    const lookup = createHostLookup({
      servers: [ns.address],
      timeoutMs: 300,
      tries: 1,
      maxInFlight: 2,
    });
    const names = ['a.hangs.example', 'b.hangs.example', 'c.hangs.example'];
    const given = names.map((name) => lookup(name).catch((err: NodeJS.ErrnoException) => err));
    const gaveUp = new AbortController();
    const leaving = lookup('d.hangs.example', gaveUp.signal).catch((err: Error) => err);
    await eventually(() => ns.asked.includes('b.hangs.example'), 5_000, 'the first two lookups');
    expect(lookup.inFlight()).toBe(2);
    expect(ns.asked).not.toContain('c.hangs.example');
    gaveUp.abort(new Error('gave up'));
    expect(((await leaving) as Error).message).toBe('gave up');

    const failures = await Promise.all(given);
    expect(failures.map((err) => (err as NodeJS.ErrnoException).code)).toEqual(
      names.map(() => 'ETIMEOUT'),
    );
    expect(ns.asked).toContain('c.hangs.example');
    expect(ns.asked).not.toContain('d.hangs.example');
    expect(lookup.inFlight()).toBe(0);
  });
});
