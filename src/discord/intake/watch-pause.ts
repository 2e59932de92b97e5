import { PermissionFlagsBits, type DiscordAPIError, type Guild, type Message } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { FoundWatch } from '../../store/watching/watches.js';
import { english, say, textFor, type Say } from '../../text/index.js';
import type { BotContext } from '../core/context.js';
import { missingToAnswer } from '../core/permissions.js';
import { REFUSALS_TO_STOP } from '../core/refusals.js';

/**
 * The server's system channel with its overwrites: cached when watched, else asked of Discord
 * (once per pause).
 */
async function systemChannelOf(guild: Guild, log: Logger) {
  const id = guild.systemChannelId;
  if (!id) return null;
  const cached = guild.channels.cache.get(id);
  if (cached) return cached;
  return guild.channels.fetch(id, { cache: false }).catch((err: unknown) => {
    log.warn({ err }, 'could not read the server system channel');
    return null;
  });
}

/** Says it once in the server's system channel, where the bot's permissions there allow. */
async function tellServer(guild: Guild, content: string, log: Logger) {
  const channel = await systemChannelOf(guild, log);
  const me = guild.members.me;
  const can = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
  if (!channel?.isSendable() || !me || !channel.permissionsFor(me).has(can)) {
    log.warn('the server has no system channel the bot may post in: not told');
    return;
  }
  await channel
    .send({ content, allowedMentions: { parse: [] } })
    .catch((err: unknown) => log.warn({ err }, 'could not tell the server'));
}

/** Pauses the watch on `channelId` and tells the server, once whoever else tries. */
export async function pauseWatch(
  ctx: BotContext,
  guild: Guild,
  channelId: string,
  why: Say,
  log: Logger,
) {
  const reason = english.say(why);
  if (!(await ctx.store.watches.pause(guild.id, channelId, { reason, say: why }))) return;
  const plog = log.child({ watchedChannelId: channelId });
  plog.warn({ reason }, 'watch paused: its channel refuses the bot');
  // Said once, in the server's language.
  const text = textFor(guild.preferredLocale);
  const notice = text('pause.notice', { channelId, reason: text.say(why) });
  await tellServer(guild, notice, plog);
}

/**
 * Whether the bot may answer a watched message, read from what it knows without asking
 * Discord: a paused watch, a locked thread, missing permissions (which pause the watch), or a
 * channel that refused it lately (which pauses it too) all say no.
 */
export async function mayAnswer(
  ctx: BotContext,
  message: Message<true>,
  found: FoundWatch,
  log: Logger,
): Promise<boolean> {
  if (found.watch.paused) {
    log.debug('watch paused: message ignored');
    return false;
  }
  const { channel, guild } = message;
  const me = guild.members.me;
  // Passing states, not lost permissions: ignored without pausing the watch.
  if (!me || me.isCommunicationDisabled()) {
    log.debug('the bot is timed out in this server (or not known there yet): message ignored');
    return false;
  }
  if (channel.isThread() && channel.locked && !channel.permissionsFor(me).has('ManageThreads')) {
    log.debug('locked thread: message ignored');
    return false;
  }
  const missing = missingToAnswer(channel, me);
  if (missing.length > 0) {
    const why = say('pause.lost', { missing, channelId: channel.id });
    await pauseWatch(ctx, guild, found.channelId, why, log);
    return false;
  }
  if (found.refusals >= REFUSALS_TO_STOP) {
    const why = say('pause.refused', { refusals: found.refusals, channelId: channel.id });
    await pauseWatch(ctx, guild, found.channelId, why, log);
    return false;
  }
  return true;
}

/** A refusal met while answering a watched message: counted, and the watch paused at the limit. */
export async function onRefused(
  ctx: BotContext,
  message: Message<true>,
  found: FoundWatch,
  err: DiscordAPIError,
  log: Logger,
) {
  const refusals = await ctx.store.watches.noteRefusal(message.channelId);
  log.warn({ code: err.code, refusals }, 'Discord refused the bot in a watched channel');
  if (refusals >= REFUSALS_TO_STOP) {
    const why = say('pause.refused', { refusals, channelId: message.channelId });
    await pauseWatch(ctx, message.guild, found.channelId, why, log);
  }
}

/**
 * A refusal that is the message author's own (they blocked the bot): counted against them, so
 * the bot stops reacting to their messages, and never against the channel, so no member can get
 * a watch paused for everyone.
 */
export async function onMemberRefused(
  ctx: BotContext,
  message: Message<true>,
  err: DiscordAPIError,
  log: Logger,
) {
  const refusals = await ctx.store.watches.noteMemberRefusal(message.author.id);
  log.info({ code: err.code, refusals }, 'Discord refused the bot for this member alone');
}

/** Whether the bot still reacts to `userId`'s messages: not once they kept refusing it. */
export async function reactsTo(ctx: BotContext, userId: string): Promise<boolean> {
  return (await ctx.store.watches.memberRefusals(userId)) < REFUSALS_TO_STOP;
}
