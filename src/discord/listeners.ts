import type { Client, Message } from 'discord.js';
import { UserError } from '../errors.js';
import { MAX_FILES_PER_REQUEST, type PostOptions } from '../queue/jobs.js';
import { isRedisUnavailable } from '../redis.js';
import type { Watch } from '../store/index.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS, REACTION, formatRefusedOnly, refusedLine } from './format.js';
import { messageLinks } from './links.js';
import { attachmentsOf, isNsfwRequest } from './rehost.js';

/** Messages being handled at once: beyond it (Redis slow or down) new ones are dropped, logged. */
const MAX_IN_FLIGHT = 64;

/**
 * The watch a message falls under: its channel's, or for a thread or a forum post its parent
 * channel's (a thread follows its parent's watch).
 */
async function watchOf(ctx: BotContext, message: Message<true>): Promise<Watch | null> {
  const own = await ctx.store.watches.get(message.guildId, message.channelId);
  if (own || !message.channel.isThread() || !message.channel.parentId) return own;
  return ctx.store.watches.get(message.guildId, message.channel.parentId);
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

/** A message's images and videos: its attachments, then the media links in its text and embeds. */
export function filesOf(ctx: BotContext, message: Message, mediaOnly = true) {
  const files = attachmentsOf(message.attachments.values(), { mediaOnly });
  if (!ctx.config.urls.enabled) return files;
  const room = MAX_FILES_PER_REQUEST - files.length;
  // A link to one of the message's own files is that file, not a second one.
  const own = new Set(files.map((f) => f.id));
  return [...files, ...messageLinks(message, ctx.config.attachmentHosts, room, own)];
}

/** Answers a watched message that will not be rehosted: a reply saying why, and ❌. */
async function refuse(message: Message<true>, content: string, log: BotContext['log']) {
  await message
    .reply({ content, allowedMentions: NO_MENTIONS })
    .catch((err: unknown) => log.warn({ err }, 'could not reply'));
  await message.reactions.cache
    .get(REACTION.working)
    ?.users.remove(message.client.user.id)
    .catch(() => undefined);
  await message.react(REACTION.failed).catch(() => undefined);
}

/**
 * Auto-rehost: every image or video posted in a watched channel (or one of its threads or forum
 * posts) is queued, with a reaction while it works and a reply (pinging no one) when done, in
 * the thread it was posted in. Bots, webhooks, system messages and the bot itself are ignored,
 * so it can never loop.
 */
export function registerWatchListener(client: Client, ctx: BotContext): void {
  const log = ctx.log.child({ subsystem: 'watch' });
  let inFlight = 0;
  client.on('messageCreate', (message) => {
    if (inFlight >= MAX_IN_FLIGHT) {
      log.warn(
        { messageId: message.id, channelId: message.channelId },
        'too busy; message skipped',
      );
      return;
    }
    inFlight += 1;
    void onMessage(message)
      .catch((err: unknown) => {
        const context = {
          messageId: message.id,
          channelId: message.channelId,
          guildId: message.guildId,
        };
        if (isRedisUnavailable(err))
          log.warn({ ...context }, 'auto-rehost skipped: Redis is unavailable');
        else log.error({ err, ...context }, 'auto-rehost failed');
      })
      .finally(() => (inFlight -= 1));
  });

  async function onMessage(message: Message): Promise<void> {
    if (!message.inGuild() || message.author.bot || message.webhookId || message.system) return;
    if (message.author.id === client.user?.id) return;
    const attachments = filesOf(ctx, message);
    if (attachments.length === 0) return;
    const watch = await watchOf(ctx, message);
    if (!watch) return;
    const context = {
      messageId: message.id,
      channelId: message.channelId,
      guildId: message.guildId,
      userId: message.author.id,
    };
    const post = postFor(watch, await isNsfwRequest(message.channel, attachments));

    await message
      .react(REACTION.working)
      .catch((err: unknown) => log.warn({ ...context, err }, 'could not react'));
    const fail = (content: string) => refuse(message, content, log.child(context));
    try {
      const queued = await ctx.producer.enqueueRehost({
        requestId: `msg-${message.id}`,
        attachments,
        requester: {
          guildId: message.guildId,
          channelId: message.channelId,
          userId: message.author.id,
        },
        replyTarget: { type: 'message', channelId: message.channelId, messageId: message.id },
        post,
      });
      if (queued.duplicate) return;
      if (queued.accepted.length === 0) {
        await fail(formatRefusedOnly(queued.refused));
        return;
      }
      if (queued.refused.length > 0)
        log.info({ ...context, refused: queued.refused.map(refusedLine) }, 'some files refused');
    } catch (err) {
      if (err instanceof UserError) {
        log.info({ ...context, reason: err.message }, 'auto-rehost refused');
        await fail(err.message);
        return;
      }
      throw err;
    }
  }
}
