/**
 * The INTERACTION_CREATE payload as Discord shapes it in servers, in DMs with the bot and in
 * other private channels: the invoker and their permissions, the app's permissions, the
 * partial channel, resolved channel options and a component's message ("Receiving and
 * Responding" > "Interaction Object", "Resolved Data Structure").
 */
import type { FakeState } from '../state.js';
import { fakeSnowflake } from '../snowflake.js';
import {
  CHANNEL_TYPE,
  isThreadType,
  type ChannelRef,
  type FakeGuild,
  type FakeUser,
  type PrivateChannel,
} from '../world/model.js';
import { anyChannelPayload, memberPayload, userPayload } from '../world/payloads.js';
import { PERMISSIONS } from '../world/permissions.js';

/** "app_permissions includes ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE for (G)DMs with
 * other users, and additionally includes USE_EXTERNAL_EMOJIS for DMs with the app's bot user". */
const PRIVATE_APP_PERMISSIONS =
  PERMISSIONS.ATTACH_FILES | PERMISSIONS.EMBED_LINKS | PERMISSIONS.MENTION_EVERYONE;
const BOT_DM_APP_PERMISSIONS = PRIVATE_APP_PERMISSIONS | PERMISSIONS.USE_EXTERNAL_EMOJIS;

export type Location =
  { kind: 'guild'; ref: ChannelRef } | { kind: 'private'; channel: PrivateChannel };

export function locate(state: FakeState, channelId: string): Location {
  const ref = state.world.channelRef(channelId);
  if (ref) return { kind: 'guild', ref };
  const channel = state.world.privateChannels.get(channelId);
  if (channel) return { kind: 'private', channel };
  throw new Error(`fake discord has no channel ${channelId}`);
}

/** Who may do what where it happens: the invoker (in a server), the app, and the channel. */
export type Access = {
  memberPermissions: bigint | null;
  appPermissions: bigint;
  channel: Record<string, unknown>;
};

export function accessAt(
  state: FakeState,
  where: Location,
  user: FakeUser,
  explicit: bigint | undefined,
  guildInstall: boolean,
): Access {
  if (where.kind === 'guild') {
    const memberPermissions = explicit ?? state.world.permissionsIn(where.ref, user.id);
    const appPermissions = guildInstall
      ? state.world.permissionsIn(where.ref, state.botUser.id)
      : // A user-installed app not in the server: what @everyone may do there.
        state.world.everyonePermissionsIn(where.ref);
    const channel = partialGuildChannel(state, where.ref, memberPermissions);
    return { memberPermissions, appPermissions, channel };
  }
  const c = where.channel;
  return {
    memberPermissions: null,
    appPermissions: c.withBot ? BOT_DM_APP_PERMISSIONS : PRIVATE_APP_PERMISSIONS,
    channel: {
      id: c.id,
      type: c.type,
      last_message_id: null,
      flags: 0,
      ...(c.withBot ? { recipients: [userPayload(user)] } : {}),
      ...(c.type === CHANNEL_TYPE.GROUP_DM
        ? { name: c.name ?? null, icon: null, owner_id: c.ownerId ?? c.recipients[0]?.id }
        : {}),
    },
  };
}

/** The partial channel an interaction carries ("Resolved Data Structure" partial channels). */
function partialGuildChannel(state: FakeState, ref: ChannelRef, permissions: bigint) {
  const full = anyChannelPayload(ref.guild, ref.channel) as Record<string, unknown>;
  const source = state.world.permissionSource(ref);
  return {
    id: full.id,
    type: full.type,
    name: full.name,
    guild_id: ref.guild.id,
    parent_id: full.parent_id ?? null,
    position: full.position ?? 0,
    // Threads do not carry nsfw; their parent decides.
    ...(isThreadType(ref.channel.type)
      ? { thread_metadata: full.thread_metadata }
      : { nsfw: source.nsfw ?? false, topic: full.topic ?? null }),
    flags: 0,
    rate_limit_per_user: full.rate_limit_per_user ?? 0,
    last_message_id: ref.channel.lastMessageId ?? null,
    permissions: permissions.toString(),
  };
}

/**
 * Channel options: Discord resolves each channel with the invoker's permissions there
 * ("Resolved Data Structure": partial channels carry `permissions`).
 */
export function fillResolvedChannels(
  state: FakeState,
  data: Record<string, unknown>,
  userId: string,
  explicit: bigint | undefined,
) {
  const resolved = data.resolved as
    { channels?: Record<string, Record<string, unknown>> } | undefined;
  if (!resolved?.channels) return;
  for (const [channelId, given] of Object.entries(resolved.channels)) {
    const ref = state.world.channelRef(channelId);
    if (!ref) continue;
    const permissions = explicit ?? state.world.permissionsIn(ref, userId);
    resolved.channels[channelId] = { ...given, ...partialGuildChannel(state, ref, permissions) };
  }
}

/** A component's message as Discord attaches it: every field discord.js reads, filled in. */
export function completeMessage(
  state: FakeState,
  raw: unknown,
  channelId: string,
  guildId: string | null,
) {
  const m = (raw ?? {}) as Record<string, unknown>;
  return {
    type: 0,
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    author: { ...userPayload(state.botUser), bot: true },
    channel_id: channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    ...m,
    id: m.id ?? fakeSnowflake(),
  };
}

/** Who is acting, as the payload says it: a member (with roles, timeout) or a user. */
export function invokerFields(
  state: FakeState,
  guild: FakeGuild | null,
  user: FakeUser,
  memberPermissions: bigint | null,
) {
  if (!guild) return { user: userPayload(user) };
  return {
    guild_id: guild.id,
    guild: { id: guild.id, locale: guild.preferredLocale ?? 'en-US', features: [] },
    member: memberPayload(
      user,
      state.world.memberRolesOf(guild, user.id),
      memberPermissions ?? 0n,
      state.world.timedOutUntil(guild, user.id),
    ),
  };
}
