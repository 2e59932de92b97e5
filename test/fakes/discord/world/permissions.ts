/**
 * Permissions, computed as Discord computes them ("Permissions" > "Permission Overwrites",
 * "Implicit Permissions", "Inherited Permissions (Threads)").
 */

/** Discord's permission bits ("Permissions" > "Bitwise Permission Flags"). */
export const PERMISSIONS = {
  CREATE_INSTANT_INVITE: 1n << 0n,
  KICK_MEMBERS: 1n << 1n,
  BAN_MEMBERS: 1n << 2n,
  ADMINISTRATOR: 1n << 3n,
  MANAGE_CHANNELS: 1n << 4n,
  MANAGE_GUILD: 1n << 5n,
  ADD_REACTIONS: 1n << 6n,
  VIEW_AUDIT_LOG: 1n << 7n,
  PRIORITY_SPEAKER: 1n << 8n,
  STREAM: 1n << 9n,
  VIEW_CHANNEL: 1n << 10n,
  SEND_MESSAGES: 1n << 11n,
  SEND_TTS_MESSAGES: 1n << 12n,
  MANAGE_MESSAGES: 1n << 13n,
  EMBED_LINKS: 1n << 14n,
  ATTACH_FILES: 1n << 15n,
  READ_MESSAGE_HISTORY: 1n << 16n,
  MENTION_EVERYONE: 1n << 17n,
  USE_EXTERNAL_EMOJIS: 1n << 18n,
  VIEW_GUILD_INSIGHTS: 1n << 19n,
  CONNECT: 1n << 20n,
  SPEAK: 1n << 21n,
  MUTE_MEMBERS: 1n << 22n,
  DEAFEN_MEMBERS: 1n << 23n,
  MOVE_MEMBERS: 1n << 24n,
  USE_VAD: 1n << 25n,
  CHANGE_NICKNAME: 1n << 26n,
  MANAGE_NICKNAMES: 1n << 27n,
  MANAGE_ROLES: 1n << 28n,
  MANAGE_WEBHOOKS: 1n << 29n,
  MANAGE_GUILD_EXPRESSIONS: 1n << 30n,
  USE_APPLICATION_COMMANDS: 1n << 31n,
  REQUEST_TO_SPEAK: 1n << 32n,
  MANAGE_EVENTS: 1n << 33n,
  MANAGE_THREADS: 1n << 34n,
  CREATE_PUBLIC_THREADS: 1n << 35n,
  CREATE_PRIVATE_THREADS: 1n << 36n,
  USE_EXTERNAL_STICKERS: 1n << 37n,
  SEND_MESSAGES_IN_THREADS: 1n << 38n,
  USE_EMBEDDED_ACTIVITIES: 1n << 39n,
  MODERATE_MEMBERS: 1n << 40n,
  VIEW_CREATOR_MONETIZATION_ANALYTICS: 1n << 41n,
  USE_SOUNDBOARD: 1n << 42n,
  CREATE_GUILD_EXPRESSIONS: 1n << 43n,
  CREATE_EVENTS: 1n << 44n,
  USE_EXTERNAL_SOUNDS: 1n << 45n,
  SEND_VOICE_MESSAGES: 1n << 46n,
  SEND_POLLS: 1n << 49n,
  USE_EXTERNAL_APPS: 1n << 50n,
};

export const ALL_PERMISSIONS = Object.values(PERMISSIONS).reduce((a, b) => a | b, 0n);

/**
 * What @everyone may do when a test does not say otherwise: the everyday text permissions,
 * thread participation and external apps (Discord enables Use External Apps by default).
 */
export const DEFAULT_EVERYONE_PERMISSIONS =
  PERMISSIONS.SEND_MESSAGES |
  PERMISSIONS.VIEW_CHANNEL |
  PERMISSIONS.ADD_REACTIONS |
  PERMISSIONS.ATTACH_FILES |
  PERMISSIONS.EMBED_LINKS |
  PERMISSIONS.READ_MESSAGE_HISTORY |
  PERMISSIONS.USE_APPLICATION_COMMANDS |
  PERMISSIONS.USE_EXTERNAL_EMOJIS |
  PERMISSIONS.CREATE_PUBLIC_THREADS |
  PERMISSIONS.CREATE_PRIVATE_THREADS |
  PERMISSIONS.SEND_MESSAGES_IN_THREADS |
  PERMISSIONS.USE_EXTERNAL_APPS;

export type FakeRole = {
  id: string;
  name?: string;
  permissions: bigint;
  position?: number;
  managed?: boolean;
};

/** A channel permission overwrite: `type` 0 is a role (or @everyone, id = guild id), 1 a member. */
export type FakeOverwrite = { id: string; type: 0 | 1; allow?: bigint; deny?: bigint };

/**
 * Base permissions, from "Permissions" > "Permission Overwrites" (compute_base_permissions):
 * the owner has everything; otherwise @everyone's permissions OR each role's; ADMINISTRATOR
 * means everything.
 */
export function computeBasePermissions(input: {
  guildId: string;
  ownerId: string;
  everyone: bigint;
  roles: ReadonlyMap<string, FakeRole>;
  userId: string;
  memberRoles: readonly string[];
}): bigint {
  if (input.userId === input.ownerId) return ALL_PERMISSIONS;
  let permissions = input.everyone;
  for (const id of input.memberRoles) permissions |= input.roles.get(id)?.permissions ?? 0n;
  if ((permissions & PERMISSIONS.ADMINISTRATOR) === PERMISSIONS.ADMINISTRATOR)
    return ALL_PERMISSIONS;
  return permissions;
}

/**
 * Channel overwrites applied in Discord's order (compute_overwrites): @everyone deny then allow,
 * then every role's denies, then every role's allows, then the member's deny then allow.
 * ADMINISTRATOR (already folded into ALL by the base) ignores overwrites.
 */
export function applyOverwrites(
  base: bigint,
  input: {
    guildId: string;
    userId: string;
    memberRoles: readonly string[];
    overwrites: readonly FakeOverwrite[];
  },
): bigint {
  if ((base & PERMISSIONS.ADMINISTRATOR) === PERMISSIONS.ADMINISTRATOR) return ALL_PERMISSIONS;
  let permissions = base;
  const everyone = input.overwrites.find((o) => o.type === 0 && o.id === input.guildId);
  if (everyone) {
    permissions &= ~(everyone.deny ?? 0n);
    permissions |= everyone.allow ?? 0n;
  }
  let allow = 0n;
  let deny = 0n;
  for (const o of input.overwrites) {
    if (o.type === 0 && o.id !== input.guildId && input.memberRoles.includes(o.id)) {
      allow |= o.allow ?? 0n;
      deny |= o.deny ?? 0n;
    }
  }
  permissions &= ~deny;
  permissions |= allow;
  const member = input.overwrites.find((o) => o.type === 1 && o.id === input.userId);
  if (member) {
    permissions &= ~(member.deny ?? 0n);
    permissions |= member.allow ?? 0n;
  }
  return permissions;
}

export const has = (permissions: bigint, flag: bigint) => (permissions & flag) === flag;

/** Discord's wire form of an overwrite (bitfields as strings). */
export function overwritePayload(o: FakeOverwrite) {
  return {
    id: o.id,
    type: o.type,
    allow: (o.allow ?? 0n).toString(),
    deny: (o.deny ?? 0n).toString(),
  };
}

export function rolePayload(r: FakeRole, index: number) {
  return {
    id: r.id,
    name: r.name ?? `role-${index}`,
    permissions: r.permissions.toString(),
    position: r.position ?? index + 1,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    managed: r.managed ?? false,
    mentionable: false,
    flags: 0,
  };
}
