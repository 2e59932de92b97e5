/**
 * The permission questions Discord asks of its world: a member's permissions in a channel
 * (roles, overwrites, threads' parents, timeouts), what @everyone may do there, and whether a
 * user can see it. Rules from "Permissions" and "Threads" > "Permissions".
 */
import { SERVER_OWNER } from '../../../helpers/cast.js';
import { CHANNEL_TYPE, isThreadType } from './channel-types.js';
import type { ChannelRef, FakeChannel, FakeGuild } from './model.js';
import {
  applyOverwrites,
  computeBasePermissions,
  DEFAULT_EVERYONE_PERMISSIONS,
  has,
  PERMISSIONS,
} from './permissions.js';

export function accessQuestions(channelById: ReadonlyMap<string, ChannelRef>, botUserId: string) {
  /** The channel a thread lives in; the channel itself otherwise. */
  function permissionSource(ref: ChannelRef): FakeChannel {
    if (!isThreadType(ref.channel.type) || !ref.channel.parentId) return ref.channel;
    return channelById.get(ref.channel.parentId)?.channel ?? ref.channel;
  }

  function memberRolesOf(guild: FakeGuild, userId: string): string[] {
    if (userId === botUserId) return guild.botRoles ?? [];
    return guild.memberRoles?.[userId] ?? [];
  }

  /**
   * A user's permissions in a channel. Threads inherit their parent's overwrites ("Permissions" >
   * "Inherited Permissions (Threads)"). A member in timeout keeps only View Channel and Read
   * Message History ("Guild" > "Modify Guild Member", communication_disabled_until); the owner
   * and administrators cannot be timed out.
   */
  function permissionsIn(ref: ChannelRef, userId: string): bigint {
    const base = computeBasePermissions({
      guildId: ref.guild.id,
      ownerId: ref.guild.ownerId ?? SERVER_OWNER,
      everyone: ref.guild.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
      roles: new Map((ref.guild.roles ?? []).map((r) => [r.id, r])),
      userId,
      memberRoles: memberRolesOf(ref.guild, userId),
    });
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

  return {
    permissionSource,
    memberRolesOf,
    timedOutUntil,
    permissionsIn,
    everyonePermissionsIn,
    canView,
    botInGuild,
  };
}

/** Until when a member is timed out (communication_disabled_until), or null. */
function timedOutUntil(guild: FakeGuild, userId: string): number | null {
  const until = guild.timeouts?.[userId];
  return until !== undefined && until > Date.now() ? until : null;
}

const botInGuild = (guild: FakeGuild) => guild.botMember !== false;
