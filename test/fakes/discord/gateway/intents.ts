/**
 * What a session receives: intent bits and the event each needs, the application flags that
 * mirror the portal's privileged intent switches, and message content emptied for sessions
 * without the Message Content intent. Rules from "Gateway" > "List of Intents" and
 * "Privileged Intents".
 */
import type { FakeState } from '../state.js';

/** Intent bits ("Gateway" > "List of Intents"). */
export const INTENTS = {
  GUILDS: 1 << 0,
  GUILD_MEMBERS: 1 << 1,
  GUILD_MODERATION: 1 << 2,
  GUILD_EXPRESSIONS: 1 << 3,
  GUILD_INTEGRATIONS: 1 << 4,
  GUILD_WEBHOOKS: 1 << 5,
  GUILD_INVITES: 1 << 6,
  GUILD_VOICE_STATES: 1 << 7,
  GUILD_PRESENCES: 1 << 8,
  GUILD_MESSAGES: 1 << 9,
  GUILD_MESSAGE_REACTIONS: 1 << 10,
  GUILD_MESSAGE_TYPING: 1 << 11,
  DIRECT_MESSAGES: 1 << 12,
  DIRECT_MESSAGE_REACTIONS: 1 << 13,
  DIRECT_MESSAGE_TYPING: 1 << 14,
  MESSAGE_CONTENT: 1 << 15,
  GUILD_SCHEDULED_EVENTS: 1 << 16,
  AUTO_MODERATION_CONFIGURATION: 1 << 20,
  AUTO_MODERATION_EXECUTION: 1 << 21,
  GUILD_MESSAGE_POLLS: 1 << 24,
  DIRECT_MESSAGE_POLLS: 1 << 25,
};
export const KNOWN_INTENTS = Object.values(INTENTS).reduce((a, b) => a | b, 0);

/** Application flags that mirror the portal's privileged intent switches ("Application"). */
export const APPLICATION_FLAGS = {
  GATEWAY_PRESENCE: 1 << 12,
  GATEWAY_PRESENCE_LIMITED: 1 << 13,
  GATEWAY_GUILD_MEMBERS: 1 << 14,
  GATEWAY_GUILD_MEMBERS_LIMITED: 1 << 15,
  GATEWAY_MESSAGE_CONTENT: 1 << 18,
  GATEWAY_MESSAGE_CONTENT_LIMITED: 1 << 19,
  APPLICATION_COMMAND_BADGE: 1 << 23,
};

export function applicationFlags(state: FakeState): number {
  const verified = state.options.verified ?? false;
  const F = APPLICATION_FLAGS;
  let flags = F.APPLICATION_COMMAND_BADGE;
  if (state.privileged.presences)
    flags |= verified ? F.GATEWAY_PRESENCE : F.GATEWAY_PRESENCE_LIMITED;
  if (state.privileged.guildMembers)
    flags |= verified ? F.GATEWAY_GUILD_MEMBERS : F.GATEWAY_GUILD_MEMBERS_LIMITED;
  if (state.privileged.messageContent)
    flags |= verified ? F.GATEWAY_MESSAGE_CONTENT : F.GATEWAY_MESSAGE_CONTENT_LIMITED;
  return flags;
}

/** Whether `intents` asks for a privileged intent the app has not been granted (4014). */
export function privilegedDenied(state: FakeState, intents: number): boolean {
  const p = state.privileged;
  return (
    (!!(intents & INTENTS.MESSAGE_CONTENT) && !p.messageContent) ||
    (!!(intents & INTENTS.GUILD_MEMBERS) && !p.guildMembers) ||
    (!!(intents & INTENTS.GUILD_PRESENCES) && !p.presences)
  );
}

/**
 * The intent an event needs ("Gateway" > "List of Intents"); null for events sent regardless
 * (INTERACTION_CREATE, READY, ...). GUILD_MEMBER_UPDATE for the bot itself is sent without
 * GUILD_MEMBERS ("Caveats").
 */
export function requiredIntent(
  t: string,
  d: unknown,
  guildId: string | null | undefined,
  botUserId: string,
): number | null {
  const inGuild = !!guildId;
  switch (t) {
    case 'GUILD_CREATE':
    case 'GUILD_UPDATE':
    case 'GUILD_DELETE':
    case 'GUILD_ROLE_CREATE':
    case 'GUILD_ROLE_UPDATE':
    case 'GUILD_ROLE_DELETE':
    case 'CHANNEL_CREATE':
    case 'CHANNEL_UPDATE':
    case 'CHANNEL_DELETE':
    case 'THREAD_CREATE':
    case 'THREAD_UPDATE':
    case 'THREAD_DELETE':
    case 'THREAD_LIST_SYNC':
    case 'THREAD_MEMBER_UPDATE':
    case 'STAGE_INSTANCE_CREATE':
    case 'STAGE_INSTANCE_UPDATE':
    case 'STAGE_INSTANCE_DELETE':
      return INTENTS.GUILDS;
    case 'CHANNEL_PINS_UPDATE':
      return inGuild ? INTENTS.GUILDS : INTENTS.DIRECT_MESSAGES;
    case 'GUILD_MEMBER_ADD':
    case 'GUILD_MEMBER_REMOVE':
      return INTENTS.GUILD_MEMBERS;
    case 'GUILD_MEMBER_UPDATE': {
      const userId = (d as { user?: { id?: string } } | null)?.user?.id;
      return userId === botUserId ? null : INTENTS.GUILD_MEMBERS;
    }
    case 'PRESENCE_UPDATE':
      return INTENTS.GUILD_PRESENCES;
    case 'MESSAGE_CREATE':
    case 'MESSAGE_UPDATE':
    case 'MESSAGE_DELETE':
    case 'MESSAGE_DELETE_BULK':
      return inGuild ? INTENTS.GUILD_MESSAGES : INTENTS.DIRECT_MESSAGES;
    case 'MESSAGE_REACTION_ADD':
    case 'MESSAGE_REACTION_REMOVE':
    case 'MESSAGE_REACTION_REMOVE_ALL':
    case 'MESSAGE_REACTION_REMOVE_EMOJI':
      return inGuild ? INTENTS.GUILD_MESSAGE_REACTIONS : INTENTS.DIRECT_MESSAGE_REACTIONS;
    case 'TYPING_START':
      return inGuild ? INTENTS.GUILD_MESSAGE_TYPING : INTENTS.DIRECT_MESSAGE_TYPING;
    case 'MESSAGE_POLL_VOTE_ADD':
    case 'MESSAGE_POLL_VOTE_REMOVE':
      return inGuild ? INTENTS.GUILD_MESSAGE_POLLS : INTENTS.DIRECT_MESSAGE_POLLS;
    default:
      return null;
  }
}

/**
 * "Message Content Intent": without it, `content`, `embeds`, `attachments`, `components` and
 * `poll` arrive empty, except in messages the app sent, DMs with the app, and messages that
 * mention it. (The poll is left out altogether, as Discord does.)
 */
export function messageContentVariant(message: Record<string, unknown>, botUserId: string) {
  const exempt = (m: Record<string, unknown>) =>
    (m.author as { id?: string } | undefined)?.id === botUserId ||
    !m.guild_id ||
    ((m.mentions as { id?: string }[] | undefined) ?? []).some((u) => u.id === botUserId);
  const strip = (m: Record<string, unknown>): Record<string, unknown> => {
    if (exempt(m)) return m;
    const { poll: _poll, ...rest } = m;
    const emptied = { ...rest, content: '', embeds: [], attachments: [], components: [] };
    // A forward's snapshot is message content too: emptied the same way.
    const snapshots = m.message_snapshots as { message: Record<string, unknown> }[] | undefined;
    if (!snapshots) return emptied;
    return {
      ...emptied,
      message_snapshots: snapshots.map((s) => ({
        ...s,
        message: { ...s.message, content: '', embeds: [], attachments: [], components: [] },
      })),
    };
  };
  return {
    variant: (intents: number) =>
      intents & INTENTS.MESSAGE_CONTENT || exempt(message)
        ? ('full' as const)
        : ('stripped' as const),
    stripped: () => {
      const out = strip(message);
      const ref = message.referenced_message as Record<string, unknown> | null | undefined;
      return ref
        ? { ...out, referenced_message: strip({ ...ref, guild_id: message.guild_id }) }
        : out;
    },
  };
}
