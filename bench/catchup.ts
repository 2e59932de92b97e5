/**
 * Catch-up and backfill benches: the bot as its own process in its default role (`all`: the
 * gateway and the workers, src/main.ts, production Node flags) against the local Discord and
 * imgpile, which run in this process so that their memory is not counted. Its heap is read in
 * that process after forced full collections (bench/memory.ts): settled before and after the
 * work, and every 2 s during it. Catch-up: 1,000 messages with a file each, posted across 10
 * watched channels while the bot's gateway was down (a session that could not resume), then
 * the gateway back. Backfill: a 10,000-message channel (a file in every 5th) backfilled at a set
 * imgpile rate.
 */
import { CHANNEL_TYPE, fakeSnowflake, type FakeGuild } from '../test/fakes/discord.js';
import { GUILD, bob, testServer } from '../test/helpers/cast.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { MAGIC } from '../test/helpers/media-bytes.js';
import { runImgpile, textOf } from '../test/helpers/interactions.js';
import { GENERAL, moderator } from '../test/helpers/cast.js';
import { startRole, type RoleProcess } from '../test/helpers/processes.js';
import { MB, fmtMB, peakGrowth, sleep, verdict } from './lib.js';
import { GC_ON_SIGNAL, sampleHeap, settledMemory } from './memory.js';

/** "Memory flat" (issue 19): what the work may leave behind, and hold at its highest. */
const TARGET = { after: 2 * MB, peak: 16 * MB };

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

/** Waits until imgpile has `n` files (or `maxMs`); `onTick` runs at each poll. */
async function untilUploaded(s: Harness, n: number, maxMs: number, onTick = () => {}) {
  const deadline = Date.now() + maxMs;
  while (s.created().length < n && Date.now() < deadline) {
    onTick();
    await sleep(50);
  }
}

/**
 * The bot in role `all` as its own process, once it has followed the watches and rehosted one
 * file live in `channelId` (so the figures hold no first use of the rehost path).
 */
async function startBotProcess(s: Harness, channelId: string): Promise<RoleProcess> {
  const env = { ...s.env, NODE_OPTIONS: GC_ON_SIGNAL };
  const bot = await startRole('all', env, 'worker role started');
  await sleep(300); // the bot follows the watches
  const uploads = s.created().length;
  postFile(s, channelId, 'warm-up.png');
  await untilUploaded(s, uploads + 1, 30_000);
  if (s.created().length <= uploads) {
    await bot.stop('SIGTERM');
    throw new Error('the bot process did not rehost the warm-up file');
  }
  return bot;
}

/** The bot process's warnings and errors since `from` by message (why a file is missing). */
function warnings(bot: RoleProcess, from: number): string {
  const by = new Map<string, number>();
  for (const l of bot.logs.slice(from))
    if (['warn', 'error', 'fatal'].includes(String(l.level)))
      by.set(String(l.msg), (by.get(String(l.msg)) ?? 0) + 1);
  return by.size === 0
    ? ''
    : `  bot process warnings: ${[...by].map(([m, n]) => `${n} × ${m}`).join('; ')}\n`;
}

const signed = (bytes: number) => `${bytes < 0 ? '' : '+'}${fmtMB(bytes)}`;

/**
 * Runs `work` in the bot process with its memory read: settled before and after, the live heap
 * every 2 s during, and its resident set's high-water mark.
 */
async function measured<T>(bot: RoleProcess, work: () => Promise<T>) {
  const before = await settledMemory(bot);
  const logsFrom = bot.logs.length;
  const sampler = sampleHeap(bot);
  const { growth: rssPeak, result } = await peakGrowth(bot.child.pid!, work);
  const { peak, readings } = await sampler.stop();
  const after = await settledMemory(bot);
  const line = `${warnings(bot, logsFrom)}  bot process (role all) heap after forced GCs: ${fmtMB(before.heap)} before, growth ${signed(after.heap - before.heap)} after (target < ${fmtMB(TARGET.after)}: ${verdict(after.heap - before.heap < TARGET.after)}), peak +${fmtMB(peak - before.heap)} during (highest of ${readings.length} readings; target < ${fmtMB(TARGET.peak)}: ${verdict(peak - before.heap < TARGET.peak)}); RSS peak +${fmtMB(rssPeak)}, after ${signed(after.rss - before.rss)}`;
  return { result, line };
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

const CAUGHT_UP = 'caught up on messages posted while the bot was away';

/** The gateway down while `post` runs, then back with a session that cannot resume. */
async function outage(s: Harness, post: () => void) {
  await s.discord.refuseConnections();
  post();
  s.discord.invalidateSessions();
  await s.discord.acceptConnections();
}

export async function benchCatchUp(redisUrl: string, opts: { messages?: number } = {}) {
  const total = opts.messages ?? 1_000;
  const { server, channels } = serverWith(10);
  const s = await startHarness({
    redisUrl,
    workers: false,
    logLevel: 'warn',
    discord: { guilds: [server] },
    imgpile: { requestsPerMinute: 1_000_000, dailyFileLimit: 1_000_000 },
    env: { ...HIGH, IMGPILE_REQUESTS_PER_MINUTE: '100000' },
  });
  let bot: RoleProcess | null = null;
  try {
    for (const channelId of channels) {
      await s.services.store.watches.set(GUILD, channelId, { mode: 'media', visibility: 'public' });
      await s.services.store.catchup.note(GUILD, channelId, fakeSnowflake());
    }
    bot = await startBotProcess(s, channels[0]!);
    const proc = bot;
    const caughtUp = () => proc.logs.filter((l) => l.msg === CAUGHT_UP);
    const times = { queued: NaN, done: 0 };
    // A first catch-up of one message a channel, so that the figures hold no first use of it.
    await outage(s, () => channels.forEach((c, i) => postFile(s, c, `warm-up-${i}.png`)));
    await untilUploaded(s, s.created().length + channels.length, 120_000);
    const sentIn = channels.map((c) => s.discord.channelMessages(c).length);
    const at = {
      uploads: s.created().length,
      requests: s.imgpile.requests.length,
      files: once(s),
    };
    const { line } = await measured(proc, async () => {
      await s.discord.refuseConnections();
      for (let i = 0; i < total; i++) postFile(s, channels[i % channels.length]!, `c${i}.png`);
      s.discord.invalidateSessions();
      const before = caughtUp().length;
      const started = Date.now();
      await s.discord.acceptConnections();
      await untilUploaded(s, at.uploads + total, 600_000);
      times.done = Date.now() - started;
      // Each channel says it caught up once its summary is posted, which may be after.
      const deadline = Date.now() + 30_000;
      while (caughtUp().length - before < channels.length && Date.now() < deadline) await sleep(50);
      const logged = caughtUp().slice(before);
      if (logged.length >= channels.length)
        times.queued = Math.max(...logged.map((l) => Date.parse(String(l.time)))) - started;
    });
    const everyOnce = once(s) === at.files + total;
    const replies = channels.flatMap((c, i) => s.discord.channelMessages(c).slice(sentIn[i]));
    const summaries = replies.filter((m) => /While the bot was away/.test(textOf(m))).length;
    console.log(
      `\ncatch-up: ${total} messages missed across ${channels.length} channels while the gateway was down, caught up when it was back`,
    );
    console.log(
      `  every file once: ${everyOnce ? 'yes' : `no (${s.created().length - at.uploads} uploads)`} ${verdict(everyOnce)}`,
    );
    const read = Number.isNaN(times.queued)
      ? 'not logged within 30 s of the last upload'
      : `${(times.queued / 1000).toFixed(1)} s`;
    console.log(
      `  time from reconnecting: the last file on imgpile ${(times.done / 1000).toFixed(1)} s, every channel caught up (its summary posted) ${read}`,
    );
    console.log(
      `  imgpile requests: ${s.imgpile.requests.length - at.requests} (${s.created().length - at.uploads} uploads)`,
    );
    console.log(
      `  Discord messages sent: ${replies.length} (${summaries} summaries; 5 replies per channel)`,
    );
    console.log(line);
  } finally {
    await bot?.stop('SIGTERM');
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
  const { server, channels } = serverWith(2);
  const [channelId, warmUp] = channels as [string, string];
  const s = await startHarness({
    redisUrl,
    workers: false,
    logLevel: 'warn',
    discord: { guilds: [server] },
    imgpile: { requestsPerMinute: 1_000_000, dailyFileLimit: 1_000_000 },
    env: {
      ...HIGH,
      IMGPILE_REQUESTS_PER_MINUTE: String(perWindow),
      IMGPILE_RATE_WINDOW_MS: String(windowMs),
    },
  });
  let bot: RoleProcess | null = null;
  try {
    await s.services.store.watches.set(GUILD, warmUp, { mode: 'media', visibility: 'public' });
    bot = await startBotProcess(s, warmUp);
    const backfill = (channel: string) =>
      runImgpile(s.discord, {
        channelId: GENERAL,
        user: moderator,
        path: ['watch', 'backfill'],
        options: { channel: { channel } },
      });
    // A first backfill of 250 messages, so that the figures hold no first use of it.
    for (let i = 0; i < 250; i++) postFile(s, warmUp, `w${i}.png`, i % every === 0);
    const warmed = s.created().length + 50;
    backfill(warmUp);
    await untilUploaded(s, warmed, 120_000);
    for (let i = 0; i < total; i++) postFile(s, channelId, `b${i}.png`, i % every === 0);
    const files = Math.ceil(total / every);
    const uploadsBefore = s.created().length;
    const known = once(s);
    let minutes = 0;
    let inRun = 0;
    const startedAt = Date.now();
    const { line } = await measured(bot, async () => {
      const started = performance.now();
      backfill(channelId);
      await untilUploaded(s, uploadsBefore + files, 900_000);
      minutes = (performance.now() - started) / 60_000;
      inRun = s.imgpile.requests.filter((r) => r.at >= startedAt).length;
    });
    const edits = s.discord.restCalls.filter(
      (c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${channelId}/messages/`),
    );
    const ceiling = (perWindow * 60_000) / windowMs;
    const rate = (s.created().length - uploadsBefore) / minutes;
    const editRate = edits.length / minutes;
    const b = await s.services.store.backfills.get(channelId);
    const everyOnce = once(s) === known + files;
    console.log(`\nbackfill: ${total} messages, a file in every ${every}th (${files} files)`);
    console.log(
      `  every file once: ${everyOnce ? 'yes' : 'no'} ${verdict(everyOnce)}; status ${b?.status}, ${b?.pages} pages`,
    );
    console.log(
      `  files per minute: ${rate.toFixed(0)} against the rate limit's ${ceiling.toFixed(0)} (${((rate / ceiling) * 100).toFixed(0)}%) ${verdict(rate <= ceiling * 1.02)}`,
    );
    // What bounds it: the budget is of requests, and a file of a channel that is not watched
    // goes into a hidden post of its own (upload, create, patch: the API sets visibility so).
    const perFile = inRun / files;
    console.log(
      `  imgpile requests per minute: ${(inRun / minutes).toFixed(0)} against the ceiling ${ceiling.toFixed(0)} (${((inRun / minutes / ceiling) * 100).toFixed(0)}%); ${perFile.toFixed(2)} requests per file, so at most ${(ceiling / perFile).toFixed(0)} files per minute`,
    );
    console.log(
      `  progress edits: ${edits.length} in ${(minutes * 60).toFixed(0)} s, ${editRate.toFixed(1)} per minute (Discord allows 60 per channel) ${verdict(editRate <= 60)}`,
    );
    console.log(line);
  } finally {
    await bot?.stop('SIGTERM');
    await s.close();
  }
}
