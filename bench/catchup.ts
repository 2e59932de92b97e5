/**
 * Catch-up and backfill benches: the bot and workers in this process against the local Discord
 * and imgpile (which run here too: the heap figures include their records of what they were
 * sent, so they are an upper bound for the bot). Catch-up: 1,000 messages with a file each,
 * posted across 10 watched channels while the bot was stopped, then the bot started. Backfill:
 * a 10,000-message channel (a file in every 5th) backfilled at a set imgpile rate.
 */
import { CHANNEL_TYPE, fakeSnowflake, type FakeGuild } from '../test/fakes/discord.js';
import { GUILD, bob, testServer } from '../test/helpers/cast.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { MAGIC } from '../test/helpers/media-bytes.js';
import { runImgpile, textOf } from '../test/helpers/interactions.js';
import { GENERAL, moderator } from '../test/helpers/cast.js';
import { MB, fmtMB, sleep, verdict } from './lib.js';

const HIGH = {
  IMGPILE_DAILY_FILE_LIMIT: '100000',
  GUILD_DAILY_FILE_LIMIT: '100000',
  USER_DAILY_FILE_LIMIT: '100000',
  WORKER_CONCURRENCY: '8',
  WORKER_LOCK_MS: '30000',
};

/** The test server with `n` more text channels. */
function serverWith(n: number): { server: FakeGuild; channels: string[] } {
  const server = testServer();
  const channels = Array.from(
    { length: n },
    (_, i) => `11000000000000001${String(i).padStart(2, '0')}`,
  );
  for (const [i, id] of channels.entries())
    server.channels.push({ id, name: `pics-${i}`, type: CHANNEL_TYPE.GUILD_TEXT });
  return { server, channels };
}

/** Readings after a collection need --expose-gc (NODE_OPTIONS); without it they hold garbage. */
const GC =
  typeof (globalThis as { gc?: unknown }).gc === 'function'
    ? ''
    : ' (no --expose-gc: garbage included)';

const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
};

/**
 * Waits until imgpile has `n` files, reading the live heap (after a collection, when the bench
 * runs with --expose-gc) every 2 s meanwhile; the highest reading. `onTick` runs at each poll.
 */
async function untilUploaded(s: Harness, n: number, maxMs: number, onTick = () => {}) {
  const deadline = Date.now() + maxMs;
  let peak = 0;
  let nextReading = 0;
  while (s.created().length < n && Date.now() < deadline) {
    onTick();
    if (Date.now() >= nextReading) {
      peak = Math.max(peak, heap());
      nextReading = Date.now() + 2_000;
    }
    await sleep(50);
  }
  return peak;
}

const once = (s: Harness) => {
  const by = new Map<string, number>();
  for (const u of s.created()) by.set(u.filename, (by.get(u.filename) ?? 0) + 1);
  return [...by.values()].every((n) => n === 1) ? by.size : -1;
};

function postFile(s: Harness, channelId: string, name: string, withFile = true) {
  s.discord.postMessage({
    channelId,
    author: bob,
    content: name,
    attachments: withFile
      ? [
          s.discord.addAttachment({
            channelId,
            filename: name,
            content: { size: 2048, head: MAGIC.png, seed: name.length },
            contentType: 'image/png',
          }),
        ]
      : [],
    store: true,
  });
}

export async function benchCatchUp(redisUrl: string, opts: { messages?: number } = {}) {
  const total = opts.messages ?? 1_000;
  const { server, channels } = serverWith(10);
  const s = await startHarness({
    redisUrl,
    bot: true,
    logLevel: 'warn',
    discord: { guilds: [server] },
    imgpile: { requestsPerMinute: 1_000_000, dailyFileLimit: 1_000_000 },
    env: { ...HIGH, IMGPILE_REQUESTS_PER_MINUTE: '100000' },
  });
  try {
    for (const channelId of channels) {
      await s.services.store.watches.set(GUILD, channelId, { mode: 'media', visibility: 'public' });
      await s.services.store.catchup.note(GUILD, channelId, fakeSnowflake());
    }
    await sleep(300); // the bot follows the watches
    await s.stopBot();
    for (let i = 0; i < total; i++) postFile(s, channels[i % channels.length]!, `c${i}.png`);
    const before = heap();
    const requestsBefore = s.imgpile.requests.length;
    const started = performance.now();
    await s.startBot();
    let queuedAt = 0;
    const caughtUp = () => s.events.filter((e) => e.type === 'catchup').length;
    const peak = await untilUploaded(s, total, 600_000, () => {
      if (!queuedAt && caughtUp() >= channels.length) queuedAt = performance.now();
    });
    const seconds = (performance.now() - started) / 1000;
    await sleep(1_000);
    const after = heap();
    const files = once(s);
    const replies = channels.flatMap((c) => s.discord.channelMessages(c));
    const summaries = replies.filter((m) => /While the bot was away/.test(textOf(m))).length;
    console.log(
      `\ncatch-up: ${total} messages missed across ${channels.length} channels, caught up on start`,
    );
    console.log(
      `  every file once: ${files === total ? 'yes' : `no (${s.created().length} uploads)`} ${verdict(files === total)}`,
    );
    const read = queuedAt
      ? `${((queuedAt - started) / 1000).toFixed(1)} s`
      : 'after the last upload';
    console.log(
      `  time from start: every channel read and queued ${read}, the last file on imgpile ${seconds.toFixed(1)} s`,
    );
    console.log(
      `  imgpile requests: ${s.imgpile.requests.length - requestsBefore} (${s.created().length} uploads)`,
    );
    console.log(
      `  Discord messages sent: ${replies.length} (${summaries} summaries; 5 replies per channel)`,
    );
    console.log(
      `  heap growth (process, fakes included${GC}): ${fmtMB(after - before)} after, peak +${fmtMB(peak - before)}`,
    );
  } finally {
    await s.close();
  }
}

export async function benchBackfill(
  redisUrl: string,
  opts: { messages?: number; perMinute?: number; windowMs?: number } = {},
) {
  const total = opts.messages ?? 10_000;
  const every = 5;
  const windowMs = opts.windowMs ?? 6_000;
  const perWindow = Math.round(((opts.perMinute ?? 3_000) * windowMs) / 60_000);
  const { server, channels } = serverWith(1);
  const channelId = channels[0]!;
  const s = await startHarness({
    redisUrl,
    bot: true,
    logLevel: 'warn',
    discord: { guilds: [server] },
    imgpile: { requestsPerMinute: 1_000_000, dailyFileLimit: 1_000_000 },
    env: {
      ...HIGH,
      IMGPILE_REQUESTS_PER_MINUTE: String(perWindow),
      IMGPILE_RATE_WINDOW_MS: String(windowMs),
    },
  });
  try {
    for (let i = 0; i < total; i++) postFile(s, channelId, `b${i}.png`, i % every === 0);
    const files = Math.ceil(total / every);
    const before = heap();
    const started = performance.now();
    const startedAt = Date.now();
    runImgpile(s.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'backfill'],
      options: { channel: { channel: channelId } },
    });
    const peak = await untilUploaded(s, files, 900_000);
    const minutes = (performance.now() - started) / 60_000;
    const inRun = s.imgpile.requests.filter((r) => r.at >= startedAt).length;
    await sleep(1_000);
    const after = heap();
    const edits = s.discord.restCalls.filter(
      (c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${channelId}/messages/`),
    );
    const ceiling = (perWindow * 60_000) / windowMs;
    const rate = s.created().length / minutes;
    const editRate = edits.length / minutes;
    const b = await s.services.store.backfills.get(channelId);
    console.log(`\nbackfill: ${total} messages, a file in every ${every}th (${files} files)`);
    console.log(
      `  every file once: ${once(s) === files ? 'yes' : 'no'} ${verdict(once(s) === files)}; status ${b?.status}, ${b?.pages} pages`,
    );
    console.log(
      `  files per minute: ${rate.toFixed(0)} against the rate limit's ${ceiling.toFixed(0)} (${((rate / ceiling) * 100).toFixed(0)}%) ${verdict(rate <= ceiling * 1.02)}`,
    );
    // What bounds it: the budget is of requests, and a file of a channel that is not watched
    // goes into a hidden post of its own (upload, create, patch: the API sets visibility so).
    const perFile = s.imgpile.requests.filter((r) => r.at >= startedAt).length / files;
    console.log(
      `  imgpile requests per minute: ${(inRun / minutes).toFixed(0)} against the ceiling ${ceiling.toFixed(0)} (${((inRun / minutes / ceiling) * 100).toFixed(0)}%); ${perFile.toFixed(2)} requests per file, so at most ${(ceiling / perFile).toFixed(0)} files per minute`,
    );
    console.log(
      `  progress edits: ${edits.length} in ${(minutes * 60).toFixed(0)} s, ${editRate.toFixed(1)} per minute (Discord allows 60 per channel) ${verdict(editRate <= 60)}`,
    );
    console.log(
      `  heap growth (process, fakes included${GC}): ${fmtMB(after - before)} after, peak +${fmtMB(peak - before)} ${verdict(peak - before < 64 * MB)}`,
    );
  } finally {
    await s.close();
  }
}
