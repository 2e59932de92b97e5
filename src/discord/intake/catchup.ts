import {
  DiscordAPIError,
  Events,
  RESTJSONErrorCodes,
  type Client,
  type Guild,
  type GuildTextBasedChannel,
  type Message,
} from 'discord.js';
import type { Logger } from '../../logger.js';
import { sleep } from '../../sleep.js';
import { textFor } from '../../text/index.js';
import type { BotContext } from '../core/context.js';
import { threadsWithoutCursor } from './catchup-threads.js';
import { NO_MENTIONS } from '../views/format.js';
import type { WatchHandler, WatchOutcome } from './listeners.js';

/** Messages caught up in one channel that get a reply each; the rest, a reaction and a summary. */
export const CATCHUP_REPLIES_PER_CHANNEL = 5;
/** Discord's largest page of a channel's messages. */
const PAGE = 100;
/** A link that lapses sooner than this is read again before its file is queued. */
const LINK_MARGIN_MS = 10 * 60_000;

type Counts = { missed: number; replied: number; quiet: number; expired: number };

/** When a Discord CDN link lapses (its `ex`, seconds in hex), or null for any other link. */
function linkExpiry(url: string): number | null {
  try {
    const ex = new URL(url).searchParams.get('ex');
    return ex && /^[0-9a-f]{1,12}$/i.test(ex) ? parseInt(ex, 16) * 1000 : null;
  } catch {
    return null;
  }
}

const lapsing = (message: Message, now: number) =>
  message.attachments.some((a) => (linkExpiry(a.url) ?? Infinity) < now + LINK_MARGIN_MS);

const isGone = (err: unknown) =>
  err instanceof DiscordAPIError &&
  (err.code === RESTJSONErrorCodes.UnknownMessage ||
    err.code === RESTJSONErrorCodes.UnknownChannel);

/**
 * The message as it can be rehosted now: read again when its links lapse soon (a read gives
 * fresh ones), or null when it is past saving (deleted, or its links do not come back).
 */
async function withLiveLinks(channel: GuildTextBasedChannel, message: Message) {
  if (!lapsing(message, Date.now())) return message;
  try {
    const fresh = await channel.messages.fetch({ message: message.id, force: true, cache: false });
    return lapsing(fresh, Date.now()) ? null : fresh;
  } catch (err) {
    if (isGone(err)) return null;
    throw err;
  }
}

/** A channel's messages after `after`, oldest first, one page of Discord's at a time. */
async function* pagesAfter(channel: GuildTextBasedChannel, after: string) {
  for (let cursor = after; ;) {
    const page = await channel.messages.fetch({ after: cursor, limit: PAGE, cache: false });
    // Discord answers newest first, even for `after`.
    const sorted = [...page.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    if (sorted.length > 0) yield sorted;
    if (sorted.length < PAGE) return;
    cursor = sorted[sorted.length - 1]!.id;
  }
}

/** Whether `channel` is watched, or a thread of a watched channel. */
function isWatched(ctx: BotContext, channel: GuildTextBasedChannel) {
  return ctx.watched.has(channel.id) || (channel.isThread() && ctx.watched.has(channel.parentId!));
}

/** Reads one channel's missed messages and hands each to the watch listener, in order. */
async function catchUpChannel(
  ctx: BotContext,
  watch: WatchHandler,
  channel: GuildTextBasedChannel,
  after: string,
  counts: Counts,
) {
  for await (const page of pagesAfter(channel, after)) {
    for (const listed of page) {
      if (listed.author.bot || listed.webhookId || listed.system) continue;
      const message = await withLiveLinks(channel, listed);
      if (!message) {
        counts.expired += 1;
        continue;
      }
      const quiet = counts.replied >= CATCHUP_REPLIES_PER_CHANNEL;
      const outcome: WatchOutcome = await watch.handle(message, { quiet });
      if (outcome !== 'queued' && outcome !== 'refused') continue;
      counts.missed += 1;
      if (quiet) counts.quiet += 1;
      else counts.replied += 1;
    }
    // Past what was skipped too (the bot's own, the deleted): not read again next time.
    await ctx.store.catchup.note(channel.guildId, channel.id, page[page.length - 1]!.id);
  }
}

/** Says once in the channel how many were marked without a reply. */
async function summarise(channel: GuildTextBasedChannel, counts: Counts, log: Logger) {
  if (counts.quiet === 0) return;
  const text = textFor(channel.guild.preferredLocale);
  const content = text('catchup.summary', { replied: counts.replied, quiet: counts.quiet });
  await channel
    .send({ content, allowedMentions: NO_MENTIONS })
    .catch((err: unknown) => log.warn({ err }, 'could not post the catch-up summary'));
}

/** The channel a cursor names, if it is still there, watched and readable. */
async function channelOf(ctx: BotContext, guild: Guild, channelId: string) {
  const channel = await guild.client.channels.fetch(channelId).catch((err: unknown) => {
    if (isGone(err) || (err instanceof DiscordAPIError && err.status === 403)) return null;
    throw err;
  });
  if (!channel || !channel.isTextBased() || channel.isDMBased()) return null;
  return isWatched(ctx, channel) ? channel : null;
}

/** Tries a channel's catch-up again after a failure (Redis or Discord slow for a moment). */
const RETRY_DELAYS_MS = [2_000, 10_000];

/**
 * Runs `attempt` again after a failure, a few times: a message handled before the failure is
 * a duplicate the second time (not queued or counted again).
 */
async function withRetries(attempt: () => Promise<void>, log: Logger) {
  for (const delay of [...RETRY_DELAYS_MS, null]) {
    try {
      return await attempt();
    } catch (err) {
      if (delay === null || (err instanceof DiscordAPIError && err.status < 500)) throw err;
      log.info({ err: { message: (err as Error).message }, retryInMs: delay }, 'catch-up retried');
      await sleep(delay);
    }
  }
}

/** Catches up every watched channel and thread of a server that the bot remembers. */
async function catchUpGuild(
  ctx: BotContext,
  watch: WatchHandler,
  guild: Guild,
  cursors: [string, string][],
) {
  const log = ctx.log.child({ subsystem: 'catchup', guildId: guild.id });
  for (const [channelId, after] of cursors) {
    const clog = log.child({ channelId });
    const counts: Counts = { missed: 0, replied: 0, quiet: 0, expired: 0 };
    try {
      const channel = await channelOf(ctx, guild, channelId);
      if (!channel) {
        await ctx.store.catchup.drop(guild.id, channelId);
        continue;
      }
      await withRetries(() => catchUpChannel(ctx, watch, channel, after, counts), clog);
      await summarise(channel, counts, clog);
    } catch (err) {
      clog.warn({ err }, 'catch-up stopped in this channel');
    }
    ctx.emit({ type: 'catchup', missed: counts.missed, expired: counts.expired });
    if (counts.missed + counts.expired > 0)
      clog.info({ ...counts }, 'caught up on messages posted while the bot was away');
  }
}

export type CatchUp = ReturnType<typeof registerCatchUp>;

/**
 * Catch-up after downtime: each new gateway session (the first, and any that could not resume)
 * is followed by reading every watched channel's messages after the last one handled, and
 * handing those to the watch listener, in order, once (a message the live path queued is a
 * duplicate there). While a server waits for its catch-up, live messages do not move its
 * cursors, so nothing between the old cursor and the new session is skipped.
 */
export function registerCatchUp(client: Client, ctx: BotContext, watch: WatchHandler) {
  const log = ctx.log.child({ subsystem: 'catchup' });
  /** Servers whose session is new and whose catch-up has not read its cursors yet. */
  const waiting = new Set<string>();
  let chain: Promise<unknown> = Promise.resolve();

  /** Server by server, one at a time: Discord's and imgpile's limits are shared. */
  function start(guild: Guild) {
    chain = chain.then(async () => {
      if (!waiting.has(guild.id)) return;
      const cursors = await ctx.store.catchup.all(guild.id);
      waiting.delete(guild.id);
      const threads = await threadsWithoutCursor(ctx, guild, cursors, log);
      await catchUpGuild(ctx, watch, guild, [...cursors, ...threads]);
    });
    chain = chain.catch((err: unknown) => {
      waiting.delete(guild.id);
      log.warn({ err, guildId: guild.id }, 'catch-up failed for this server');
    });
  }

  client.on(Events.Raw, (packet: { t?: string | null; d?: { guilds?: { id: string }[] } }) => {
    if (packet.t !== 'READY') return;
    for (const g of packet.d?.guilds ?? []) waiting.add(g.id);
  });
  client.on(Events.ShardReady, (shardId) => {
    for (const guild of client.guilds.cache.values())
      if (guild.shardId === shardId && guild.available && waiting.has(guild.id)) start(guild);
  });
  client.on(Events.GuildAvailable, (guild) => {
    if (waiting.has(guild.id) && client.isReady()) start(guild);
  });

  return {
    /** A watched message handled live or caught up: its channel's cursor moves to it. */
    async handled(message: Message, _outcome: WatchOutcome) {
      if (!message.inGuild() || waiting.has(message.guildId)) return;
      const channel = message.channel;
      if (!isWatched(ctx, channel)) return;
      await ctx.store.catchup.note(message.guildId, message.channelId, message.id);
    },
    /** Resolves once every catch-up started so far has ended (tests, benches). */
    idle: () => chain,
  };
}
