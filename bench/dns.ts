/**
 * DNS bench: links to hosts whose name server never answers, through in-process workers with
 * the production lookup (c-ares, its timeout and its cap), while the same process looks up an
 * unrelated name with the system resolver (getaddrinfo, libuv's thread pool), as imgpile's and
 * Discord's clients do.
 */
import { lookup as systemLookup } from 'node:dns/promises';
import { createHostLookup } from '../src/rehost/url-lookup.js';
import { linkAttachment, silentNameServer } from '../test/helpers/dns.js';
import { startHarness } from '../test/helpers/harness.js';
import { verdict } from './lib.js';

const CONCURRENCY = 4;
const LINKS = 24;
const TARGET_MS = 100;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function benchDns(redisUrl: string): Promise<void> {
  const ns = await silentNameServer();
  // As startWorkers builds it, pointed at the silent server.
  const lookup = createHostLookup({ servers: [ns.address], maxInFlight: 2 * CONCURRENCY });
  const s = await startHarness({
    redisUrl,
    env: { WORKER_CONCURRENCY: String(CONCURRENCY), USER_DAILY_REFUSAL_LIMIT: '100000' },
    network: { lookup },
  });
  try {
    const ids: string[] = [];
    for (let i = 0; i < LINKS; i += 10) {
      const links = Array.from({ length: Math.min(10, LINKS - i) }, (_, k) =>
        linkAttachment(`https://img${i + k}.hangs.example/a.png`),
      );
      ids.push((await s.enqueue({ attachments: links })).requestId);
    }
    const timings: number[] = [];
    let peak = 0;
    let done = false;
    const finished = Promise.all(ids.map((id) => s.waitForResult(id, 600_000))).then(() => {
      done = true;
    });
    while (!done) {
      peak = Math.max(peak, lookup.inFlight());
      const started = performance.now();
      await systemLookup('localhost');
      timings.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 50));
    }
    await finished;
    const failed = s.events.filter((e) => e.type === 'file_failed' && e.code === 'dns_timeout');
    timings.sort((a, b) => a - b);
    const max = timings.at(-1) ?? 0;
    console.log(
      `\n## DNS: ${LINKS} links whose name server never answers, ${CONCURRENCY} worker slots`,
    );
    console.log(
      `lookups in flight         peak ${peak} (cap ${2 * CONCURRENCY}); ${failed.length} of ${LINKS} links refused as dns_timeout`,
    );
    console.log(
      `unrelated lookup          localhost by dns.lookup, ${timings.length} samples while link hosts hung: median ${percentile(timings, 50).toFixed(1)} ms, p99 ${percentile(timings, 99).toFixed(1)} ms, max ${max.toFixed(1)} ms   (target < ${TARGET_MS} ms: ${verdict(max < TARGET_MS)})`,
    );
  } finally {
    await s.close();
    await ns.close();
  }
}
