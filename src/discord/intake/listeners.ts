import { ChannelType, type Client, type Message } from 'discord.js';
import { QueuedOrNotError, UserError } from '../../errors.js';
import { isRedisUnavailable } from '../../redis.js';
import { withWords } from '../../rehost/refusal.js';
import type { Attachment, PostOptions } from '../../request.js';
import type { Watch } from '../../store/index.js';
import type { FoundWatch } from '../../store/watching/watches.js';
import { textFor } from '../../text/index.js';
import type { BotContext } from '../core/context.js';
import { isMemberRefusal, isRefusal } from '../core/refusals.js';
import { NO_MENTIONS, REACTION, formatRefusedOnly, refusedLine } from '../views/format.js';
import { filesOf, isNsfwMessage } from './files.js';
import { mayAnswer, onMemberRefused, onRefused, reactsTo } from './watch-pause.js';

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
 * How visible a watched message's files may be on imgpile: as the watch says, but a private
 * thread's files never more than `hidden` (kept out of imgpile's feeds), whatever the watch says:
 * only the thread's members were meant to see them.
 */
function visibilityFor(watch: Watch, channel: Message<true>['channel']): Watch['visibility'] {
  const inPrivateThread = channel.type === ChannelType.PrivateThread;
  return inPrivateThread && watch.visibility === 'public' ? 'hidden' : watch.visibility;
}

/**
 * The post a watched message's files go into, if any. imgpile flags NSFW on posts only, and a
 * standalone file is listed publicly: an adult file, or a hidden or private watch (or a private
 * thread), always makes a post, flagged and restricted as asked.
 */
export function postFor(watch: Watch, message: Message<true>, nsfw: boolean): PostOptions | null {
  const visibility = visibilityFor(watch, message.channel);
  const restricted = visibility !== 'public';
  if (!nsfw && !restricted && watch.mode === 'media') return null;
  return {
    ...(nsfw ? { nsfw: true } : {}),
    ...(restricted ? { visibility } : {}),
  };
}

/**
 * Runs the calls that answer a watched message, in order, until Discord refuses one (403):
 * the refusal is counted and nothing more is sent. A refusal that is the author's own (they
 * blocked the bot) is counted against them and passed over, as other failures are (logged).
 * Returns whether the channel allowed every call.
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
      if (isMemberRefusal(err)) await onMemberRefused(ctx, message, err, log);
      else log.warn({ err }, `could not ${what}`);
    }
  }
  return true;
}

/**
 * Answers a watched message that will not be rehosted: a reply saying why, and ❌ unless its
 * author keeps refusing the bot's reactions.
 */
export async function refuse(
  ctx: BotContext,
  message: Message<true>,
  found: FoundWatch,
  content: string,
  log: BotContext['log'],
) {
  const reply = () => message.reply({ content, allowedMentions: NO_MENTIONS });
  if (!(await reactsTo(ctx, message.author.id)))
    return answer(ctx, message, found, log, [['reply', reply]]);
  return answer(ctx, message, found, log, [
    ['reply', reply],
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
export async function begin(ctx: BotContext, message: Message<true>, log: BotContext['log']) {
  const found = await watchOf(ctx, message);
  if (!found || !(await mayAnswer(ctx, message, found, log))) return null;
  // An author who keeps refusing the bot's reactions (blocked it) is answered without them.
  if (!(await reactsTo(ctx, message.author.id))) return found;
  const working = () => message.react(REACTION.working);
  return (await answer(ctx, message, found, log, [['react', working]])) ? found : null;
}

/**
 * Queues a watched message's files under `requestId`, as its author's, answered in reply to
 * it; when nothing is accepted, a reply says why (and ❌).
 */
export async function queueWatched(
  ctx: BotContext,
  message: Message<true>,
  found: FoundWatch,
  attachments: Attachment[],
  requestId: string,
  log: BotContext['log'],
  opts: { quiet?: boolean } = {},
): Promise<WatchOutcome> {
  const post = postFor(found.watch, message, await isNsfwMessage(message, attachments));
  const fail = (content: string) => refuse(ctx, message, found, content, log);
  try {
    const queued = await ctx.producer.enqueueRehost({
      requestId,
      attachments,
      requester: {
        guildId: message.guildId,
        channelId: message.channelId,
        userId: message.author.id,
        locale: message.guild.preferredLocale,
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
      log.info({ refused }, 'some files refused');
    }
    return 'queued';
  } catch (err) {
    if (err instanceof UserError) {
      log.info({ reason: err.message }, 'auto-rehost refused');
      await fail(textFor(message.guild.preferredLocale).say(err.say));
      return 'refused';
    }
    throw err;
  }
}

type InTurn = ReturnType<typeof inTurnPerChannel>;

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
  let attachments = filesOf(ctx, message);
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
  // A late embed's update (or an earlier reading of the message) may have taken some first:
  // each file is queued once.
  const fresh = await ctx.store.messageMedia.claim(
    message.id,
    attachments.map((a) => a.id),
  );
  attachments = attachments.filter((a) => fresh.has(a.id));
  if (attachments.length === 0) return 'duplicate';
  return queueWatched(ctx, message, found, attachments, `msg-${message.id}`, mlog, opts);
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
