/**
 * Scale bench: the bot role as its own process (src/main.ts bot, production Node flags) against
 * the local Discord, which runs in this process so that its memory is not counted. Measures the
 * bot's V8 heap and resident set idle in one server, in many servers, and after a flood of
 * ordinary chat in unwatched channels, during which a watched channel must still answer, then
 * after a second flood by new authors (what chat keeps once the bot is warm).
 */
import { textOf } from '../test/helpers/interactions.js';
import { manyGuilds } from '../test/fakes/discord.js';
import { alice as POSTER } from '../test/helpers/cast.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { MAGIC, fileBytes } from '../test/helpers/media-bytes.js';
import { startRole, type RoleProcess } from '../test/helpers/processes.js';
import { GC_ON_SIGNAL, heapSnapshot, settledMemory, type Memory } from './memory.js';
import { MB, fmtMB, sleep, verdict, waitForIdle } from './lib.js';

const KB = 1024;
/** Authors of the chat flood: each writes one batch, so members and users keep appearing. */
const MESSAGES_PER_AUTHOR = 200;

export type ScaleOptions = { guilds?: number; channels?: number; messages?: number };

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

/**
 * `count` ordinary chat messages (no attachments) spread over `channels`, by many authors, the
 * first of them `firstAuthor` (so a second flood can bring authors the bot has not seen).
 * `midway` runs once a quarter of them are sent; `progress.sent` counts them as they go.
 */
async function chatFlood(
  s: Harness,
  channels: string[],
  flood: { count: number; firstAuthor: number },
  midway: () => void,
  progress: { sent: number },
) {
  const count = flood.count;
  let told = false;
  for (let sent = 0, batch = flood.firstAuthor; sent < count; batch++) {
    if (!told && sent >= count / 4) {
      told = true;
      midway();
    }
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
    progress.sent = sent;
  }
}

/**
 * Posts an image in the watched channel; resolves with the times to the bot's reaction and to
 * the reply, and how many chat messages of the flood were still to be sent at each.
 */
async function watchedChannelAnswers(
  s: Harness,
  channelId: string,
  flood: { total: number; progress: { sent: number } },
) {
  const attachment = s.discord.addAttachment({
    filename: `watched-${flood.total}.png`,
    content: fileBytes(8 * KB, MAGIC.png, flood.total),
    contentType: 'image/png',
    channelId,
  });
  const started = performance.now();
  const msg = s.discord.postMessage({ channelId, author: POSTER, attachments: [attachment] });
  const toCome = () => flood.total - flood.progress.sent;
  let reacted: { ms: number; toCome: number } | null = null;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!reacted && s.discord.reactionsOn(channelId, msg.id).length > 0)
      reacted = { ms: performance.now() - started, toCome: toCome() };
    const reply = s.discord
      .channelMessages(channelId)
      .find(
        (m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === msg.id,
      );
    if (reply) {
      const replied = { ms: performance.now() - started, toCome: toCome() };
      return { reacted, replied, content: textOf(reply) };
    }
    await sleep(20);
  }
  return { reacted, replied: null, content: null };
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
    // The bot process follows the watch from its next message on.
    await w.bot.waitForLog((l) => l.channelId === watched && l.watched === true);
    // A worker process finishes the request and replies through Discord, as in production.
    await w.s.startWorkerProcesses(1);
    // Once before the flood, so that the chat's figure holds no first use of the rehost path.
    await watchedChannelAnswers(w.s, watched, { total: 0, progress: { sent: 0 } });
    const beforeChat = await settledMemory(w.bot);
    await heapSnapshot(w.bot, 'before the chat');

    const progress = { sent: 0 };
    let answered: ReturnType<typeof watchedChannelAnswers> | null = null;
    const floodStarted = performance.now();
    const midway = () => {
      answered = watchedChannelAnswers(w.s, watched, { total: messages, progress });
    };
    const unwatched = channelsAcrossGuilds(w.s, watched);
    const authors = Math.ceil(messages / MESSAGES_PER_AUTHOR);
    await chatFlood(w.s, unwatched, { count: messages, firstAuthor: 0 }, midway, progress);
    await waitForIdle(w.bot.child.pid!);
    const floodSeconds = (performance.now() - floodStarted) / 1000;
    const answer = await answered!;
    const flooded = await settledMemory(w.bot);
    await heapSnapshot(w.bot, 'after the first flood');
    // As many again, by authors not seen yet: what the first flood left that a second adds
    // again is kept per message (or per author), the rest is warm-up (code, type feedback).
    const again = { count: messages, firstAuthor: authors };
    await chatFlood(w.s, unwatched, again, () => undefined, { sent: 0 });
    const floodedAgain = await settledMemory(w.bot);
    await heapSnapshot(w.bot, 'after the second flood');
    printScale({
      guilds,
      channels,
      messages,
      idle,
      loaded,
      beforeChat,
      flooded,
      floodedAgain,
      floodSeconds,
      answer,
      ...w,
    });
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
  beforeChat: Memory;
  flooded: Memory;
  floodedAgain: Memory;
  floodSeconds: number;
  readyMs: number;
  shards: number;
  answer: Awaited<ReturnType<typeof watchedChannelAnswers>>;
}) {
  const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;
  const perServer = {
    heap: (r.loaded.heap - r.idle.heap) / r.guilds,
    rss: (r.loaded.rss - r.idle.rss) / r.guilds,
  };
  const chat = { heap: r.flooded.heap - r.beforeChat.heap, rss: r.flooded.rss - r.beforeChat.rss };
  const again = {
    heap: r.floodedAgain.heap - r.flooded.heap,
    rss: r.floodedAgain.rss - r.flooded.rss,
  };
  const row = (what: string, heap: string, rss: string, note = '') =>
    console.log(`${what.padEnd(34)}${heap.padStart(11)}${rss.padStart(11)}   ${note}`);
  console.log(
    `\n## Scale: the bot process in ${r.guilds} servers of ${r.channels} channels (${r.shards} shards), then ${r.messages} chat messages in unwatched channels`,
  );
  row('', 'V8 heap', 'RSS');
  row('idle in 1 server', fmtMB(r.idle.heap), fmtMB(r.idle.rss));
  row(
    `in ${r.guilds} servers`,
    fmtMB(r.loaded.heap),
    fmtMB(r.loaded.rss),
    `ready in ${(r.readyMs / 1000).toFixed(1)} s`,
  );
  row(
    'per server above idle',
    kb(perServer.heap),
    kb(perServer.rss),
    `target: heap <= 6 KB: ${verdict(perServer.heap <= 6 * KB)}`,
  );
  row(
    `growth after ${r.messages} chat messages`,
    fmtMB(chat.heap),
    fmtMB(chat.rss),
    `in ${r.floodSeconds.toFixed(1)} s; target: heap < 2 MB: ${verdict(chat.heap < 2 * MB)}`,
  );
  row(
    `then ${r.messages} more, new authors`,
    fmtMB(again.heap),
    fmtMB(again.rss),
    'what a flood adds once the bot is warm (the first one also warms up code)',
  );
  const { reacted, replied, content } = r.answer;
  const at = (v: { ms: number; toCome: number } | null) =>
    v ? `${Math.round(v.ms)} ms (${v.toCome} chat messages still to come)` : 'never';
  const during = !!reacted && reacted.toCome > 0 && !!content?.includes('/f/');
  console.log(
    `watched channel during the flood   reacted in ${at(reacted)}, answered in ${at(replied)}   (target: reacts during the flood, answers with the link: ${verdict(during)})`,
  );
}
