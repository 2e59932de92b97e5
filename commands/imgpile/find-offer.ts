import {
  ChannelType,
  DiscordAPIError,
  PermissionFlagsBits,
  type ButtonInteraction,
  type Guild,
  type GuildBasedChannel,
  type GuildMember,
  type GuildTextBasedChannel,
  type Message,
} from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { filesOf, isForwardedAdult, isNsfwRequest } from '../../src/discord/intake/files.js';
import { rehostFromInteraction } from '../../src/discord/intake/interaction.js';
import type { FindOffer } from '../../src/discord/views/find-offer.js';
import { UserError } from '../../src/errors.js';
import { say, textFor } from '../../src/text/index.js';

/** Messages read either side of an attachment's id to find the message it is in. */
const AROUND = 50;

/** The channel the link names, in this server (a channel of another server is none). */
export async function channelHere(guild: Guild, channelId: string) {
  const channel: GuildBasedChannel | null =
    guild.channels.cache.get(channelId) ??
    (await guild.channels.fetch(channelId).catch(() => null));
  return channel && channel.guildId === guild.id ? channel : null;
}

/**
 * Whether the member may read the channel's messages: View Channel and Read Message History
 * there. A private thread is its members' (which the bot does not read): only a member who
 * manages threads is sure to see it.
 */
function mayRead(channel: GuildTextBasedChannel, member: GuildMember) {
  const perms = channel.permissionsFor(member);
  if (!perms.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ReadMessageHistory]))
    return false;
  return channel.type !== ChannelType.PrivateThread || perms.has(PermissionFlagsBits.ManageThreads);
}

type Where = { channelId: string; messageId: string | null; attachmentId: string | null };

/**
 * The message named, read now: by its id, or (an attachment's link names no message) among
 * those posted around the attachment's id. Null when it is gone or the bot may not read it.
 */
async function messageOf(channel: GuildTextBasedChannel, where: Where): Promise<Message | null> {
  try {
    if (where.messageId)
      return await channel.messages.fetch({ message: where.messageId, cache: false });
    const id = where.attachmentId!;
    const near = await channel.messages.fetch({ around: id, limit: AROUND, cache: false });
    return near.find((m) => m.attachments.has(id)) ?? null;
  } catch (err) {
    if (err instanceof DiscordAPIError && (err.status === 403 || err.status === 404)) return null;
    throw err;
  }
}

export type Original = {
  channel: GuildTextBasedChannel;
  message: Message;
  files: ReturnType<typeof filesOf>;
};

/**
 * The original a member asked `/imgpile find` about, as they could rehost it: its channel (in
 * this server, one they may read: else 'unseen', and nothing of the message is read), its
 * message and its files (the one attachment named, else all of them). Null when the message
 * or the attachment is gone, or it has no file.
 */
export async function readOriginal(
  ctx: BotContext,
  guild: Guild,
  member: GuildMember,
  where: Where,
): Promise<Original | 'unseen' | null> {
  const channel = await channelHere(guild, where.channelId);
  if (!channel || !channel.isTextBased() || !mayRead(channel, member)) return 'unseen';
  const message = await messageOf(channel, where);
  if (!message) return null;
  const files = filesOf(ctx, message, false).filter(
    (f) => where.attachmentId === null || f.id === where.attachmentId,
  );
  return files.length > 0 ? { channel, message, files } : null;
}

/**
 * The press of find's Rehost button: only by the member who asked, and only while they may
 * still read the original (everything in the id is checked again: anyone can send any id).
 * The files are then queued as the message menu queues them (same quotas, refusals and reply),
 * in the answer the button was on, which loses its button.
 */
export async function rehostPressed(
  interaction: ButtonInteraction,
  ctx: BotContext,
  offer: FindOffer,
): Promise<void> {
  if (interaction.user.id !== offer.userId) throw new UserError(say('find.notYourButton'));
  if (!interaction.inCachedGuild()) throw new UserError(say('find.noneYouCanSee'));
  const original = await readOriginal(ctx, interaction.guild, interaction.member, offer);
  if (original === 'unseen') throw new UserError(say('find.noneYouCanSee'));
  if (!original) throw new UserError(say('find.gone'));
  const { channel, message, files } = original;
  const text = textFor(interaction.locale);
  await interaction.update({ content: text('find.rehosting'), components: [] });
  const nsfw = (await isNsfwRequest(channel, files)) || (await isForwardedAdult(message));
  // A private thread's files are for its members: kept out of imgpile's feeds (hidden).
  const hidden = channel.type === ChannelType.PrivateThread;
  const post =
    nsfw || hidden || files.length >= 2
      ? { ...(nsfw ? { nsfw: true } : {}), ...(hidden ? { visibility: 'hidden' as const } : {}) }
      : null;
  await rehostFromInteraction(interaction, ctx, files, post);
}
