/**
 * Pipeline benches: real worker processes (src/main.ts worker) against the local Discord CDN
 * and the local imgpile, which run in this process; work is enqueued through the real producer.
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Job, Queue } from 'bullmq';
import { createServices, startProducer, type Services } from '../src/app.js';
import { parseConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { QUEUE_REQUESTS, requestJobId, type RehostResult } from '../src/queue/jobs.js';
import { deleteKeys } from '../src/redis.js';
import { startFakeDiscord, type FakeDiscord } from '../test/fakes/discord.js';
import { startFakeImgpile, type FakeImgpileOptions } from '../test/fakes/imgpile.js';
import { startRole, type RoleProcess } from '../test/helpers/processes.js';
import { MAGIC } from '../test/helpers/media-bytes.js';
import { MB, fmtMB, spawnCurlUpload, verdict, vmStatus } from './lib.js';

const TOKEN = 'bench-imgpile-token';
const GUILD_A = '1000000000000000001';
const GUILD_B = '1000000000000000002';
const CHANNEL = '1100000000000000001';
const USER = '1200000000000000001';

async function setup(
  redisUrl: string,
  env: Record<string, string>,
  imgpileOptions: FakeImgpileOptions = {},
) {
  const imgpile = await startFakeImgpile({
    users: { [TOKEN]: 'bench' },
    requestsPerMinute: 1_000_000,
    dailyFileLimit: 100_000,
    ...imgpileOptions,
  });
  const discord = await startFakeDiscord();
  const prefix = `bench${randomBytes(4).toString('hex')}`;
  const fullEnv: Record<string, string> = {
    DISCORD_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    IMGPILE_TOKEN: TOKEN,
    IMGPILE_API_URL: imgpile.apiUrl,
    IMGPILE_UPLOAD_URL: imgpile.uploadUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: prefix,
    ATTACHMENT_HOSTS: discord.cdnHost,
    IMGPILE_DAILY_FILE_LIMIT: '100000',
    GUILD_DAILY_FILE_LIMIT: '100000',
    USER_DAILY_FILE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
    ...env,
  };
  const config = parseConfig(fullEnv);
  const services = createServices(config, createLogger({ level: 'warn' }));
  const producer = startProducer(services);
  const requests = new Queue(QUEUE_REQUESTS, {
    connection: services.redis,
    prefix: services.bullPrefix,
  });
  const workers: RoleProcess[] = [];
  return {
    imgpile,
    discord,
    services,
    producer,
    workers,
    env: fullEnv,
    async addWorkers(n: number) {
      for (let i = 0; i < n; i++)
        workers.push(await startRole('worker', fullEnv, 'worker role started'));
    },
    async waitFor(requestId: string, timeoutMs = 600_000): Promise<RehostResult> {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const job = await Job.fromId(requests, requestJobId(requestId));
        // Read it again once completed: the first read may predate the result.
        if (job && (await job.getState()) === 'completed')
          return (await Job.fromId(requests, job.id!))!.returnvalue as RehostResult;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`request ${requestId} did not finish`);
    },
    async close() {
      await Promise.all(workers.map((w) => w.stop('SIGTERM')));
      await producer.close();
      await requests.close();
      await deleteKeys(services.redis, prefix);
      await services.close();
      await imgpile.close();
      await discord.close();
    },
  };
}

function enqueue(
  services: Services,
  producer: ReturnType<typeof startProducer>,
  discord: FakeDiscord,
  files: { size: number; seed: number }[],
  guildId = GUILD_A,
) {
  const attachments = files.map((f) =>
    discord.addAttachment({
      filename: `f${f.seed}.jpg`,
      content: { size: f.size, head: MAGIC.jpeg, seed: f.seed },
      contentType: 'image/jpeg',
    }),
  );
  return producer.enqueueRehost({
    requestId: `bench-${randomBytes(6).toString('hex')}`,
    attachments,
    requester: { guildId, channelId: CHANNEL, userId: USER },
    replyTarget: { type: 'none' },
  });
}

export async function benchRehost(redisUrl: string, size = 100 * MB): Promise<void> {
  const s = await setup(redisUrl, { WORKER_CONCURRENCY: '1' });
  try {
    await s.addWorkers(1);
    const pid = s.workers[0]!.child.pid!;
    // Warm up every code path, then take the idle figure.
    await s.waitFor(
      (await enqueue(s.services, s.producer, s.discord, [{ size: 256 * 1024, seed: 1 }])).requestId,
    );
    await new Promise((r) => setTimeout(r, 300));
    const idle = (await vmStatus(pid))!.rss;
    let peak = idle;
    const poll = setInterval(() => {
      void vmStatus(pid).then((v) => {
        if (v) peak = Math.max(peak, v.rss);
      });
    }, 5);
    const started = performance.now();
    const queued = await enqueue(s.services, s.producer, s.discord, [{ size, seed: 2 }]);
    const result = await s.waitFor(queued.requestId);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(poll);
    if (result.files[0]?.status !== 'uploaded')
      throw new Error(`bench rehost failed: ${JSON.stringify(result.files[0])}`);

    const att = s.discord.addAttachment({
      filename: 'baseline.jpg',
      content: { size, head: MAGIC.jpeg, seed: 2 },
      contentType: 'image/jpeg',
    });
    const baseline = await curlPipe(att.url, s.imgpile.uploadUrl);
    const growth = peak - idle;
    const rate = size / MB / seconds;
    console.log(`\n## Rehost: one ${fmtMB(size)} file, Discord CDN -> worker process -> imgpile`);
    console.log(`worker idle RSS          ${fmtMB(idle)}`);
    console.log(
      `worker peak RSS growth   ${fmtMB(growth)}   (target < 32 MB: ${verdict(growth < 32 * MB)})`,
    );
    console.log(
      `rehost throughput        ${rate.toFixed(1)} MB/s in ${seconds.toFixed(2)} s (enqueue to result)`,
    );
    if (baseline) {
      const baseRate = size / MB / baseline;
      console.log(
        `curl | curl -F file=@-   ${baseRate.toFixed(1)} MB/s in ${baseline.toFixed(2)} s (download-then-upload pipe)`,
      );
      console.log(
        `rehost / baseline        ${(rate / baseRate).toFixed(2)}x   (target >= 0.8x: ${verdict(rate / baseRate >= 0.8)})`,
      );
    }
  } finally {
    await s.close();
  }
}

/** `curl URL | curl -F file=@- UPLOAD`: the plain pipe the pipeline is compared with. */
async function curlPipe(url: string, uploadUrl: string): Promise<number | null> {
  const started = performance.now();
  const down = spawn('curl', ['-sS', '--fail', url], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Listen before awaiting anything else: 'spawn' fires once, and soon.
  const downSpawned = Promise.race([
    once(down, 'spawn').then(() => true),
    once(down, 'error').then(() => false),
  ]);
  const upload = await spawnCurlUpload(uploadUrl, TOKEN, 'baseline.jpg');
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
    await s.addWorkers(2);
    const ids = [];
    for (let i = 0; i < opts.files; i += 10) {
      const batch = Array.from({ length: Math.min(10, opts.files - i) }, (_, k) => ({
        size: 4096,
        seed: 100 + i + k,
      }));
      ids.push((await enqueue(s.services, s.producer, s.discord, batch)).requestId);
    }
    for (const id of ids) await s.waitFor(id);
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
    await s.addWorkers(2);
    const slots = 2 * 4;
    const ids = [];
    for (let i = 0; i < backlog; i += 10) {
      const batch = Array.from({ length: 10 }, (_, k) => ({ size: 64 * 1024, seed: 1000 + i + k }));
      ids.push((await enqueue(s.services, s.producer, s.discord, batch, GUILD_A)).requestId);
    }
    const enqueuedAt = Date.now();
    const lone = await enqueue(
      s.services,
      s.producer,
      s.discord,
      [{ size: 64 * 1024, seed: 99_999 }],
      GUILD_B,
    );
    await s.waitFor(lone.requestId);
    const uploads = s.imgpile.requests.filter((r) => r.host === 'upload');
    const loneAt = s.imgpile.uploads.findIndex((u) => u.filename === 'f99999.jpg');
    // The lone file's upload request, and the other uploads that started after it was queued.
    const loneRequest = uploads.filter((r) => r.status === 201)[loneAt]!;
    const overtaken = uploads.filter((r) => r.at >= enqueuedAt && r.at < loneRequest.at).length;
    const aheadAtEnqueue = uploads.filter((r) => r.at < enqueuedAt).length;
    for (const id of ids) await s.waitFor(id);
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
