/**
 * Pipeline benches: real worker processes (src/main.ts worker) against the local Discord CDN
 * and the local imgpile, which run in this process; work is enqueued through the real producer.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  CHANNEL,
  GUILD as GUILD_A,
  IMGPILE_TOKEN,
  OTHER_GUILD as GUILD_B,
  USER,
} from '../test/helpers/cast.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { MAGIC } from '../test/helpers/media-bytes.js';
import { spawnCurlUpload, verdict } from './lib.js';

/** The test harness with production timings, quotas out of the way, and no in-process worker. */
export function setup(redisUrl: string, env: Record<string, string>) {
  return startHarness({
    redisUrl,
    workers: false,
    logLevel: 'warn',
    imgpile: { requestsPerMinute: 1_000_000, dailyFileLimit: 100_000 },
    env: {
      IMGPILE_DAILY_FILE_LIMIT: '100000',
      GUILD_DAILY_FILE_LIMIT: '100000',
      USER_DAILY_FILE_LIMIT: '100000',
      WORKER_LOCK_MS: '30000',
      WORKER_RETRY_DELAY_MS: '2000',
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
}

export function enqueue(s: Harness, files: { size: number; seed: number }[], guildId = GUILD_A) {
  const attachments = files.map((f) =>
    s.discord.addAttachment({
      filename: `f${f.seed}.jpg`,
      content: { size: f.size, head: MAGIC.jpeg, seed: f.seed },
      contentType: 'image/jpeg',
    }),
  );
  return s.enqueue({
    requestId: `bench-${randomBytes(6).toString('hex')}`,
    attachments,
    requester: { guildId, channelId: CHANNEL, userId: USER },
  });
}

export const waitFor = (s: Harness, requestId: string) => s.waitForResult(requestId, 600_000);

/** `curl URL | curl -F file=@- UPLOAD`: the plain pipe the pipeline is compared with. */
export async function curlPipe(url: string, uploadUrl: string): Promise<number | null> {
  const started = performance.now();
  const down = spawn('curl', ['-sS', '--fail', url], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Listen before awaiting anything else: 'spawn' fires once, and soon.
  const downSpawned = Promise.race([
    once(down, 'spawn').then(() => true),
    once(down, 'error').then(() => false),
  ]);
  const upload = await spawnCurlUpload(uploadUrl, IMGPILE_TOKEN, 'baseline.jpg');
  if (!(await downSpawned) || !upload) return null;
  down.stdout.pipe(upload.child.stdin);
  await upload.done();
  return (performance.now() - started) / 1000;
}

export async function benchRateLimit(
  redisUrl: string,
  opts: { files: number; limit: number; windowMs: number },
): Promise<void> {
  const s = await setup(redisUrl, {
    IMGPILE_REQUESTS_PER_MINUTE: String(opts.limit),
    IMGPILE_RATE_WINDOW_MS: String(opts.windowMs),
    WORKER_CONCURRENCY: '4',
  });
  try {
    await s.startWorkerProcesses(2);
    const ids = [];
    for (let i = 0; i < opts.files; i += 10) {
      const batch = Array.from({ length: Math.min(10, opts.files - i) }, (_, k) => ({
        size: 4096,
        seed: 100 + i + k,
      }));
      ids.push((await enqueue(s, batch)).requestId);
    }
    for (const id of ids) await waitFor(s, id);
    const authed = s.imgpile.requests.filter((r) => r.user !== null);
    const times = authed.map((r) => r.at).sort((a, b) => a - b);
    const status429 = authed.filter((r) => r.status === 429).length;
    let busiest = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[j]! <= times[i]! - opts.windowMs) j++;
      busiest = Math.max(busiest, i - j + 1);
    }
    // Full windows from the first request, while the backlog lasted.
    const t0 = times[0]!;
    const last = times[times.length - 1]!;
    const full = Math.floor((last - t0) / opts.windowMs);
    const inFull = times.filter((t) => t < t0 + full * opts.windowMs).length;
    const share = full > 0 ? inFull / (opts.limit * full) : 1;
    const w = `${opts.windowMs / 1000} s`;
    console.log(
      `\n## Rate limit: ${opts.files} files through 2 worker processes, limit ${opts.limit} per ${w}, imgpile's own limit set high`,
    );
    console.log(
      `requests sent            ${authed.length} in ${((last - t0) / 1000).toFixed(1)} s`,
    );
    console.log(
      `allowance used           ${(share * 100).toFixed(1)}% over ${full} full window(s) with a backlog   (target >= 95%: ${verdict(share >= 0.95)})`,
    );
    console.log(`429s received            ${status429}   (target 0: ${verdict(status429 === 0)})`);
    console.log(
      `most in any trailing ${w} ${busiest}   (target <= ${opts.limit}: ${verdict(busiest <= opts.limit)})`,
    );
  } finally {
    await s.close();
  }
}

export async function benchFairness(redisUrl: string, backlog = 300): Promise<void> {
  const s = await setup(redisUrl, { WORKER_CONCURRENCY: '4' });
  try {
    await s.startWorkerProcesses(2);
    const slots = 2 * 4;
    const ids = [];
    for (let i = 0; i < backlog; i += 10) {
      const batch = Array.from({ length: 10 }, (_, k) => ({ size: 64 * 1024, seed: 1000 + i + k }));
      ids.push((await enqueue(s, batch, GUILD_A)).requestId);
    }
    const enqueuedAt = Date.now();
    const lone = await enqueue(s, [{ size: 64 * 1024, seed: 99_999 }], GUILD_B);
    await waitFor(s, lone.requestId);
    const uploads = s.imgpile.requests.filter((r) => r.host === 'upload');
    const loneAt = s.imgpile.uploads.findIndex((u) => u.filename === 'f99999.jpg');
    // The lone file's upload request, and the other uploads that started after it was queued.
    const loneRequest = uploads.filter((r) => r.status === 201)[loneAt]!;
    const overtaken = uploads.filter((r) => r.at >= enqueuedAt && r.at < loneRequest.at).length;
    const aheadAtEnqueue = uploads.filter((r) => r.at < enqueuedAt).length;
    for (const id of ids) await waitFor(s, id);
    console.log(
      `\n## Fairness: guild B's 1 file enqueued behind guild A's ${backlog}, 2 workers x 4 slots`,
    );
    console.log(
      `A's uploads already started when B's file was queued: ${aheadAtEnqueue} of ${backlog}`,
    );
    console.log(
      `uploads started after B's file was queued, before it: ${overtaken}   (${(overtaken / slots).toFixed(2)} per slot; target <= 3 per slot: ${verdict(overtaken <= 3 * slots)})`,
    );
  } finally {
    await s.close();
  }
}
