/**
 * The fake's world: guilds, channels, threads, roles, members and private channels, indexed
 * for lookups at the scale of thousands of guilds, and the permission questions Discord asks.
 */
import {
  applyOverwrites,
  computeBasePermissions,
  DEFAULT_EVERYONE_PERMISSIONS,
  has,
  PERMISSIONS,
  type FakeOverwrite,
  type FakeRole,
} from './permissions.js';

/** Channel types ("Channel" > "Channel Types"). */
export const CHANNEL_TYPE = {
  GUILD_TEXT: 0,
  DM: 1,
  GUILD_VOICE: 2,
  GROUP_DM: 3,
  GUILD_CATEGORY: 4,
  GUILD_ANNOUNCEMENT: 5,
  ANNOUNCEMENT_THREAD: 10,
  PUBLIC_THREAD: 11,
  PRIVATE_THREAD: 12,
  GUILD_STAGE_VOICE: 13,
  GUILD_FORUM: 15,
  GUILD_MEDIA: 16,
} as const;

export const isThreadType = (type: number | undefined) =>
  type === CHANNEL_TYPE.ANNOUNCEMENT_THREAD ||
  type === CHANNEL_TYPE.PUBLIC_THREAD ||
  type === CHANNEL_TYPE.PRIVATE_THREAD;

export const isForumType = (type: number | undefined) =>
  type === CHANNEL_TYPE.GUILD_FORUM || type === CHANNEL_TYPE.GUILD_MEDIA;

/** Channels that hold messages of their own (threads included). */
export const isTextType = (type: number | undefined) =>
  (type ?? 0) === CHANNEL_TYPE.GUILD_TEXT ||
  type === CHANNEL_TYPE.GUILD_ANNOUNCEMENT ||
  type === CHANNEL_TYPE.GUILD_VOICE ||
  type === CHANNEL_TYPE.GUILD_STAGE_VOICE ||
  isThreadType(type);

export type FakeUser = { id: string; username: string; bot?: boolean; globalName?: string };

export type FakeChannel = {
  id: string;
  name: string;
  nsfw?: boolean;
  /** A channel type (default 0, text). Threads are 10, 11 or 12 and need `parentId`. */
  type?: number;
  /** The category of a channel; the parent channel of a thread. */
  parentId?: string;
  topic?: string;
  position?: number;
  rateLimitPerUser?: number;
  /** Channel permission overwrites (threads use their parent's). */
  overwrites?: FakeOverwrite[];
  /** Forum and media channels: the tags posts may carry. */
  availableTags?: { id: string; name: string; moderated?: boolean }[];
  // Threads only.
  ownerId?: string;
  archived?: boolean;
  locked?: boolean;
  autoArchiveDuration?: 60 | 1440 | 4320 | 10080;
  invitable?: boolean;
  createdAt?: number;
  archivedAt?: number;
  /** Users who joined the thread (the bot sees a private thread only as a member or moderator). */
  memberIds?: string[];
  messageCount?: number;
  totalMessageSent?: number;
  appliedTags?: string[];
  lastMessageId?: string | null;
};

export type FakeGuild = {
  id: string;
  name: string;
  channels: FakeChannel[];
  ownerId?: string;
  /** @everyone's permissions (default: the everyday text permissions). */
  everyonePermissions?: bigint;
  /** Roles besides @everyone. */
  roles?: FakeRole[];
  /** Role ids the bot's member holds. */
  botRoles?: string[];
  /** Role ids other members hold, by user id (for computed interaction permissions). */
  memberRoles?: Record<string, string[]>;
  /** Members in timeout: until when (ms since the epoch), by user id. */
  timeouts?: Record<string, number>;
  /** false: the bot is not in this server (only a user-installed app is used there). */
  botMember?: boolean;
  /** Where Discord posts join messages and the like (Server Settings > System Messages). */
  systemChannelId?: string;
};

/** A DM or group DM. `withBot`: a DM with the app's bot user. */
export type PrivateChannel = {
  id: string;
  type: 1 | 3;
  recipients: FakeUser[];
  withBot: boolean;
  name?: string;
  ownerId?: string;
};

export type ChannelRef = { guild: FakeGuild; channel: FakeChannel };

export const DEFAULT_OWNER_ID = '1200000000000000099';

export type World = ReturnType<typeof createWorld>;

export function createWorld(guilds: FakeGuild[], botUserId: string) {
  const guildById = new Map<string, FakeGuild>();
  const channelById = new Map<string, ChannelRef>();
  const privateChannels = new Map<string, PrivateChannel>();

  function indexGuild(g: FakeGuild) {
    guildById.set(g.id, g);
    for (const channel of g.channels) channelById.set(channel.id, { guild: g, channel });
  }
  for (const g of guilds) indexGuild(g);

  function addGuild(g: FakeGuild) {
    guilds.push(g);
    indexGuild(g);
  }

  function addChannel(guild: FakeGuild, channel: FakeChannel) {
    guild.channels.push(channel);
    channelById.set(channel.id, { guild, channel });
  }

  function channelRef(id: string): ChannelRef | undefined {
    return channelById.get(id);
  }

  /** The channel a thread lives in; the channel itself otherwise. */
  function permissionSource(ref: ChannelRef): FakeChannel {
    if (!isThreadType(ref.channel.type) || !ref.channel.parentId) return ref.channel;
    return channelById.get(ref.channel.parentId)?.channel ?? ref.channel;
  }

  function memberRolesOf(guild: FakeGuild, userId: string): string[] {
    if (userId === botUserId) return guild.botRoles ?? [];
    return guild.memberRoles?.[userId] ?? [];
  }

  function basePermissions(guild: FakeGuild, userId: string): bigint {
    return computeBasePermissions({
      guildId: guild.id,
      ownerId: guild.ownerId ?? DEFAULT_OWNER_ID,
      everyone: guild.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
      roles: new Map((guild.roles ?? []).map((r) => [r.id, r])),
      userId,
      memberRoles: memberRolesOf(guild, userId),
    });
  }

  /** Until when a member is timed out (communication_disabled_until), or null. */
  function timedOutUntil(guild: FakeGuild, userId: string): number | null {
    const until = guild.timeouts?.[userId];
    return until !== undefined && until > Date.now() ? until : null;
  }

  /**
   * A user's permissions in a channel. Threads inherit their parent's overwrites ("Permissions" >
   * "Inherited Permissions (Threads)"). A member in timeout keeps only View Channel and Read
   * Message History ("Guild" > "Modify Guild Member", communication_disabled_until); the owner
   * and administrators cannot be timed out.
   */
  function permissionsIn(ref: ChannelRef, userId: string): bigint {
    const base = basePermissions(ref.guild, userId);
    const permissions = applyOverwrites(base, {
      guildId: ref.guild.id,
      userId,
      memberRoles: memberRolesOf(ref.guild, userId),
      overwrites: permissionSource(ref).overwrites ?? [],
    });
    if (has(base, PERMISSIONS.ADMINISTRATOR) || timedOutUntil(ref.guild, userId) === null)
      return permissions;
    return permissions & (PERMISSIONS.VIEW_CHANNEL | PERMISSIONS.READ_MESSAGE_HISTORY);
  }

  /** What @everyone alone may do in a channel (base @everyone plus the @everyone overwrite). */
  function everyonePermissionsIn(ref: ChannelRef): bigint {
    const overwrites = (permissionSource(ref).overwrites ?? []).filter(
      (o) => o.type === 0 && o.id === ref.guild.id,
    );
    return applyOverwrites(ref.guild.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS, {
      guildId: ref.guild.id,
      userId: '0',
      memberRoles: [],
      overwrites,
    });
  }

  const botInGuild = (guild: FakeGuild) => guild.botMember !== false;

  /**
   * Whether a user can see a channel: VIEW_CHANNEL, and for a private thread membership or
   * MANAGE_THREADS ("Threads" > "Permissions").
   */
  function canView(ref: ChannelRef, userId: string): boolean {
    if (userId === botUserId && !botInGuild(ref.guild)) return false;
    const permissions = permissionsIn(ref, userId);
    if (!has(permissions, PERMISSIONS.VIEW_CHANNEL)) return false;
    if (ref.channel.type === CHANNEL_TYPE.PRIVATE_THREAD) {
      return (
        (ref.channel.memberIds ?? []).includes(userId) ||
        ref.channel.ownerId === userId ||
        has(permissions, PERMISSIONS.MANAGE_THREADS)
      );
    }
    return true;
  }

  /** Active threads (not archived) of a guild. */
  function activeThreads(guild: FakeGuild): FakeChannel[] {
    return guild.channels.filter((c) => isThreadType(c.type) && !c.archived);
  }

  return {
    guilds,
    guildById,
    privateChannels,
    addGuild,
    addChannel,
    channelRef,
    permissionSource,
    memberRolesOf,
    timedOutUntil,
    permissionsIn,
    everyonePermissionsIn,
    canView,
    botInGuild,
    activeThreads,
  };
}
