/**
 * What members say: messages in channels, threads and DMs (MESSAGE_CREATE), floods of chat for
 * benches, reactions, and the private channels they happen in.
 */
import type { Gateway } from '../gateway/gateway.js';
import { forgetHeldMessage } from '../interactions/component.js';
import {
  dispatchMessage,
  recordActivity,
  userMessagePayload,
  type PostMessageInit,
} from '../messages.js';
import { fakeSnowflake } from '../snowflake.js';
import type { FakeState } from '../state.js';
import {
  CHANNEL_TYPE,
  isForumType,
  isTextType,
  isThreadType,
  type FakeUser,
  type PrivateChannel,
} from '../world/model.js';
import { threadPayload } from '../world/payloads.js';
import { chatter } from '../../../helpers/cast.js';

export type PostManyInit = {
  /** Channels to spread the messages over, round robin (default: every text channel). */
  channels?: string[];
  author?: FakeUser;
  content?: string | ((n: number) => string);
  attachments?: PostMessageInit['attachments'];
  /**
   * What the fake keeps of each message: 'id' (default: enough for replies and reactions),
   * 'full' (the payload too) or 'none' (nothing, for memory benches).
   */
  store?: 'none' | 'id' | 'full';
};

type DeleteInit = { channelId: string; messageIds: string[]; bulk?: boolean };

type AddEmbedsInit = { channelId: string; messageId: string; embeds: unknown[] };

type ReactInit = { channelId: string; messageId: string; user: FakeUser; emoji: string };

/** The fake's handle for what members say. */
export function chat(state: FakeState, gateway: Gateway) {
  return {
    postMessage: (init: PostMessageInit) => postMessage(state, gateway, init),
    postMessages: (count: number, init: PostManyInit = {}) =>
      postMessages(state, gateway, count, init),
    react: (init: ReactInit) => react(state, gateway, init),
    addEmbeds: (init: AddEmbedsInit) => addEmbeds(state, gateway, init),
    deleteMessages: (init: DeleteInit) => deleteMessages(state, gateway, init),
    /** The DM channel between `user` and the bot (context 1, BOT_DM). */
    dmChannel(user: FakeUser): string {
      for (const c of state.world.privateChannels.values())
        if (c.withBot && c.recipients[0]?.id === user.id) return c.id;
      return addPrivateChannel(state, { type: CHANNEL_TYPE.DM, recipients: [user], withBot: true });
    },
    /** A DM between other users (type 1) or a group DM (type 3): context 2, PRIVATE_CHANNEL. */
    privateChannel(init: { recipients: FakeUser[]; type?: 1 | 3; name?: string }): string {
      return addPrivateChannel(state, {
        type: init.type ?? CHANNEL_TYPE.DM,
        recipients: init.recipients,
        withBot: false,
        name: init.name,
        ownerId: init.recipients[0]?.id,
      });
    },
  };
}

function addPrivateChannel(state: FakeState, init: Omit<PrivateChannel, 'id'>): string {
  const id = fakeSnowflake();
  state.world.privateChannels.set(id, { id, ...init });
  return id;
}

/** Posts a user's message in a channel, thread or DM, as the gateway would (MESSAGE_CREATE). */
function postMessage(state: FakeState, gateway: Gateway, init: PostMessageInit) {
  const channelId = init.threadId ?? init.channelId;
  if (!channelId) throw new Error('postMessage needs a channelId or threadId');
  const ref = state.world.channelRef(channelId);
  if (ref) {
    if (isForumType(ref.channel.type))
      throw new Error('a forum or media channel takes posts: use createForumPost');
    if (!isTextType(ref.channel.type)) throw new Error(`channel ${channelId} holds no messages`);
    if (isThreadType(ref.channel.type) && ref.channel.archived) {
      if (ref.channel.locked) throw new Error(`thread ${channelId} is archived and locked`);
      // A message unarchives the thread ("Threads" > "Active & Archived Threads").
      ref.channel.archived = false;
      gateway.dispatch(
        'THREAD_UPDATE',
        threadPayload(ref.guild, ref.channel, state.botUser.id),
        ref.guild.id,
      );
    }
  } else if (!state.world.privateChannels.has(channelId)) {
    throw new Error(`fake discord has no channel ${channelId}`);
  }
  if (init.forward) {
    // Discord offers Forward only on a message the member can read.
    const from = state.world.channelRef(init.forward.channel_id);
    if (from && !state.world.canView(from, init.author.id))
      throw new Error(`${init.author.username} cannot see ${init.forward.channel_id} to forward`);
  }
  const message = userMessagePayload(state, { ref, channelId }, init);
  state.knownMessages.set(message.id, {
    channelId,
    authorId: init.author.id,
    ...(init.store === false ? {} : { payload: message }),
  });
  recordActivity(ref, message.id);
  dispatchMessage(state, gateway, 'MESSAGE_CREATE', message, ref);
  return message;
}

/** Every text channel of the servers the bot is in. */
function textChannels(state: FakeState) {
  return state.world.guilds
    .filter((g) => state.world.botInGuild(g))
    .flatMap((g) =>
      g.channels.filter((c) => (c.type ?? 0) === CHANNEL_TYPE.GUILD_TEXT).map((c) => c.id),
    );
}

/**
 * Dispatches `count` ordinary chat messages quickly, pausing while the gateway sockets hold
 * more than 4 MB unsent so a bench measures the bot, not the fake's buffers.
 */
async function postMessages(state: FakeState, gateway: Gateway, count: number, init: PostManyInit) {
  const channels = init.channels ?? textChannels(state);
  if (channels.length === 0) throw new Error('postMessages: no channels');
  const refs = channels.map((id) => ({ id, ref: state.world.channelRef(id) }));
  const author = init.author ?? chatter;
  const store = init.store ?? 'id';
  let firstId: string | null = null;
  let lastId: string | null = null;
  for (let n = 0; n < count; n++) {
    const { id: channelId, ref } = refs[n % refs.length]!;
    const content =
      typeof init.content === 'function' ? init.content(n) : (init.content ?? `message ${n}`);
    const message = userMessagePayload(
      state,
      { ref, channelId },
      { author, content, attachments: init.attachments },
    );
    const id = message.id;
    firstId ??= id;
    lastId = id;
    if (store !== 'none')
      state.knownMessages.set(id, {
        channelId,
        authorId: author.id,
        ...(store === 'full' ? { payload: message } : {}),
      });
    dispatchMessage(state, gateway, 'MESSAGE_CREATE', message, ref);
    if (n % 200 === 199) {
      while (gateway.bufferedAmount() > 4 * 1024 * 1024) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setImmediate(r));
    }
  }
  return { sent: count, firstId, lastId };
}

/** A user's reaction (MESSAGE_REACTION_ADD); later reactions with that emoji need no ADD_REACTIONS. */
function react(state: FakeState, gateway: Gateway, init: ReactInit) {
  const known = state.knownMessages.get(init.messageId);
  if (known) (known.reactions ??= new Set()).add(init.emoji);
  const ref = state.world.channelRef(init.channelId);
  gateway.dispatch(
    'MESSAGE_REACTION_ADD',
    {
      user_id: init.user.id,
      channel_id: init.channelId,
      message_id: init.messageId,
      ...(ref ? { guild_id: ref.guild.id } : {}),
      emoji: { id: null, name: init.emoji },
      burst: false,
      type: 0,
    },
    ref?.guild.id ?? null,
  );
}

/**
 * Discord's link unfurl: the embeds it adds to a message a moment after it was posted, as a
 * MESSAGE_UPDATE holding only what changed (`id`, `channel_id`, `guild_id`, `embeds`), which
 * the message keeps (a later GET returns them).
 */
function addEmbeds(state: FakeState, gateway: Gateway, init: AddEmbedsInit) {
  const known = state.knownMessages.get(init.messageId);
  if (!known?.payload || known.channelId !== init.channelId)
    throw new Error(`fake discord keeps no message ${init.messageId} in ${init.channelId}`);
  const payload = known.payload;
  payload.embeds = [...((payload.embeds as unknown[] | undefined) ?? []), ...init.embeds];
  const ref = state.world.channelRef(init.channelId);
  const update = {
    id: init.messageId,
    channel_id: init.channelId,
    ...(ref ? { guild_id: ref.guild.id } : {}),
    embeds: payload.embeds,
  };
  dispatchMessage(state, gateway, 'MESSAGE_UPDATE', update, ref);
  return update;
}

/**
 * A member (or a moderator) deletes messages: one is MESSAGE_DELETE (`id`, `channel_id`,
 * `guild_id`); several, or `bulk`, are one MESSAGE_DELETE_BULK (`ids`, up to 100, none older
 * than two weeks). Sent only to sessions that can see the channel; nothing else of the
 * message is sent.
 */
function deleteMessages(state: FakeState, gateway: Gateway, init: DeleteInit) {
  const ref = state.world.channelRef(init.channelId);
  const bulk = init.bulk ?? init.messageIds.length > 1;
  if (bulk && (init.messageIds.length < 2 || init.messageIds.length > 100))
    throw new Error('a bulk delete takes 2 to 100 messages');
  for (const id of init.messageIds) forgetHeldMessage(state, id);
  if (ref && !state.world.canView(ref, state.botUser.id)) return;
  const where = { channel_id: init.channelId, ...(ref ? { guild_id: ref.guild.id } : {}) };
  const guildId = ref?.guild.id ?? null;
  if (bulk) gateway.dispatch('MESSAGE_DELETE_BULK', { ids: init.messageIds, ...where }, guildId);
  else gateway.dispatch('MESSAGE_DELETE', { id: init.messageIds[0], ...where }, guildId);
}
