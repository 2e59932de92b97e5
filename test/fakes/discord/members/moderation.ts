/**
 * What moderators change: channels (CHANNEL_UPDATE, THREAD_UPDATE) and their overwrites, roles
 * (GUILD_ROLE_CREATE, GUILD_ROLE_UPDATE) and members' roles (GUILD_MEMBER_UPDATE).
 */
import type { Gateway } from '../gateway/gateway.js';
import type { FakeState } from '../state.js';
import { isThreadType, type FakeChannel, type FakeUser } from '../world/model.js';
import { channelPayload, memberPayload, threadPayload } from '../world/payloads.js';
import { rolePayload, type FakeOverwrite, type FakeRole } from '../world/permissions.js';
import { guildOf, refOf } from './find.js';

/** The fake's handle for moderation. */
export function moderation(state: FakeState, gateway: Gateway) {
  return {
    /** The bot's (or any user's) computed permissions in a channel. */
    permissionsOf(channelId: string, userId = state.botUser.id) {
      return state.world.permissionsIn(refOf(state, channelId), userId);
    },
    /** Replaces a channel's permission overwrites (CHANNEL_UPDATE). */
    setOverwrites(channelId: string, overwrites: FakeOverwrite[]) {
      updateChannel(state, gateway, channelId, { overwrites });
    },
    /** Changes a channel (CHANNEL_UPDATE), e.g. `{ nsfw: true }`. */
    updateChannel: (channelId: string, patch: Partial<FakeChannel>) =>
      updateChannel(state, gateway, channelId, patch),
    /** Adds a role (GUILD_ROLE_CREATE). */
    createRole(guildId: string, role: FakeRole) {
      const guild = guildOf(state, guildId);
      (guild.roles ??= []).push(role);
      gateway.dispatch(
        'GUILD_ROLE_CREATE',
        { guild_id: guildId, role: rolePayload(role, guild.roles.length - 1) },
        guildId,
      );
    },
    /** Changes a role's permissions (GUILD_ROLE_UPDATE); the guild id is @everyone. */
    updateRole: (guildId: string, roleId: string, patch: { permissions?: bigint; name?: string }) =>
      updateRole(state, gateway, guildId, roleId, patch),
    /** Sets a member's roles (GUILD_MEMBER_UPDATE; for the bot it is sent without GUILD_MEMBERS). */
    setMemberRoles(guildId: string, user: FakeUser, roles: string[]) {
      const guild = guildOf(state, guildId);
      if (user.id === state.botUser.id) guild.botRoles = roles;
      else (guild.memberRoles ??= {})[user.id] = roles;
      gateway.dispatch(
        'GUILD_MEMBER_UPDATE',
        { guild_id: guildId, ...memberPayload(user, roles) },
        guildId,
      );
    },
  };
}

function updateChannel(
  state: FakeState,
  gateway: Gateway,
  channelId: string,
  patch: Partial<FakeChannel>,
) {
  const ref = refOf(state, channelId);
  Object.assign(ref.channel, patch);
  if (isThreadType(ref.channel.type))
    gateway.dispatch(
      'THREAD_UPDATE',
      threadPayload(ref.guild, ref.channel, state.botUser.id),
      ref.guild.id,
    );
  else gateway.dispatch('CHANNEL_UPDATE', channelPayload(ref.guild, ref.channel), ref.guild.id);
}

function updateRole(
  state: FakeState,
  gateway: Gateway,
  guildId: string,
  roleId: string,
  patch: { permissions?: bigint; name?: string },
) {
  const guild = guildOf(state, guildId);
  if (roleId === guildId) {
    if (patch.permissions !== undefined) guild.everyonePermissions = patch.permissions;
    const role = {
      ...rolePayload({ id: guildId, permissions: guild.everyonePermissions ?? 0n }, -1),
      name: '@everyone',
      position: 0,
    };
    if (patch.permissions === undefined && guild.everyonePermissions === undefined)
      throw new Error('give @everyone its permissions');
    gateway.dispatch('GUILD_ROLE_UPDATE', { guild_id: guildId, role }, guildId);
    return;
  }
  const index = (guild.roles ?? []).findIndex((r) => r.id === roleId);
  const role = guild.roles?.[index];
  if (!role) throw new Error(`guild ${guildId} has no role ${roleId}`);
  Object.assign(role, patch);
  gateway.dispatch(
    'GUILD_ROLE_UPDATE',
    { guild_id: guildId, role: rolePayload(role, index) },
    guildId,
  );
}
