/**
 * Scale bench: the bot role as its own process (src/main.ts bot, production Node flags) against
 * the local Discord, which runs in this process so that its memory is not counted. Measures the
 * bot's resident set idle in one server, in many servers, and after a flood of ordinary chat in
 * unwatched channels; then checks that a watched channel still answers.
 */
import { textOf } from '../test/helpers/interactions.js';
import { readFile } from 'node:fs/promises';
import { manyGuilds } from '../test/fakes/discord.js';
import { alice as POSTER } from '../test/helpers/cast.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { MAGIC, fileBytes } from '../test/helpers/media-bytes.js';
import { startRole, type RoleProcess } from '../test/helpers/processes.js';
import { MB, fmtMB, verdict, vmStatus } from './lib.js';

const KB = 1024;
/** Authors of the chat flood: each writes one batch, so members and users keep appearing. */
const MESSAGES_PER_AUTHOR = 200;

export type ScaleOptions = { guilds?: number; channels?: number; messages?: number };

/**
 * Bench-only instrumentation, given through NODE_OPTIONS on top of the production flags: `gc()`
 * exposed, and SIGUSR2 runs a full collection then writes `process.memoryUsage()` to stderr, so
 * that RSS is read without garbage in it and the V8 heap beside it.
 */
const GC_ON_SIGNAL = [
  '--expose-gc',
  `--import=data:text/javascript,process.on('SIGUSR2',()=>{globalThis.gc({type:'major',execution:'sync',flavor:'last-resort'});process.stderr.write('MEM'+JSON.stringify(process.memoryUsage())+String.fromCharCode(10))})`,
].join(' ');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** User plus system CPU time of a process, in clock ticks (Linux /proc). */
async function cpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the process has used almost no CPU for `quietMs` (it is done processing). */
async function waitForIdle(pid: number, quietMs = 3_000, maxMs = 180_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = await cpuTicks(pid);
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(500);
    const now = await cpuTicks(pid);
    // A heartbeat or a timer costs a tick now and then; work costs many.
    if (now - last > 2) quietSince = Date.now();
    last = now;
    if (Date.now() - quietSince >= quietMs) return;
  }
  throw new Error(`process ${pid} was still busy after ${maxMs / 1000} s`);
}

/** The V8 heap the bot last reported after a forced collection (see GC_ON_SIGNAL). */
function lastHeapUsed(bot: RoleProcess): number {
  const lines = bot
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('MEM{'));
  const last = lines[lines.length - 1];
  return last ? (JSON.parse(last.slice(3)) as { heapUsed: number }).heapUsed : NaN;
}

/**
 * The bot's settled resident set: once it is idle, full GCs 1.5 s apart, at least ten (V8 gives
 * pages back over several collections, and drops the bytecode of start-up code only once it has
 * aged through several), until three readings in a row agree.
 */
async function settledMemory(bot: RoleProcess): Promise<{ rss: number; heap: number }> {
  const pid = bot.child.pid!;
  await waitForIdle(pid);
  const readings: number[] = [];
  for (let i = 0; i < 30; i++) {
    process.kill(pid, 'SIGUSR2');
    await sleep(1_500);
    readings.push((await vmStatus(pid))!.rss);
    const last = readings.slice(-3);
    if (i >= 9 && Math.max(...last) - Math.min(...last) <= 512 * KB) break;
  }
  return { rss: Math.min(...readings.slice(-3)), heap: lastHeapUsed(bot) };
}

/** The harness (local Discord, imgpile and Redis) with `guilds`, and the bot role started on it. */
async function startWorld(redisUrl: string, guilds: number, channels: number) {
  const s = await startHarness({
    redisUrl,
    workers: false,
    logLevel: 'warn',
    // Every shard may identify at once: the bench measures memory, not identify pacing.
    discord: { guilds: manyGuilds(guilds, channels), maxConcurrency: 64 },
    env: { LOG_LEVEL: 'warn' },
  });
  try {
    const started = performance.now();
    const bot = await startRole(
      'bot',
      { ...s.env, DISCORD_SHARDS: 'auto', NODE_OPTIONS: GC_ON_SIGNAL },
      'bot role started',
    );
    const readyMs = performance.now() - started;
    return { s, bot, readyMs, shards: s.discord.identifies.length };
  } catch (err) {
    await s.close();
    throw err;
  }
}

async function stopWorld(w: { s: Harness; bot: RoleProcess }) {
  await w.bot.stop('SIGTERM');
  await w.s.close();
}

/** `count` ordinary chat messages (no attachments) spread over `channels`, by many authors. */
async function chatFlood(s: Harness, channels: string[], count: number) {
  for (let sent = 0, batch = 0; sent < count; batch++) {
    const n = Math.min(MESSAGES_PER_AUTHOR, count - sent);
    const start = sent % channels.length;
    const slice = channels.slice(start, start + n);
    await s.discord.postMessages(n, {
      channels: slice.length === n ? slice : [...slice, ...channels.slice(0, n - slice.length)],
      author: { id: String(1200000000000100000n + BigInt(batch)), username: `chatter${batch}` },
      content: (i) => `ordinary chat message ${sent + i}, nothing to rehost here`,
      store: 'none',
    });
    sent += n;
  }
}

/** Posts an image in the watched channel; resolves with the times to the reaction and reply. */
async function watchedChannelAnswers(s: Harness, channelId: string) {
  const attachment = s.discord.addAttachment({
    filename: 'after-the-flood.png',
    content: fileBytes(8 * KB, MAGIC.png, 7),
    contentType: 'image/png',
    channelId,
  });
  const started = performance.now();
  const msg = s.discord.postMessage({ channelId, author: POSTER, attachments: [attachment] });
  let reactedMs: number | null = null;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (reactedMs === null && s.discord.reactionsOn(channelId, msg.id).length > 0)
      reactedMs = performance.now() - started;
    const reply = s.discord
      .channelMessages(channelId)
      .find(
        (m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === msg.id,
      );
    if (reply) return { reactedMs, repliedMs: performance.now() - started, content: textOf(reply) };
    await sleep(20);
  }
  return { reactedMs, repliedMs: null, content: null };
}

/** Every text channel of the world, channel index first so a flood spreads over every guild. */
function channelsAcrossGuilds(s: Harness, skip: string): string[] {
  const guilds = s.discord.guilds;
  const width = Math.max(...guilds.map((g) => g.channels.length));
  const out: string[] = [];
  for (let c = 0; c < width; c++)
    for (const g of guilds) {
      const id = g.channels[c]?.id;
      if (id && id !== skip) out.push(id);
    }
  return out;
}

async function measureIdle(redisUrl: string, channels: number) {
  const w = await startWorld(redisUrl, 1, channels);
  try {
    return await settledMemory(w.bot);
  } finally {
    await stopWorld(w);
  }
}

type Memory = Awaited<ReturnType<typeof settledMemory>>;

export async function benchScale(redisUrl: string, options: ScaleOptions = {}): Promise<void> {
  const guilds = options.guilds ?? 5_000;
  const channels = options.channels ?? 20;
  const messages = options.messages ?? 50_000;
  const idle = await measureIdle(redisUrl, channels);
  const w = await startWorld(redisUrl, guilds, channels);
  try {
    const loaded = await settledMemory(w.bot);
    const watchedGuild = w.s.discord.guilds[0]!;
    const watched = watchedGuild.channels[0]!.id;
    await w.s.services.store.watches.set(watchedGuild.id, watched, {
      mode: 'media',
      visibility: 'public',
    });

    const floodStarted = performance.now();
    await chatFlood(w.s, channelsAcrossGuilds(w.s, watched), messages);
    await waitForIdle(w.bot.child.pid!);
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    const flooded = await settledMemory(w.bot);

    // A worker process finishes the request and replies through Discord, as in production.
    await w.s.startWorkerProcesses(1);
    const answer = await watchedChannelAnswers(w.s, watched);
    printScale({ guilds, channels, messages, idle, loaded, flooded, floodSeconds, answer, ...w });
  } finally {
    await stopWorld(w);
  }
}

function printScale(r: {
  guilds: number;
  channels: number;
  messages: number;
  idle: Memory;
  loaded: Memory;
  flooded: Memory;
  floodSeconds: number;
  readyMs: number;
  shards: number;
  answer: Awaited<ReturnType<typeof watchedChannelAnswers>>;
}) {
  const perServer = (r.loaded.rss - r.idle.rss) / r.guilds;
  const heapPerServer = (r.loaded.heap - r.idle.heap) / r.guilds;
  const growth = r.flooded.rss - r.loaded.rss;
  const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
  console.log(
    `\n## Scale: the bot process in ${r.guilds} servers of ${r.channels} channels (${r.shards} shards), then ${r.messages} chat messages in unwatched channels`,
  );
  console.log(
    `bot RSS idle in 1 server     ${fmtMB(r.idle.rss)}   (V8 heap ${fmtMB(r.idle.heap)})`,
  );
  console.log(
    `bot RSS in ${r.guilds} servers     ${fmtMB(r.loaded.rss)}   (V8 heap ${fmtMB(r.loaded.heap)}; ready in ${(r.readyMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `RSS per server above idle    ${kb(perServer)}   (V8 heap ${kb(heapPerServer)}; target <= 12 KB: ${verdict(perServer <= 12 * KB)})`,
  );
  console.log(
    `RSS growth after the chat    ${fmtMB(growth)}   (V8 heap ${fmtMB(r.flooded.heap - r.loaded.heap)}; ${r.messages} messages in ${r.floodSeconds.toFixed(1)} s; target < 10 MB: ${verdict(growth < 10 * MB)})`,
  );
  const { reactedMs, repliedMs, content } = r.answer;
  const ms = (v: number | null) => (v === null ? 'never' : `${Math.round(v)} ms`);
  console.log(
    `watched channel afterwards   reacted in ${ms(reactedMs)}, answered in ${ms(repliedMs)}   (target: answers with the link: ${verdict(!!content?.includes('/f/'))})`,
  );
}
