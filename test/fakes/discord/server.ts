/**
 * A local Discord: the gateway, the REST API routes the bot uses and the CDN, on one loopback
 * port. The real discord.js client logs into it; tests drive it through what members do
 * (members/), inject interactions, and inspect what was called. It refuses, closes,
 * rate-limits and rejects where Discord does.
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
import { findHeldMessage } from './interactions/component.js';
import { chat } from './members/chat.js';
import { moderation } from './members/moderation.js';
import { threads } from './members/threads.js';
import { handleRest } from './rest/routes.js';
import type { FakeUser } from './world/model.js';
import {
  createState,
  type FakeDiscordOptions,
  type FakeState,
  type RestDelay,
  type RestFailure,
} from './state.js';

export type FakeDiscord = Awaited<ReturnType<typeof startFakeDiscord>>;

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
  const reach = reachability(server, port, gateway);
  if (options.startUnreachable) await reach.refuseConnections();

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
    /** Puts a file on the CDN and returns it as Discord would describe it in a message. */
    addAttachment: state.cdn.addAttachment,
    ...records(state, gateway),
    ...sessions(gateway),
    /** Discord unreachable: nothing listens, connections are refused, open sockets drop. */
    refuseConnections: reach.refuseConnections,
    acceptConnections: reach.acceptConnections,
    /** Answers the next `times` REST calls matching `path` with a failure (429s carry Retry-After). */
    injectRestFailure(f: Omit<RestFailure, 'times'> & { times?: number }) {
      state.restFailures.push({ times: 1, ...f });
    },
    ...chat(state, gateway),
    ...threads(state, gateway),
    ...moderation(state, gateway),
    /**
     * Sends an INTERACTION_CREATE as if `user` used a command, context menu, button or modal in
     * `channelId` (a server channel, a thread, `dmChannel(user)` or a `privateChannel`).
     */
    interact: (init: InteractInit): FakeInteraction => createInteraction(state, gateway, init),
    /**
     * A message the bot sent, as the fake holds it now (a channel message, an interaction's
     * response or follow-up), or null if it never was or was deleted.
     */
    heldMessage: (id: string) => findHeldMessage(state, id)?.message ?? null,
    /** Handles the next `times` REST calls matching `path` only after `ms` (they arrive late). */
    delayRest(d: Omit<RestDelay, 'times'> & { times?: number }) {
      state.restDelays.push({ times: 1, ...d });
    },
    /**
     * `user` blocks the bot: Discord then refuses the bot's reactions on their messages (403
     * 90001 "Reaction was blocked") and its direct messages to them (403 50007).
     */
    blockBot(user: FakeUser) {
      state.blockingBot.add(user.id);
    },
    /** Makes an interaction's token expire now (as after 15 minutes). */
    expireInteraction(id: string) {
      const i = state.interactions.get(id);
      if (i) i.expiresAt = Date.now() - 1;
    },
    async close() {
      gateway.close();
      if (!reach.reachable()) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Discord unreachable and back: nothing listens, connections are refused, open sockets drop. */
function reachability(server: Server, port: number, gateway: Gateway) {
  let reachable = true;
  return {
    reachable: () => reachable,
    refuseConnections: async () => {
      if (!reachable) return;
      reachable = false;
      gateway.terminateAll();
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
    acceptConnections: async () => {
      if (reachable) return;
      await listen(server, port);
      reachable = true;
    },
  };
}

/** What the fake saw and sent, for tests to read. */
function records(state: FakeState, gateway: Gateway) {
  return {
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
    /** Messages the bot sent to a channel (POST /channels/:id/messages), in order. */
    channelMessages: (channelId: string) =>
      [...state.messages.values()].filter((msg) => msg.channel_id === channelId),
    reactionsOn: (channelId: string, messageId: string) => [
      ...(state.reactions.get(`${channelId}:${messageId}`) ?? []),
    ],
  };
}

/** The gateway sessions: waiting for clients, and what Discord does to them on a restart. */
function sessions(gateway: Gateway) {
  return {
    dispatch: (t: string, d: unknown, guildId?: string) => gateway.dispatch(t, d, guildId ?? null),
    waitForGateway: (timeoutMs = 10_000) => waitForSessions(gateway, 1, timeoutMs),
    waitForSessions: (count: number, timeoutMs = 10_000) =>
      waitForSessions(gateway, count, timeoutMs),
    /** Closes every gateway connection, as Discord does on a restart (clients resume). */
    dropGateway: () => gateway.dropAll(),
    /** Asks every session to reconnect and resume (opcode 7 Reconnect). */
    requestReconnect: () => gateway.requestReconnect(),
    /** Ends every session so that none can resume: clients identify again (opcode 9, false). */
    invalidateSessions: () => gateway.invalidateAll(),
    /** Connected gateway sockets (identified or not). */
    sessions: () => gateway.connections(),
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
