import type { Client, Message } from 'discord.js';
import { QueuedOrNotError, UserError } from '../../errors.js';
import { isRedisUnavailable } from '../../redis.js';
import { withWords } from '../../rehost/refusal.js';
import type { PostOptions } from '../../request.js';
import type { Watch } from '../../store/index.js';
import type { FoundWatch } from '../../store/watches.js';
import { textFor } from '../../text/index.js';
import type { BotContext } from '../core/context.js';
import { isRefusal } from '../core/refusals.js';
import { NO_MENTIONS, REACTION, formatRefusedOnly, refusedLine } from '../views/format.js';
import { filesOf, isNsfwRequest } from './files.js';
import { mayAnswer, onRefused } from './watch-pause.js';

/**
 * What became of a message in a watched channel: nothing to do, queued, already queued before
 * (the same message seen twice), or refused (its reply says why).
 */
export type WatchOutcome = 'ignored' | 'queued' | 'duplicate' | 'refused';

/** The watch listener's way in for messages read back rather than received (catch-up). */
export type WatchHandler = {
  /** `quiet`: the outcome as a reaction only, no reply (past catch-up's replies per channel). */
  handle(message: Message, options?: { quiet?: boolean }): Promise<WatchOutcome>;
};

/** Messages being handled at once: beyond it (Redis slow or down) new ones are dropped, logged. */
const MAX_IN_FLIGHT = 64;

/**
 * The watch a message falls under: its channel's, or for a thread or a forum post its parent
 * channel's (a thread follows its parent's watch).
 */
function watchOf(ctx: BotContext, message: Message<true>): Promise<FoundWatch | null> {
  const parentId = message.channel.isThread() ? message.channel.parentId : null;
  return ctx.store.watches.find(message.guildId, message.channelId, parentId);
}

/**
 * The post a watched message's files go into, if any. imgpile flags NSFW on posts only, and a
 * standalone file is listed publicly: an adult file, or a hidden or private watch, always makes
 * a post, flagged and restricted as asked.
 */
function postFor(watch: Watch, nsfw: boolean): PostOptions | null {
  const restricted = watch.visibility !== 'public';
  if (!nsfw && !restricted && watch.mode === 'media') return null;
  return {
    ...(nsfw ? { nsfw: true } : {}),
    ...(restricted ? { visibility: watch.visibility } : {}),
  };
}

/**
 * Runs the calls that answer a watched message, in order, until Discord refuses one (403):
 * the refusal is counted and nothing more is sent. Other failures are logged and passed over.
 * Returns whether every call was allowed.
 */
async function answer(
  ctx: BotContext,
  message: Message<true>,
  found: FoundWatch,
  log: BotContext['log'],
  calls: [string, () => Promise<unknown> | undefined][],
): Promise<boolean> {
  for (const [what, call] of calls) {
    try {
      await call();
    } catch (err) {
      if (isRefusal(err)) {
        await onRefused(ctx, message, found, err, log);
        return false;
      }
      log.warn({ err }, `could not ${what}`);
    }
  }
  return true;
}

/** Answers a watched message that will not be rehosted: a reply saying why, and ❌. */
function refuse(
  ctx: BotContext,
  message: Message<true>,
  found: FoundWatch,
  content: string,
  log: BotContext['log'],
) {
  return answer(ctx, message, found, log, [
    ['reply', () => message.reply({ content, allowedMentions: NO_MENTIONS })],
    [
      'remove the reaction',
      () => message.reactions.cache.get(REACTION.working)?.users.remove(message.client.user.id),
    ],
    ['react', () => message.react(REACTION.failed)],
  ]);
}

/**
 * Runs a task for a channel once the previous one for that channel has settled: messages of one
 * channel are begun in turn, those of different channels at once.
 */
function inTurnPerChannel() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(channelId: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(channelId) ?? Promise.resolve()).then(task);
    const tail = run.catch(() => undefined);
    tails.set(channelId, tail);
    void tail.then(() => tails.get(channelId) === tail && tails.delete(channelId));
    return run;
  };
}

/**
 * The watch a message falls under, if the bot may answer it there, once its ⏳ is on: nothing
 * is asked of Discord where it would refuse (a reply could not be delivered either).
 */
async function begin(ctx: BotContext, message: Message<true>, log: BotContext['log']) {
  const found = await watchOf(ctx, message);
  if (!found || !(await mayAnswer(ctx, message, found, log))) return null;
  const working = () => message.react(REACTION.working);
  return (await answer(ctx, message, found, log, [['react', working]])) ? found : null;
}

type InTurn = ReturnType<typeof inTurnPerChannel>;

/** Queues a watched message's files, replying with what was refused when nothing was queued. */
async function queueWatched(
  ctx: BotContext,
  message: Message<true>,
  found: FoundWatch,
  attachments: ReturnType<typeof filesOf>,
  opts: { quiet?: boolean },
  mlog: BotContext['log'],
): Promise<WatchOutcome> {
  const post = postFor(found.watch, await isNsfwRequest(message.channel, attachments));
  const fail = (content: string) => refuse(ctx, message, found, content, mlog);
  try {
    const queued = await ctx.producer.enqueueRehost({
      requestId: `msg-${message.id}`,
      attachments,
      requester: {
        guildId: message.guildId,
        channelId: message.channelId,
        userId: message.author.id,
      },
      replyTarget: {
        type: 'message',
        channelId: message.channelId,
        messageId: message.id,
        ...(opts.quiet ? { quiet: true } : {}),
      },
      post,
    });
    if (queued.duplicate) return 'duplicate';
    if (queued.accepted.length === 0) {
      const refused = queued.refused.map((f) => withWords(f, ctx.config));
      await fail(formatRefusedOnly(refused, textFor(message.guild.preferredLocale)));
      return 'refused';
    }
    if (queued.refused.length > 0) {
      const refused = queued.refused.map((f) => refusedLine(f));
      mlog.info({ refused }, 'some files refused');
    }
    return 'queued';
  } catch (err) {
    if (err instanceof UserError) {
      mlog.info({ reason: err.message }, 'auto-rehost refused');
      await fail(textFor(message.guild.preferredLocale).say(err.say));
      return 'refused';
    }
    throw err;
  }
}

/** A message in any channel: rehosted when it has files and its channel is watched. */
async function rehostWatched(
  ctx: BotContext,
  log: BotContext['log'],
  inTurn: InTurn,
  message: Message,
  opts: { quiet?: boolean },
): Promise<WatchOutcome> {
  if (!message.inGuild() || message.author.bot || message.webhookId || message.system)
    return 'ignored';
  if (message.author.id === message.client.user.id) return 'ignored';
  const attachments = filesOf(ctx, message);
  if (attachments.length === 0) return 'ignored';
  const mlog = log.child({
    messageId: message.id,
    channelId: message.channelId,
    guildId: message.guildId,
    userId: message.author.id,
  });
  // One message of a channel at a time up to the ⏳: a refusal is known before the next asks.
  const found = await inTurn(message.channelId, () => begin(ctx, message, mlog));
  if (!found) return 'ignored';
  return queueWatched(ctx, message, found, attachments, opts, mlog);
}

/**
 * Auto-rehost: every image or video posted in a watched channel (or one of its threads or forum
 * posts) is queued, with a reaction while it works and a reply (pinging no one) when done, in
 * the thread it was posted in. Bots, webhooks, system messages and the bot itself are ignored,
 * so it can never loop. `handled` hears of each message once it is handled.
 */
export function registerWatchListener(
  client: Client,
  ctx: BotContext,
  handled?: (message: Message, outcome: WatchOutcome) => Promise<void>,
): WatchHandler {
  const log = ctx.log.child({ subsystem: 'watch' });
  const inTurn = inTurnPerChannel();
  let inFlight = 0;

  async function handle(message: Message, options: { quiet?: boolean } = {}) {
    const outcome = await rehostWatched(ctx, log, inTurn, message, options);
    await handled?.(message, outcome);
    return outcome;
  }

  client.on('messageCreate', (message) => {
    if (inFlight >= MAX_IN_FLIGHT) {
      log.warn(
        { messageId: message.id, channelId: message.channelId },
        'too busy; message skipped',
      );
      return;
    }
    inFlight += 1;
    void handle(message)
      .catch((err: unknown) => {
        const context = {
          messageId: message.id,
          channelId: message.channelId,
          guildId: message.guildId,
        };
        // Its ⏳ stays: the result may still come.
        if (err instanceof QueuedOrNotError)
          log.warn({ ...context }, 'auto-rehost may have been queued: Redis stalled');
        else if (isRedisUnavailable(err))
          log.warn({ ...context }, 'auto-rehost skipped: Redis is unavailable');
        else log.error({ err, ...context }, 'auto-rehost failed');
      })
      .finally(() => (inFlight -= 1));
  });
  return { handle };
}
