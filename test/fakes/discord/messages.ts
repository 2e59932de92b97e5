/** Messages: the bot's (from REST writes) and users' (injected by tests), and their dispatch. */
import type { Gateway } from './gateway/gateway.js';
import { messageContentVariant } from './gateway/intents.js';
import { isThreadType, type ChannelRef, type FakeUser } from './world/model.js';
import {
  attachmentPayload,
  memberPayload,
  userPayload,
  type UserAttachment,
} from './world/payloads.js';
import { fakeSnowflake } from './snowflake.js';
import type { FakeState, SentMessage } from './state.js';
import { MESSAGE_FLAGS } from './validation.js';
import { assignComponentIds } from './validation/components.js';

/** The fields of a write body that a stored message keeps. */
export function pickMessageFields(body: Record<string, unknown>): Partial<SentMessage> {
  const out: Partial<SentMessage> = {};
  if ('content' in body) out.content = typeof body.content === 'string' ? body.content : '';
  if ('embeds' in body) out.embeds = (body.embeds as unknown[] | null) ?? [];
  if ('components' in body) {
    out.components = structuredClone((body.components as unknown[] | null) ?? []);
    assignComponentIds(out.components);
  }
  if ('flags' in body && body.flags !== null && body.flags !== undefined)
    out.flags = Number(body.flags);
  if ('allowed_mentions' in body) out.allowed_mentions = body.allowed_mentions;
  if ('message_reference' in body) out.message_reference = body.message_reference;
  return out;
}

export type BotMessage = SentMessage & Record<string, unknown>;

/** Applies an edit: EPHEMERAL stays as it was, LOADING goes (a deferred response is filled). */
export function editMessage(target: SentMessage, raw: Record<string, unknown>) {
  const fields = pickMessageFields(raw);
  const flags = fields.flags;
  delete fields.flags;
  Object.assign(target, fields);
  if (flags !== undefined) target.flags = flags | (target.flags & MESSAGE_FLAGS.EPHEMERAL);
  target.flags &= ~MESSAGE_FLAGS.LOADING;
  (target as BotMessage).edited_timestamp = new Date().toISOString();
}

/** A message written by the bot, as Discord returns it. */
export function botMessage(
  state: FakeState,
  channelId: string,
  body: Record<string, unknown>,
  extra: { guildId?: string | null; attachments?: unknown[]; interaction?: unknown } = {},
): BotMessage {
  const picked = pickMessageFields(body);
  const reply = picked.message_reference !== undefined;
  return {
    id: fakeSnowflake(),
    channel_id: channelId,
    ...(extra.guildId ? { guild_id: extra.guildId } : {}),
    content: '',
    embeds: [],
    components: [],
    flags: 0,
    ...picked,
    author: {
      ...userPayload(state.botUser),
      bot: true,
    },
    attachments: extra.attachments ?? [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    // 19 REPLY, 0 DEFAULT, 20 CHAT_INPUT_COMMAND for interaction responses.
    type: extra.interaction ? 20 : reply ? 19 : 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    ...(extra.interaction ? { interaction_metadata: extra.interaction } : {}),
  };
}

export type PostMessageInit = {
  /** A channel, thread or DM channel id. */
  channelId?: string;
  /** A thread to post in (same as passing its id as `channelId`). */
  threadId?: string;
  author: FakeUser;
  /** Text, links included. `<@bot id>` mentions the bot. */
  content?: string;
  /** Embeds as Discord generated them for links (see `imageLinkEmbed`). */
  embeds?: unknown[];
  attachments?: UserAttachment[];
  components?: unknown[];
  webhookId?: string;
  /** Users the message mentions (the bot, for the Message Content exception). */
  mentions?: FakeUser[];
  /** Message flags (e.g. 4096 SUPPRESS_NOTIFICATIONS). */
  flags?: number;
  /** Reply to this message. */
  replyTo?: { id: string } & Record<string, unknown>;
  /** Keep the message for later replies and reactions (default true). */
  store?: boolean;
  /**
   * Forward this message (as it was posted): the new message has no content of its own, a
   * `message_reference` of type 1 (FORWARD) and the original in `message_snapshots`.
   */
  forward?: UserMessage;
};

/** A user's message as the gateway sends it (MESSAGE_CREATE). */
export type UserMessage = {
  id: string;
  channel_id: string;
  guild_id?: string;
  content: string;
  author: ReturnType<typeof userPayload>;
  attachments: ReturnType<typeof attachmentPayload>[];
  embeds: unknown[];
} & Record<string, unknown>;

export function userMessagePayload(
  state: FakeState,
  target: { ref?: ChannelRef; channelId: string },
  init: PostMessageInit,
  id = fakeSnowflake(),
): UserMessage {
  const guildId = target.ref?.guild.id;
  const content = init.content ?? '';
  const mentions = [...(init.mentions ?? [])];
  if (
    content.includes(`<@${state.botUser.id}>`) &&
    !mentions.some((m) => m.id === state.botUser.id)
  )
    mentions.push(state.botUser);
  return {
    id,
    type: init.replyTo ? 19 : 0,
    channel_id: target.channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    author: userPayload(init.author),
    ...(guildId && !init.webhookId
      ? {
          member: memberPayload(
            null,
            target.ref ? state.world.memberRolesOf(target.ref.guild, init.author.id) : [],
          ),
        }
      : {}),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: mentions.map(userPayload),
    mention_roles: [],
    attachments: (init.attachments ?? []).map(attachmentPayload),
    embeds: init.embeds ?? [],
    components: init.components ?? [],
    pinned: false,
    flags: (init.flags ?? 0) | (init.forward ? HAS_SNAPSHOT : 0),
    ...(init.webhookId ? { webhook_id: init.webhookId } : {}),
    ...(init.forward ? forwardFields(init.forward) : {}),
    ...(init.replyTo
      ? {
          message_reference: {
            type: 0,
            message_id: init.replyTo.id,
            channel_id: target.channelId,
            ...(guildId ? { guild_id: guildId } : {}),
          },
          referenced_message: init.replyTo,
        }
      : {}),
  };
}

/** Message flag HAS_SNAPSHOT: the message is a forward and carries a snapshot. */
export const HAS_SNAPSHOT = 1 << 14;

/**
 * A forward's own fields ("Message" > "Message Reference Types": FORWARD; "Message Snapshot
 * Object"): the reference points at the original message, and the snapshot holds the subset of
 * its fields Discord copies (type, content, embeds, attachments, timestamp, edited_timestamp,
 * flags, mentions, mention_roles, stickers, sticker_items, components). No author, no ids.
 */
export function forwardFields(original: UserMessage) {
  const o = original as Record<string, unknown>;
  return {
    message_reference: {
      type: 1,
      message_id: original.id,
      channel_id: original.channel_id,
      ...(original.guild_id ? { guild_id: original.guild_id } : {}),
    },
    message_snapshots: [
      {
        message: {
          type: o.type ?? 0,
          content: original.content,
          embeds: original.embeds,
          attachments: original.attachments,
          timestamp: o.timestamp,
          edited_timestamp: o.edited_timestamp ?? null,
          flags: o.flags ?? 0,
          mentions: o.mentions ?? [],
          mention_roles: o.mention_roles ?? [],
          stickers: [],
          sticker_items: [],
          components: o.components ?? [],
        },
      },
    ],
  };
}

/** Counts a message in its thread ("message_count", "total_message_sent") and channel. */
export function recordActivity(ref: ChannelRef | undefined, messageId: string) {
  if (!ref) return;
  ref.channel.lastMessageId = messageId;
  if (isThreadType(ref.channel.type)) {
    ref.channel.messageCount = (ref.channel.messageCount ?? 0) + 1;
    ref.channel.totalMessageSent = (ref.channel.totalMessageSent ?? 0) + 1;
  }
}

/**
 * Dispatches MESSAGE_CREATE (or MESSAGE_UPDATE) to the sessions that may see it: the bot must
 * see the channel (guild events are only sent for channels the app can view), and sessions
 * without the Message Content intent get the emptied variant.
 */
export function dispatchMessage(
  state: FakeState,
  gateway: Gateway,
  t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE',
  payload: Record<string, unknown>,
  ref: ChannelRef | undefined,
) {
  if (ref && !state.world.canView(ref, state.botUser.id)) return;
  const { variant, stripped } = messageContentVariant(payload, state.botUser.id);
  gateway.dispatch(t, payload, ref?.guild.id ?? null, variant, stripped);
}
