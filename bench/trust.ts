/**
 * Trust benches: what an abusive user costs everyone else, and what each rehosted file leaves
 * in Redis. Real worker processes (src/main.ts worker) against the local Discord CDN and the
 * local imgpile, which run in this process; work is enqueued through the real producer.
 */
import { randomBytes } from 'node:crypto';
import { Job } from 'bullmq';
import { linkAttachments } from '../src/discord/intake/links.js';
import { QuotaExceededError } from '../src/errors.js';
import { QUEUE_REQUESTS, QUEUE_UPLOADS, requestJobId } from '../src/queue/jobs.js';
import type { Redis } from '../src/redis.js';
import type { Attachment } from '../src/request.js';
import { bullPrefix } from '../src/store/index.js';
import {
  CHANNEL,
  GUILD as GUILD_A,
  OTHER_GUILD as GUILD_B,
  OTHER_USER as OTHER,
  USER as ABUSER,
} from '../test/helpers/cast.js';
import { eventually } from '../test/helpers/interactions.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { MAGIC, fileBytes } from '../test/helpers/media-bytes.js';
import { startRedisServer } from '../test/helpers/redis-server.js';
import { fakeDns } from '../test/rehost/url-fixtures.js';
import { fmtMB, verdict } from './lib.js';

const KB = 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waitFor = (s: Harness, requestId: string) => s.waitForResult(requestId, 600_000);

/** Quotas out of the way: every disguised message is queued. */
const HIGH_QUOTAS = {
  IMGPILE_DAILY_FILE_LIMIT: '100000',
  GUILD_DAILY_FILE_LIMIT: '100000',
  USER_DAILY_FILE_LIMIT: '100000',
  USER_DAILY_REFUSAL_LIMIT: '100000',
};

// ---------------------------------------------------------------------------------------------
// Abuse

type AbuseVariant = {
  label: string;
  /** Extra environment (quotas); production defaults otherwise. */
  env: Record<string, string>;
  /** Pause between the abuser's messages (0: all at once). */
  paceMs: number;
};

type AbuseFigures = {
  queued: number;
  refusedUpFront: number;
  disguisedRequests: number;
  disguisedSlots: number;
  toUploadMs: number;
  toResultMs: number;
  status429: number;
};

/**
 * Every slot the limiter grants, read from its sorted-set log every 100 ms: an entry lives a
 * whole window (6 s or more), so none is missed. imgpile's own feedback ("seen" placeholders)
 * is not a slot anyone took, and is left out.
 */
async function watchSlots(redis: Redis, prefix: string) {
  const read = async () => {
    const found: string[] = [];
    for (const key of await redis.keys(`${prefix}:ratelimit:*:log`))
      for (const m of await redis.zrange(key, 0, -1)) if (!m.includes('-seen-')) found.push(m);
    return found;
  };
  // Slots taken before the watch began (the workers' token checks at start) are not counted.
  const before = new Set(await read());
  const members = new Set<string>();
  let stopped = false;
  const poll = (async () => {
    while (!stopped) {
      for (const m of await read()) if (!before.has(m)) members.add(m);
      await sleep(100);
    }
  })();
  return {
    async stop(): Promise<number> {
      stopped = true;
      await poll;
      return members.size;
    },
  };
}

function disguisedMessage(s: Harness, message: number) {
  const attachments = Array.from({ length: 10 }, (_, i) =>
    s.discord.addAttachment({
      filename: `cat-${message}-${i}.png`,
      content: fileBytes(3 * KB, MAGIC.html, message * 10 + i),
      contentType: 'image/png',
    }),
  );
  return s.enqueue({
    requestId: `abuse-${randomBytes(6).toString('hex')}`,
    attachments,
    requester: { guildId: GUILD_A, channelId: CHANNEL, userId: ABUSER },
  });
}

async function abuseRun(redisUrl: string, windowMs: number, v: AbuseVariant) {
  const s = await startHarness({
    redisUrl,
    workers: false,
    logLevel: 'warn',
    // imgpile's own limit is the production one too: a slot wasted is a request imgpile counts.
    imgpile: { requestsPerMinute: 120, windowMs, dailyFileLimit: 100_000 },
    env: {
      IMGPILE_REQUESTS_PER_MINUTE: '120',
      IMGPILE_RATE_WINDOW_MS: String(windowMs),
      WORKER_CONCURRENCY: '4',
      WORKER_LOCK_MS: '30000',
      WORKER_RETRY_DELAY_MS: '2000',
      LOG_LEVEL: 'warn',
      ...v.env,
    },
  });
  try {
    await s.startWorkerProcesses(2);
    // Each worker process reads once at start to check IMGPILE_TOKEN (a GET, a limiter slot):
    // counted from after those, everything but B's one upload would be the abuser's.
    await eventually(() => s.imgpile.requests.length >= 2, 10_000, 'the token checks at start');
    const before = s.imgpile.requests.length;
    const slots = await watchSlots(s.services.redis, s.config.redisPrefix);
    const queued: string[] = [];
    let refusedUpFront = 0;
    for (let m = 0; m < 6; m++) {
      if (m > 0 && v.paceMs > 0) await sleep(v.paceMs);
      try {
        queued.push((await disguisedMessage(s, m)).requestId);
      } catch (err) {
        if (!(err instanceof QuotaExceededError)) throw err;
        refusedUpFront += 1;
      }
    }
    const real = s.discord.addAttachment({
      filename: 'real.jpg',
      content: { size: 64 * KB, head: MAGIC.jpeg, seed: 7 },
      contentType: 'image/jpeg',
    });
    const enqueuedAt = Date.now();
    const lone = await s.enqueue({
      requestId: `real-${randomBytes(6).toString('hex')}`,
      attachments: [real],
      requester: { guildId: GUILD_B, channelId: CHANNEL, userId: OTHER },
    });
    const result = await waitFor(s, lone.requestId);
    if (result.files[0]?.status !== 'uploaded')
      throw new Error(`the real file was not rehosted: ${JSON.stringify(result.files[0])}`);
    const job = await Job.fromId(s.requestsQueue, requestJobId(lone.requestId));
    for (const id of queued) await waitFor(s, id);
    const used = await slots.stop();

    // The real file is the only one that should reach imgpile: one upload, one slot.
    const upload = s.imgpile.requests.find((r) => r.host === 'upload' && r.at >= enqueuedAt);
    return {
      queued: queued.length,
      refusedUpFront,
      disguisedRequests: s.imgpile.requests.length - before - 1,
      disguisedSlots: used - 1,
      toUploadMs: upload ? upload.at - enqueuedAt : NaN,
      toResultMs: (job?.finishedOn ?? NaN) - enqueuedAt,
      status429: s.imgpile.requests.filter((r) => r.status === 429).length,
    } satisfies AbuseFigures;
  } finally {
    await s.close();
  }
}

function printAbuse(v: AbuseVariant, f: AbuseFigures, windowMs: number) {
  const w = windowMs / 1000;
  console.log(`\n${v.label}`);
  console.log(
    `disguised messages queued        ${f.queued} of 6 (refused up front: ${f.refusedUpFront})`,
  );
  console.log(
    `their requests to imgpile        ${f.disguisedRequests}   (target 0: ${verdict(f.disguisedRequests === 0)})`,
  );
  console.log(
    `their limiter slots              ${f.disguisedSlots}   (target 0: ${verdict(f.disguisedSlots === 0)})`,
  );
  console.log(
    `B's file: queued -> at imgpile   ${f.toUploadMs} ms   (target < ${w} s: ${verdict(f.toUploadMs < windowMs)})`,
  );
  console.log(
    `B's file: queued -> its result   ${f.toResultMs} ms   (target < ${w} s: ${verdict(f.toResultMs < windowMs)})`,
  );
  console.log(`429s received                    ${f.status429}`);
}

export async function benchAbuse(redisUrl: string, opts: { windowMs?: number } = {}) {
  const windowMs = opts.windowMs ?? 60_000;
  const variants: AbuseVariant[] = [
    { label: 'all 60 queued at once (quotas high):', env: HIGH_QUOTAS, paceMs: 0 },
    {
      label: 'production quotas (50 files, 20 refusals a day), one message a second:',
      env: {},
      paceMs: 1_000,
    },
  ];
  console.log(
    `\n## Abuse: one user's 60 disguised files (HTML named .png, 6 messages of 10) queued before another server's 1 real file; 2 workers x 4 slots, limit 120 per ${windowMs / 1000} s`,
  );
  for (const v of variants) printAbuse(v, await abuseRun(redisUrl, windowMs, v), windowMs);
}

// ---------------------------------------------------------------------------------------------
// Redis bytes per rehosted file

const FAMILIES = [
  'uploads',
  'owners:media',
  'owners:post',
  'request',
  'post-of',
  'quota',
  'ratelimit',
  'pending',
  'lock',
  'mine',
  'att-copy',
] as const;

/** The family of a key under `prefix`: the record families of src/store and src/limits, and bull. */
function familyOf(key: string, prefix: string): string {
  const rest = key.slice(prefix.length + 1);
  if (rest.startsWith('bull:')) return rest.endsWith(':events') ? 'bull (events)' : 'bull (other)';
  return FAMILIES.find((f) => rest.startsWith(`${f}:`)) ?? 'other';
}

/** MEMORY USAGE of every key under `prefix`, summed per family. */
async function bytesByFamily(redis: Redis, prefix: string) {
  const sums = new Map<string, { keys: number; bytes: number }>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const bytes = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
      const family = familyOf(key, prefix);
      const sum = sums.get(family) ?? { keys: 0, bytes: 0 };
      sums.set(family, { keys: sum.keys + 1, bytes: sum.bytes + bytes });
    }
  } while (cursor !== '0');
  return sums;
}

/** Events and bytes in both queues' BullMQ event streams. */
async function eventStreams(redis: Redis, prefix: string) {
  let entries = 0;
  let bytes = 0;
  for (const queue of [QUEUE_UPLOADS, QUEUE_REQUESTS]) {
    const key = `${bullPrefix(prefix)}:${queue}:events`;
    entries += await redis.xlen(key);
    bytes += Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
  }
  return { entries, bytes };
}

/** INFO memory's figures this bench reads, and MEMORY USAGE per family under `prefix`. */
async function snapshot(redis: Redis, prefix: string) {
  const info = await redis.info('memory');
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
  return {
    used: field('used_memory'),
    dataset: field('used_memory_dataset'),
    scripts: field('used_memory_scripts'),
    clients: field('mem_clients_normal'),
    families: await bytesByFamily(redis, prefix),
  };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Ten senders: each one's `/imgpile mine` index holds all of their files (under its cap). */
const SENDERS = Array.from(
  { length: 10 },
  (_, i) => `12000000000000001${String(i).padStart(2, '0')}`,
);

/**
 * Rehosts `files` files in requests of 10 from ten senders in turn, one request in `postEvery`
 * making a post.
 */
async function rehostMany(s: Harness, files: number, postEvery: number, tag: string) {
  const ids: string[] = [];
  for (let i = 0, r = 0; i < files; i += 10, r++) {
    const attachments = Array.from({ length: Math.min(10, files - i) }, (_, k) =>
      s.discord.addAttachment({
        filename: `${tag}-${i + k}.jpg`,
        content: fileBytes(2 * KB, MAGIC.jpeg, tag.length * 100_000 + i + k),
        contentType: 'image/jpeg',
      }),
    );
    const queued = await s.enqueue({
      requestId: `${tag}-${randomBytes(6).toString('hex')}`,
      attachments,
      requester: { guildId: GUILD_A, channelId: CHANNEL, userId: SENDERS[r % SENDERS.length]! },
      ...(r % postEvery === 0 ? { post: { title: `post ${r}` } } : {}),
    });
    ids.push(queued.requestId);
  }
  for (const id of ids) await waitFor(s, id);
  return ids.length;
}

const familyBytes = (snap: Snapshot, family: string) => snap.families.get(family)?.bytes ?? 0;

/** Growth of each key family from `a` to `b`, per file. */
function printFamilies(a: Snapshot, b: Snapshot, files: number) {
  const order = [...FAMILIES, 'bull (other)', 'bull (events)', 'other'];
  for (const family of order) {
    const keys = (b.families.get(family)?.keys ?? 0) - (a.families.get(family)?.keys ?? 0);
    const bytes = familyBytes(b, family) - familyBytes(a, family);
    if (keys === 0 && bytes === 0) continue;
    console.log(
      `  ${family.padEnd(14)} ${String(keys).padStart(6)} keys ${String(bytes).padStart(9)} B ${(bytes / files).toFixed(0).padStart(6)} B/file`,
    );
  }
}

/**
 * Redis's growth per rehosted file once finished jobs are gone (as their retention removes
 * them), after a warm-up so that one-off costs (Lua scripts, queue metadata) are not counted.
 * BullMQ's event streams (capped at about 10,000 events per queue) and the limiter's log (at
 * most one window of requests) stop growing at steady state: shown, then left out.
 */
export async function benchRedisBytes(_redisUrl: string, files = 500): Promise<void> {
  // Its own Redis: used_memory counts every key in the server, not only this bench's.
  const redis = await startRedisServer();
  const s = await startHarness({
    redisUrl: redis.url,
    workers: false,
    logLevel: 'warn',
    imgpile: { requestsPerMinute: 1_000_000, dailyFileLimit: 100_000 },
    env: { ...HIGH_QUOTAS, WORKER_CONCURRENCY: '4', LOG_LEVEL: 'warn' },
  });
  const clean = async () => {
    await s.uploadsQueue.clean(0, 100_000, 'completed');
    await s.requestsQueue.clean(0, 100_000, 'completed');
    await sleep(500);
  };
  try {
    await s.startWorkerProcesses(2);
    const r = s.services.redis;
    const prefix = s.config.redisPrefix;
    await rehostMany(s, 50, 5, 'warm');
    await clean();
    const before = await snapshot(r, prefix);
    const requests = await rehostMany(s, files, 5, 'bytes');
    await sleep(500);
    const kept = await snapshot(r, prefix);
    await clean();
    const after = await snapshot(r, prefix);

    const per = (bytes: number) => `${(bytes / files).toFixed(0)} B/file`;
    const grew = (family: string) => familyBytes(after, family) - familyBytes(before, family);
    const bounded = grew('bull (events)') + grew('ratelimit');
    const steady = after.used - before.used - bounded;
    const records = [...FAMILIES.filter((f) => f !== 'ratelimit'), 'bull (other)', 'other'].reduce(
      (sum, f) => sum + grew(f),
      0,
    );
    const streams = await eventStreams(r, s.config.redisPrefix);
    console.log(
      `\n## Redis bytes per rehosted file: ${files} files in ${requests} requests of 10 from 10 senders (one in 5 makes a post), 2 worker processes, private Redis, after a 50-file warm-up`,
    );
    console.log(`used_memory growth, finished jobs kept          ${per(kept.used - before.used)}`);
    console.log(
      `used_memory growth, finished jobs cleaned       ${per(after.used - before.used)}   (${before.used} -> ${after.used} B)`,
    );
    console.log(
      `  of which BullMQ event streams + limiter log   ${per(bounded)}   (bounded: a fixed cost at steady state)`,
    );
    console.log(
      `  of which Lua scripts ${per(after.scripts - before.scripts)}, client buffers ${per(after.clients - before.clients)}`,
    );
    console.log(
      `steady state: used_memory growth without them   ${per(steady)}   (target < 400: ${verdict(steady / files < 400)})`,
    );
    console.log(
      `records kept for the retention (MEMORY USAGE)   ${per(records)}   (target < 400: ${verdict(records / files < 400)})`,
    );
    console.log(
      `BullMQ event streams now    ${streams.entries} events, ${streams.bytes} B: at their cap of about 10,000 events per queue, about ${fmtMB((streams.bytes / streams.entries) * 20_000)} in all`,
    );
    console.log('growth by key family (MEMORY USAGE), finished jobs cleaned:');
    printFamilies(before, after, files);
    console.log('growth by key family, finished jobs still kept:');
    printFamilies(before, kept, files);
  } finally {
    await s.close();
    await redis.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Redis bytes per member under refusal abuse

/** Members abusing at once; each in a server of their own, so only their own limits bind. */
const ABUSERS = Array.from({ length: 5 }, (_, i) => ({
  userId: `12000000000000002${String(i).padStart(2, '0')}`,
  guildId: `10000000000000002${String(i).padStart(2, '0')}`,
}));

type Abuser = (typeof ABUSERS)[number];

/** One request of one file for `who`; false when it was refused up front. */
async function abuseOnce(s: Harness, who: Abuser, attachment: Attachment): Promise<boolean> {
  try {
    const queued = await s.enqueue({
      requestId: `abuse-${randomBytes(6).toString('hex')}`,
      attachments: [attachment],
      requester: { guildId: who.guildId, channelId: CHANNEL, userId: who.userId },
    });
    await waitFor(s, queued.requestId);
    return true;
  } catch (err) {
    if (err instanceof QuotaExceededError) return false;
    throw err;
  }
}

/**
 * The most one member can have the bot keep in a day at the production limits, one file per
 * request (every request leaves its own keys): refused files (disguised, and links to no such
 * host) up to one short of the refusal budget, then files that cost nothing (the same rehosted
 * file again, an attachment Discord's CDN never serves) and, once those are no longer free,
 * the same until the daily file limit refuses. Returns the requests accepted.
 */
async function abuseMember(s: Harness, who: Abuser, n: number): Promise<number> {
  const { refusals } = s.config.quotas;
  const kinds: (() => Attachment)[] = [
    () => ({
      ...s.discord.addAttachment({
        filename: `cat-${n}.png`,
        content: fileBytes(2 * KB, MAGIC.html, n),
        contentType: 'image/png',
      }),
    }),
    () =>
      linkAttachments([`https://nowhere.example/${randomBytes(4).toString('hex')}.png`], [])[0]!,
  ];
  let accepted = 0;
  for (let i = 0; i < refusals - 1; i++) if (await abuseOnce(s, who, kinds[i % 2]!())) accepted++;
  const meme = s.discord.addAttachment({
    filename: 'meme.jpg',
    content: fileBytes(2 * KB, MAGIC.jpeg, 900 + n),
  });
  const broken = () =>
    s.discord.addAttachment({
      filename: 'broken.jpg',
      content: fileBytes(2 * KB, MAGIC.jpeg, 950 + n),
      failTimes: 1000,
      failStatus: 500,
    });
  for (let i = 0; i < 1000; i++) {
    if (!(await abuseOnce(s, who, i % 4 === 3 ? broken() : meme))) break;
    accepted++;
  }
  return accepted;
}

/** Record families: what the bot keeps of files on imgpile, for the retention. */
const RECORDS = /^(uploads|owners|mine|post-of)[:]/;

/** Keys grouped by family: ids, days and hashes in a key's name become `*`. */
function familiesOf(keys: { key: string; bytes: number; days: number }[], prefix: string) {
  const families = new Map<string, { keys: number; bytes: number; days: number }>();
  for (const k of keys) {
    const family = k.key
      .slice(prefix.length + 1)
      .replace(/\d{4}-\d{2}-\d{2}/g, '<day>')
      .replace(/[^:]*\d[^:]*/g, '*');
    const f = families.get(family) ?? { keys: 0, bytes: 0, days: 0 };
    f.keys += 1;
    f.bytes += k.bytes;
    f.days = Math.max(f.days, k.days);
    families.set(family, f);
  }
  return [...families].sort((a, b) => b[1].bytes - a[1].bytes);
}

/** Every key under `prefix` but BullMQ's, with its MEMORY USAGE and days left to live. */
async function recordKeys(redis: Redis, prefix: string) {
  const keys: { key: string; bytes: number; days: number }[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      if (key.startsWith(`${prefix}:bull:`)) continue;
      const bytes = Number(await redis.call('MEMORY', 'USAGE', key, 'SAMPLES', '0'));
      const ttl = await redis.ttl(key);
      keys.push({ key, bytes, days: ttl < 0 ? Infinity : Math.ceil(ttl / 86_400) });
    }
  } while (cursor !== '0');
  return keys;
}

/**
 * Redis kept per member under refusal abuse: five members each do the most one member can in
 * a day (see abuseMember) at the production limits, on a private Redis. Counted once finished
 * jobs are gone (BullMQ keeps at most 1,000 per queue, for everyone together): the keys left,
 * and the most they add up to if the abuse is repeated every day (each key counted once per
 * day it outlives).
 */
export async function benchRefusalBytes(): Promise<void> {
  const redis = await startRedisServer();
  const s = await startHarness({
    redisUrl: redis.url,
    // The abuse fails thousands of times by design: its log lines are not the figures.
    logLevel: 'silent',
    imgpile: { requestsPerMinute: 1_000_000, dailyFileLimit: 100_000 },
    env: { IMGPILE_DAILY_FILE_LIMIT: '100000', WORKER_CONCURRENCY: '4', LOG_LEVEL: 'silent' },
    network: { lookup: fakeDns({}).lookup },
  });
  try {
    const r = s.services.redis;
    const prefix = s.config.redisPrefix;
    const before = await recordKeys(r, prefix);
    const started = Date.now();
    const accepted = await Promise.all(ABUSERS.map((who, n) => abuseMember(s, who, n)));
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    await s.uploadsQueue.clean(0, 100_000, 'completed');
    await s.requestsQueue.clean(0, 100_000, 'completed');
    await s.uploadsQueue.clean(0, 100_000, 'failed');
    await sleep(500);
    const seen = new Set(before.map((k) => k.key));
    const kept = (await recordKeys(r, prefix)).filter((k) => !seen.has(k.key));
    const members = ABUSERS.length;
    // Records of files that reached imgpile are paid for from the daily file quota and kept for
    // the retention (see "Redis bytes per rehosted file"): shown apart from the bookkeeping.
    const isRecord = (k: { key: string }) => RECORDS.test(k.key.slice(prefix.length + 1));
    const perMember = (list: typeof kept, days: (k: (typeof kept)[number]) => number) =>
      list.reduce((sum, k) => sum + k.bytes * days(k), 0) / members;
    const bookkeeping = kept.filter((k) => !isRecord(k));
    const oneDay = perMember(bookkeeping, () => 1);
    const daily = perMember(bookkeeping, (k) => k.days);
    const records = perMember(kept.filter(isRecord), () => 1);
    console.log(
      `\n## Redis bytes per member under refusal abuse: ${members} members each do the most one member can in a day at the production limits (${s.config.quotas.user} files, ${s.config.quotas.refusals} refusals), one file per request, private Redis, finished jobs cleaned`,
    );
    console.log(`requests accepted per member         ${accepted.join(', ')}   (${seconds} s)`);
    console.log(`bookkeeping kept per member, 1 day   ${(oneDay / KB).toFixed(1)} KB`);
    console.log(
      `the same, abuse repeated every day   ${(daily / KB).toFixed(1)} KB   (each key once per day it lives; target < 64 KB: ${verdict(daily < 64 * KB)})`,
    );
    console.log(
      `records of files it rehosted         ${(records / KB).toFixed(1)} KB per member per day (paid from the file quota, kept ${s.config.retention.recordsDays} days)`,
    );
    console.log('kept by key family (all members), and the most days a key of it lives:');
    for (const [family, f] of familiesOf(kept, prefix)) {
      console.log(
        `  ${family.padEnd(24)} ${String(f.keys).padStart(5)} keys ${String(f.bytes).padStart(8)} B  ${f.days} d`,
      );
    }
  } finally {
    await s.close();
    await redis.stop();
  }
}
