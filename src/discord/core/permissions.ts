import {
  ChannelType,
  PermissionFlagsBits,
  PermissionsBitField,
  type GuildBasedChannel,
  type GuildMember,
  type Interaction,
  type PermissionResolvable,
} from 'discord.js';
import { UserError } from '../../errors.js';
import type { OwnerRecord } from '../../store/index.js';
import { say, type Permission, type Say } from '../../text/index.js';

/** What a member in a Discord timeout keeps: they may read, nothing more. */
const TIMED_OUT_KEEPS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory;

/**
 * A member's permissions in the server as Discord applies them: from their roles (and
 * ownership), and while a moderator has them in timeout, View Channel and Read Message History
 * only (discord.js leaves the timeout out; Discord cannot time out the owner or an
 * administrator).
 */
function serverPermissions(member: GuildMember): Readonly<PermissionsBitField> {
  const permissions = member.permissions;
  if (permissions.has(PermissionFlagsBits.Administrator) || !member.isCommunicationDisabled())
    return permissions;
  return new PermissionsBitField(permissions.bitfield & TIMED_OUT_KEEPS);
}

/**
 * A member's permissions in the server itself: from their roles (and ownership), never from one
 * channel's overwrites. Manage Messages granted in a single channel must not reach every bot
 * post in the server; a member in timeout has none of it. False outside a server the bot is in.
 */
export function hasServerPermission(interaction: Interaction, permission: PermissionResolvable) {
  return interaction.inCachedGuild() && serverPermissions(interaction.member).has(permission);
}

/**
 * Whether the member who ran a command can see the channel given as one of its options: Discord
 * says so in the interaction (a resolved channel carries the invoker's permissions there,
 * overwrites included), whether or not the bot caches that channel. Not said: no.
 */
export function invokerCanSee(option: unknown): boolean {
  return invokerHas(option, PermissionFlagsBits.ViewChannel);
}

/** Whether the invoker can read the channel's history (see `invokerCanSee`): what a backfill reads. */
export function invokerCanReadHistory(option: unknown): boolean {
  return invokerHas(
    option,
    PermissionFlagsBits.ViewChannel | PermissionFlagsBits.ReadMessageHistory,
  );
}

function invokerHas(option: unknown, permission: bigint): boolean {
  const permissions = (option as { permissions?: unknown } | null)?.permissions;
  return permissions instanceof PermissionsBitField && permissions.has(permission);
}

/**
 * Who may change or delete something the bot put on imgpile: the Discord user who asked for it,
 * or a member with Manage Messages in the server it was uploaded from (server-wide, not in one
 * channel). Anyone else is refused before anything is sent to imgpile.
 */
export function assertCanManage(
  record: OwnerRecord | null,
  interaction: Interaction,
  what: 'post' | 'media',
): void {
  if (!record) {
    throw new UserError(say('manage.notThroughBot', { kind: what }));
  }
  if (record.userId === interaction.user.id) return;
  if (
    record.guildId !== null &&
    record.guildId === interaction.guildId &&
    hasServerPermission(interaction, PermissionFlagsBits.ManageMessages)
  ) {
    return;
  }
  throw new UserError(say('manage.notUploader', { kind: what }));
}

export function assertManageGuild(
  interaction: Interaction,
  refusal: Say = say('manage.needManageServerWatch'),
): void {
  if (!hasServerPermission(interaction, PermissionFlagsBits.ManageGuild)) {
    throw new UserError(refusal);
  }
}

/** What the bot needs in a watched channel, for the channel kinds that can be watched. */
const WATCH_NEEDS: Record<'text' | 'forum', readonly Permission[]> = {
  text: [
    'ViewChannel',
    'SendMessages',
    'SendMessagesInThreads',
    'ReadMessageHistory',
    'AddReactions',
  ],
  // Forum and media channels take no messages of their own: every post is a thread.
  forum: ['ViewChannel', 'SendMessagesInThreads', 'ReadMessageHistory', 'AddReactions'],
};

/**
 * What the bot lacks, by its cached permissions, to answer a message in `channel`: react, then
 * reply (in a thread, Send Messages in Threads). Read before acting, so that a channel which
 * would refuse costs Discord no request.
 */
export function missingToAnswer(channel: GuildBasedChannel, me: GuildMember | null): Permission[] {
  const needs: Permission[] = [
    'ViewChannel',
    channel.isThread() ? 'SendMessagesInThreads' : 'SendMessages',
    'ReadMessageHistory',
    'AddReactions',
  ];
  const granted = me ? channel.permissionsFor(me) : null;
  return needs.filter((flag) => !granted?.has(PermissionFlagsBits[flag]));
}

/**
 * The permissions the bot lacks to work in a watched channel (its effective permissions there,
 * overwrites included), in the order Discord's settings list them. Empty: it has all it needs.
 */
export function missingWatchPermissions(
  channel: GuildBasedChannel,
  me: GuildMember | null,
): Permission[] {
  const forum = channel.type === ChannelType.GuildForum || channel.type === ChannelType.GuildMedia;
  const needs = forum ? WATCH_NEEDS.forum : WATCH_NEEDS.text;
  const granted = me ? channel.permissionsFor(me) : null;
  return needs.filter((flag) => !granted?.has(PermissionFlagsBits[flag]));
}

/**
 * A server's watches split by what the member who asks can see: Manage Server does not show
 * every channel, and a watch names its channel. Kept: a channel the member can see (View Channel
 * by its overwrites), and one the bot no longer has, which is shown by its id only and names
 * nothing. Left out: the rest, counted, so that the member knows there are more.
 */
export function watchesSeenBy<W extends { channelId: string }>(
  member: GuildMember,
  watches: readonly W[],
): { seen: W[]; unseen: number } {
  const seen = watches.filter(({ channelId }) => {
    const channel = member.guild.channels.cache.get(channelId);
    return !channel || channel.permissionsFor(member).has(PermissionFlagsBits.ViewChannel);
  });
  return { seen, unseen: watches.length - seen.length };
}
