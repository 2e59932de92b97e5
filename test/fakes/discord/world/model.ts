/**
 * The fake's world: guilds, channels, threads, roles, members and private channels, indexed
 * for lookups at the scale of thousands of guilds, with the permission questions Discord asks
 * of it (access.ts).
 */
import { accessQuestions } from './access.js';
import { isThreadType } from './channel-types.js';
import type { FakeOverwrite, FakeRole } from './permissions.js';

export { CHANNEL_TYPE, isForumType, isTextType, isThreadType } from './channel-types.js';

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
  /**
   * The server's language (Server Settings > Community > Server Primary Language): the guild's
   * `preferred_locale`, an interaction's `guild_locale`. Default `en-US`, as Discord's.
   */
  preferredLocale?: string;
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

  return {
    guilds,
    guildById,
    privateChannels,
    addGuild(g: FakeGuild) {
      guilds.push(g);
      indexGuild(g);
    },
    addChannel(guild: FakeGuild, channel: FakeChannel) {
      guild.channels.push(channel);
      channelById.set(channel.id, { guild, channel });
    },
    channelRef: (id: string): ChannelRef | undefined => channelById.get(id),
    ...accessQuestions(channelById, botUserId),
    /** Active threads (not archived) of a guild. */
    activeThreads: (guild: FakeGuild): FakeChannel[] =>
      guild.channels.filter((c) => isThreadType(c.type) && !c.archived),
  };
}
