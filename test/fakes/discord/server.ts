/**
 * A local Discord: the gateway, the REST API routes the bot uses and the CDN, on one loopback
 * port. The real discord.js client logs into it; tests drive it with the helpers below and
 * inspect what was called. It refuses, closes, rate-limits and rejects where Discord does.
 *
 * It is a boundary fake for tests and benches: it shares no code with src/.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway, type Gateway } from './gateway/gateway.js';
import { json } from './http.js';
import {
  createInteraction,
  type FakeInteraction,
  type InteractInit,
} from './interactions/create.js';
import {
  dispatchMessage,
  recordActivity,
  userMessagePayload,
  type PostMessageInit,
} from './messages.js';
import {
  CHANNEL_TYPE,
  isForumType,
  isTextType,
  isThreadType,
  type ChannelRef,
  type FakeChannel,
  type FakeUser,
  type PrivateChannel,
} from './world/model.js';
import { channelPayload, memberPayload, threadPayload } from './world/payloads.js';
import { rolePayload, type FakeOverwrite, type FakeRole } from './world/permissions.js';
import { handleRest } from './rest/routes.js';
import { fakeSnowflake } from './snowflake.js';
import { createState, type FakeDiscordOptions, type FakeState, type RestFailure } from './state.js';

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

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

function listen(server: Server, port: number) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}) {
  const state = createState(options);
  const gateway: Gateway = createGateway(state);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const handle = url.pathname.startsWith('/api/')
      ? handleRest(state, gateway, req, res, url)
      : state.cdn.serve(req, res, url);
    handle.catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { message: String(err) });
      else res.destroy();
    });
  });
  server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
  await listen(server, 0);
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;
  let reachable = true;

  /** Discord unreachable: nothing listens, connections are refused, open sockets drop. */
  async function refuseConnections() {
    if (!reachable) return;
    reachable = false;
    gateway.terminateAll();
    const closed = new Promise((resolve) => server.close(resolve));
    server.closeAllConnections();
    await closed;
  }
  async function acceptConnections() {
    if (reachable) return;
    await listen(server, port);
    reachable = true;
  }
  if (options.startUnreachable) await refuseConnections();

  return {
    origin: state.origin,
    /** For DISCORD_API_URL: discord.js appends /v10. */
    apiUrl: `${state.origin}/api`,
    /** For ATTACHMENT_HOSTS. */
    cdnHost: `127.0.0.1:${port}`,
    botToken: state.botToken,
    applicationId: state.applicationId,
    botUser: state.botUser,
    guilds: state.world.guilds,
    attachments: state.cdn.attachments,
    restCalls: state.restCalls,
    /**
     * Every request Discord counts as invalid that the fake answered (401, 403, 429 but the
     * shared scope), with status and error code: Discord bans an IP at 10,000 in 10 minutes.
     */
    refusedRequests: state.refusedRequests,
    /** Messages the bot sent with POST /channels/:id/messages, by id. */
    messages: state.messages,
    reactions: state.reactions,
    registered: state.registered,
    /** Every IDENTIFY Discord accepted: which shard, which intents. */
    identifies: gateway.identifies,
    /** Identify attempts, Invalid Sessions sent (identify pacing) and close codes sent. */
    gatewayStats: gateway.stats,
    /** session_start_limit as Discord counts it (remaining goes down per identify). */
    sessionStartLimit: state.sessionStart,
    /** Puts a file on the CDN and returns it as Discord would describe it in a message. */
    addAttachment: state.cdn.addAttachment,
    dispatch: (t: string, d: unknown, guildId?: string) => gateway.dispatch(t, d, guildId ?? null),
    waitForGateway: (timeoutMs = 10_000) => waitForSessions(gateway, 1, timeoutMs),
    waitForSessions: (count: number, timeoutMs = 10_000) =>
      waitForSessions(gateway, count, timeoutMs),
    /** Closes every gateway connection, as Discord does on a restart (clients resume). */
    dropGateway: () => gateway.dropAll(),
    /** Asks every session to reconnect and resume (opcode 7 Reconnect). */
    requestReconnect: () => gateway.requestReconnect(),
    /** Connected gateway sockets (identified or not). */
    sessions: () => gateway.connections(),
    refuseConnections,
    acceptConnections,
    /** Answers the next `times` REST calls matching `path` with a failure (429s carry Retry-After). */
    injectRestFailure(f: Omit<RestFailure, 'times'> & { times?: number }) {
      state.restFailures.push({ times: 1, ...f });
    },
    /** Messages the bot sent to a channel (POST /channels/:id/messages), in order. */
    channelMessages: (channelId: string) =>
      [...state.messages.values()].filter((msg) => msg.channel_id === channelId),
    reactionsOn: (channelId: string, messageId: string) => [
      ...(state.reactions.get(`${channelId}:${messageId}`) ?? []),
    ],
    /** The bot's (or any user's) computed permissions in a channel. */
    permissionsOf(channelId: string, userId = state.botUser.id) {
      return state.world.permissionsIn(refOf(state, channelId), userId);
    },
    postMessage: (init: PostMessageInit) => postMessage(state, gateway, init),
    postMessages: (count: number, init: PostManyInit = {}) =>
      postMessages(state, gateway, count, init),
    react: (init: { channelId: string; messageId: string; user: FakeUser; emoji: string }) =>
      react(state, gateway, init),
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
    updateRole(guildId: string, roleId: string, patch: { permissions?: bigint; name?: string }) {
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
    },
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
    /**
     * Sends an INTERACTION_CREATE as if `user` used a command, context menu, button or modal in
     * `channelId` (a server channel, a thread, `dmChannel(user)` or a `privateChannel`).
     */
    interact: (init: InteractInit): FakeInteraction => createInteraction(state, gateway, init),
    /** Makes an interaction's token expire now (as after 15 minutes). */
    expireInteraction(id: string) {
      const i = state.interactions.get(id);
      if (i) i.expiresAt = Date.now() - 1;
    },
    async close() {
      gateway.close();
      if (!reachable) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function waitForSessions(gateway: Gateway, count: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (gateway.identifiedSessions() < count) {
    if (Date.now() > deadline)
      throw new Error(`fewer than ${count} clients identified on the fake gateway`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function refOf(state: FakeState, channelId: string): ChannelRef {
  const ref = state.world.channelRef(channelId);
  if (!ref) throw new Error(`fake discord has no guild channel ${channelId}`);
  return ref;
}

function guildOf(state: FakeState, guildId: string) {
  const guild = state.world.guildById.get(guildId);
  if (!guild) throw new Error(`fake discord has no guild ${guildId}`);
  return guild;
}

function addPrivateChannel(state: FakeState, init: Omit<PrivateChannel, 'id'>): string {
  const id = fakeSnowflake();
  state.world.privateChannels.set(id, { id, ...init });
  return id;
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

/**
 * Dispatches `count` ordinary chat messages quickly, pausing while the gateway sockets hold
 * more than 4 MB unsent so a bench measures the bot, not the fake's buffers.
 */
async function postMessages(state: FakeState, gateway: Gateway, count: number, init: PostManyInit) {
  const channels =
    init.channels ??
    state.world.guilds
      .filter((g) => state.world.botInGuild(g))
      .flatMap((g) =>
        g.channels.filter((c) => (c.type ?? 0) === CHANNEL_TYPE.GUILD_TEXT).map((c) => c.id),
      );
  if (channels.length === 0) throw new Error('postMessages: no channels');
  const refs = channels.map((id) => ({ id, ref: state.world.channelRef(id) }));
  const author = init.author ?? { id: '1200000000000000050', username: 'chatter' };
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
function react(
  state: FakeState,
  gateway: Gateway,
  init: { channelId: string; messageId: string; user: FakeUser; emoji: string },
) {
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
  const allowed: Record<number, number[]> = {
    [CHANNEL_TYPE.GUILD_TEXT]: [CHANNEL_TYPE.PUBLIC_THREAD, CHANNEL_TYPE.PRIVATE_THREAD],
    [CHANNEL_TYPE.GUILD_ANNOUNCEMENT]: [CHANNEL_TYPE.ANNOUNCEMENT_THREAD],
    [CHANNEL_TYPE.GUILD_FORUM]: [CHANNEL_TYPE.PUBLIC_THREAD],
    [CHANNEL_TYPE.GUILD_MEDIA]: [CHANNEL_TYPE.PUBLIC_THREAD],
  };
  if (!allowed[parentType]?.includes(type))
    throw new Error(`a channel of type ${parentType} cannot hold a thread of type ${type}`);
  const owner = init.owner ?? { id: '1200000000000000001', username: 'alice' };
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
