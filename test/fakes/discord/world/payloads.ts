/** The JSON shapes Discord sends: users, members, channels, threads, guilds, user messages. */
import { SERVER_OWNER } from '../../../helpers/cast.js';
import {
  CHANNEL_TYPE,
  isForumType,
  isThreadType,
  type FakeChannel,
  type FakeGuild,
  type FakeUser,
  type PrivateChannel,
  type World,
} from './model.js';
import { DEFAULT_EVERYONE_PERMISSIONS, overwritePayload, rolePayload } from './permissions.js';
import { snowflakeTime } from '../snowflake.js';

export function userPayload(u: FakeUser) {
  return {
    id: u.id,
    username: u.username,
    discriminator: '0',
    global_name: u.globalName ?? null,
    avatar: null,
    bot: u.bot ?? false,
    public_flags: 0,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function memberPayload(
  u: FakeUser | null,
  roles: string[],
  permissions?: bigint,
  timedOutUntil: number | null = null,
) {
  return {
    ...(u ? { user: userPayload(u) } : {}),
    roles,
    nick: null,
    avatar: null,
    premium_since: null,
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: timedOutUntil === null ? null : iso(timedOutUntil),
    ...(permissions === undefined ? {} : { permissions: permissions.toString() }),
  };
}

/**
 * A thread as Discord sends it ("Threads" > "Thread Fields"): `parent_id`, `owner_id`, counts
 * and `thread_metadata`. No `nsfw`: "Threads do not explicitly set the nsfw field" ("Threads" >
 * "NSFW Threads"); they inherit their parent's.
 */
export function threadPayload(guild: FakeGuild, t: FakeChannel, botUserId?: string) {
  const createdAt = t.createdAt ?? snowflakeTime(t.id);
  const member =
    botUserId && (t.memberIds ?? []).includes(botUserId)
      ? {
          id: t.id,
          user_id: botUserId,
          join_timestamp: iso(createdAt),
          flags: 0,
        }
      : undefined;
  return {
    id: t.id,
    type: t.type ?? CHANNEL_TYPE.PUBLIC_THREAD,
    name: t.name,
    guild_id: guild.id,
    parent_id: t.parentId ?? null,
    owner_id: t.ownerId ?? SERVER_OWNER,
    last_message_id: t.lastMessageId ?? null,
    rate_limit_per_user: t.rateLimitPerUser ?? 0,
    flags: 0,
    message_count: t.messageCount ?? 0,
    total_message_sent: t.totalMessageSent ?? t.messageCount ?? 0,
    member_count: Math.min(50, (t.memberIds ?? []).length),
    thread_metadata: {
      archived: t.archived ?? false,
      auto_archive_duration: t.autoArchiveDuration ?? 1440,
      archive_timestamp: iso(t.archivedAt ?? createdAt),
      locked: t.locked ?? false,
      ...(t.type === CHANNEL_TYPE.PRIVATE_THREAD ? { invitable: t.invitable ?? true } : {}),
      create_timestamp: iso(createdAt),
    },
    ...(t.appliedTags ? { applied_tags: t.appliedTags } : {}),
    ...(member ? { member } : {}),
  };
}

/** A guild channel (not a thread), as in GUILD_CREATE, CHANNEL_UPDATE and GET /channels/:id. */
export function channelPayload(guild: FakeGuild, c: FakeChannel, position = 0) {
  const type = c.type ?? CHANNEL_TYPE.GUILD_TEXT;
  return {
    id: c.id,
    type,
    name: c.name,
    guild_id: guild.id,
    position: c.position ?? position,
    nsfw: c.nsfw ?? false,
    parent_id: c.parentId ?? null,
    topic: c.topic ?? null,
    rate_limit_per_user: c.rateLimitPerUser ?? 0,
    permission_overwrites: (c.overwrites ?? []).map(overwritePayload),
    last_message_id: c.lastMessageId ?? null,
    flags: 0,
    ...(isForumType(type)
      ? {
          available_tags: (c.availableTags ?? []).map((t) => ({
            id: t.id,
            name: t.name,
            moderated: t.moderated ?? false,
            emoji_id: null,
            emoji_name: null,
          })),
          default_reaction_emoji: null,
          default_sort_order: null,
          default_forum_layout: 0,
          default_thread_rate_limit_per_user: 0,
          default_auto_archive_duration: 4320,
        }
      : {}),
  };
}

/** Any guild channel or thread. */
export function anyChannelPayload(guild: FakeGuild, c: FakeChannel, botUserId?: string) {
  return isThreadType(c.type) ? threadPayload(guild, c, botUserId) : channelPayload(guild, c);
}

export function privateChannelPayload(c: PrivateChannel) {
  return {
    id: c.id,
    type: c.type,
    last_message_id: null,
    flags: 0,
    recipients: c.recipients.map(userPayload),
    ...(c.type === CHANNEL_TYPE.GROUP_DM
      ? { name: c.name ?? null, icon: null, owner_id: c.ownerId ?? c.recipients[0]?.id }
      : {}),
  };
}

/**
 * GUILD_CREATE ("Gateway Events" > "Guild Create"): roles, channels with their overwrites, the
 * bot's own member (discord.js computes `permissionsFor(me)` from these) and `threads`, the
 * active threads the bot can see ("Threads" > "Gateway Events").
 */
export function guildPayload(world: World, g: FakeGuild, botUser: FakeUser) {
  const threads = world
    .activeThreads(g)
    .filter((t) => world.canView({ guild: g, channel: t }, botUser.id))
    .map((t) => threadPayload(g, t, botUser.id));
  return {
    id: g.id,
    name: g.name,
    icon: null,
    owner_id: g.ownerId ?? SERVER_OWNER,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    system_channel_id: g.systemChannelId ?? null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: g.preferredLocale ?? 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    emojis: [],
    stickers: [],
    roles: [
      {
        ...rolePayload(
          { id: g.id, permissions: g.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS },
          -1,
        ),
        name: '@everyone',
        position: 0,
      },
      ...(g.roles ?? []).map(rolePayload),
    ],
    channels: g.channels
      .filter((c) => !isThreadType(c.type))
      .map((c, position) => channelPayload(g, c, position)),
    members: [memberPayload(botUser, g.botRoles ?? [])],
    threads,
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export type UserAttachment = {
  id: string;
  url: string;
  filename: string;
  size: number;
  contentType?: string | null;
  /** Attachment flags (e.g. 8 IS_SPOILER is not sent by Discord; spoilers are SPOILER_ names). */
  flags?: number;
  width?: number;
  height?: number;
  description?: string;
};

export function attachmentPayload(a: UserAttachment) {
  return {
    id: a.id,
    filename: a.filename,
    size: a.size,
    url: a.url,
    proxy_url: a.url,
    content_type: a.contentType ?? undefined,
    ...(a.flags === undefined ? {} : { flags: a.flags }),
    ...(a.width === undefined ? {} : { width: a.width, height: a.height ?? a.width }),
    ...(a.description === undefined ? {} : { description: a.description }),
  };
}

/**
 * The embed Discord generates for a link to an image in a message's content ("Message" >
 * "Embed Types": `image`): the url, and a thumbnail with its proxied copy and size.
 */
export function imageLinkEmbed(url: string, size: { width?: number; height?: number } = {}) {
  const width = size.width ?? 640;
  const height = size.height ?? 480;
  return {
    type: 'image',
    url,
    thumbnail: { url, proxy_url: url, width, height, flags: 0 },
    content_scan_version: 0,
  };
}

/** The embed Discord generates for a GIF link (Tenor, Giphy): `gifv`, with a video. */
export function gifvLinkEmbed(url: string, videoUrl: string) {
  return {
    type: 'gifv',
    url,
    provider: { name: 'Tenor', url: 'https://tenor.co' },
    thumbnail: { url: videoUrl, proxy_url: videoUrl, width: 498, height: 373 },
    video: { url: videoUrl, proxy_url: videoUrl, width: 498, height: 373 },
    content_scan_version: 0,
  };
}
