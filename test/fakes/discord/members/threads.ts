/**
 * Threads members open: in text and announcement channels, and posts in forum and media
 * channels (a thread and its starter message); archiving, locking and renaming them ("Threads").
 */
import type { Gateway } from '../gateway/gateway.js';
import { dispatchMessage, userMessagePayload, type PostMessageInit } from '../messages.js';
import { fakeSnowflake } from '../snowflake.js';
import type { FakeState } from '../state.js';
import {
  CHANNEL_TYPE,
  isForumType,
  isThreadType,
  type FakeChannel,
  type FakeUser,
} from '../world/model.js';
import { threadPayload } from '../world/payloads.js';
import { alice } from '../../../helpers/cast.js';
import { refOf } from './find.js';

export type CreateThreadInit = {
  parentId: string;
  name: string;
  /** 11 public (default), 12 private (text channels only), 10 announcement thread. */
  type?: 10 | 11 | 12;
  owner?: FakeUser;
  archived?: boolean;
  locked?: boolean;
  autoArchiveDuration?: 60 | 1440 | 4320 | 10080;
  invitable?: boolean;
  /** Members of the thread (user ids); the bot sees a private thread only as one. */
  memberIds?: string[];
  appliedTags?: string[];
};

export type ForumPostInit = {
  /** A forum (15) or media (16) channel. */
  channelId: string;
  author: FakeUser;
  name?: string;
  content?: string;
  attachments?: PostMessageInit['attachments'];
  embeds?: unknown[];
  appliedTags?: string[];
};

/** The fake's handle for threads. */
export function threads(state: FakeState, gateway: Gateway) {
  return {
    createThread: (init: CreateThreadInit) => createThread(state, gateway, init),
    createForumPost: (init: ForumPostInit) => createForumPost(state, gateway, init),
    /** Archives, locks or renames a thread (THREAD_UPDATE). */
    updateThread(
      threadId: string,
      patch: Partial<Pick<FakeChannel, 'archived' | 'locked' | 'name'>>,
    ) {
      const ref = refOf(state, threadId);
      if (!isThreadType(ref.channel.type)) throw new Error(`${threadId} is not a thread`);
      Object.assign(ref.channel, patch);
      if (patch.archived !== undefined) ref.channel.archivedAt = Date.now();
      gateway.dispatch(
        'THREAD_UPDATE',
        threadPayload(ref.guild, ref.channel, state.botUser.id),
        ref.guild.id,
      );
    },
  };
}

/** Thread types each channel type may hold. */
const THREADS_IN: Record<number, number[]> = {
  [CHANNEL_TYPE.GUILD_TEXT]: [CHANNEL_TYPE.PUBLIC_THREAD, CHANNEL_TYPE.PRIVATE_THREAD],
  [CHANNEL_TYPE.GUILD_ANNOUNCEMENT]: [CHANNEL_TYPE.ANNOUNCEMENT_THREAD],
  [CHANNEL_TYPE.GUILD_FORUM]: [CHANNEL_TYPE.PUBLIC_THREAD],
  [CHANNEL_TYPE.GUILD_MEDIA]: [CHANNEL_TYPE.PUBLIC_THREAD],
};

/**
 * A thread in `parentId`, announced with THREAD_CREATE (`newly_created`) to a bot that can see
 * it. Text channels take public (11) and private (12) threads, announcement channels
 * announcement threads (10), forums and media channels public ones ("Threads").
 */
function createThread(state: FakeState, gateway: Gateway, init: CreateThreadInit) {
  const parent = refOf(state, init.parentId);
  const parentType = parent.channel.type ?? 0;
  const type =
    init.type ??
    (parentType === CHANNEL_TYPE.GUILD_ANNOUNCEMENT
      ? CHANNEL_TYPE.ANNOUNCEMENT_THREAD
      : CHANNEL_TYPE.PUBLIC_THREAD);
  if (!THREADS_IN[parentType]?.includes(type))
    throw new Error(`a channel of type ${parentType} cannot hold a thread of type ${type}`);
  const owner = init.owner ?? alice;
  const thread: FakeChannel = {
    id: fakeSnowflake(),
    name: init.name,
    type,
    parentId: init.parentId,
    ownerId: owner.id,
    archived: init.archived ?? false,
    locked: init.locked ?? false,
    autoArchiveDuration: init.autoArchiveDuration ?? 1440,
    invitable: init.invitable,
    createdAt: Date.now(),
    memberIds: init.memberIds ?? [owner.id],
    messageCount: 0,
    totalMessageSent: 0,
    appliedTags: init.appliedTags,
  };
  state.world.addChannel(parent.guild, thread);
  const payload = { ...threadPayload(parent.guild, thread, state.botUser.id), newly_created: true };
  if (state.world.canView({ guild: parent.guild, channel: thread }, state.botUser.id))
    gateway.dispatch('THREAD_CREATE', payload, parent.guild.id);
  return payload;
}

/**
 * A post in a forum or media channel: a public thread whose starter message has the thread's
 * id, announced with THREAD_CREATE then the starter message's MESSAGE_CREATE.
 */
function createForumPost(state: FakeState, gateway: Gateway, init: ForumPostInit) {
  const forum = refOf(state, init.channelId);
  if (!isForumType(forum.channel.type))
    throw new Error(`channel ${init.channelId} is not a forum or media channel`);
  const thread = createThread(state, gateway, {
    parentId: init.channelId,
    name: init.name ?? (init.content ?? 'post').slice(0, 100),
    owner: init.author,
    appliedTags: init.appliedTags,
  });
  const ref = refOf(state, thread.id);
  const message = userMessagePayload(
    state,
    { ref, channelId: thread.id },
    {
      author: init.author,
      content: init.content,
      attachments: init.attachments,
      embeds: init.embeds,
    },
    thread.id,
  );
  message.position = 0;
  state.knownMessages.set(thread.id, {
    channelId: thread.id,
    authorId: init.author.id,
    payload: message,
  });
  ref.channel.lastMessageId = thread.id;
  dispatchMessage(state, gateway, 'MESSAGE_CREATE', message, ref);
  return { thread, message };
}
