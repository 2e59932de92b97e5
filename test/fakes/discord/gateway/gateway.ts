/**
 * The gateway: HELLO, IDENTIFY (with Discord's refusals), READY and GUILD_CREATE, heartbeats,
 * RESUME, and dispatches filtered by each session's shard and intents, with message content
 * emptied for sessions without the Message Content intent. Rules from "Gateway" (intents,
 * privileged intents, sharding, max concurrency, rate limiting) and "Opcodes and Status Codes".
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildPayload, userPayload } from '../world/payloads.js';
import { guildShard } from '../snowflake.js';
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
const KNOWN_INTENTS = Object.values(INTENTS).reduce((a, b) => a | b, 0);

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

/** "Sent in response to receiving..." close codes and reasons Discord sends. */
export const CLOSE = {
  UNKNOWN_OPCODE: [4001, 'Unknown opcode.'],
  DECODE_ERROR: [4002, 'Error while decoding payload.'],
  NOT_AUTHENTICATED: [4003, 'Not authenticated.'],
  AUTHENTICATION_FAILED: [4004, 'Authentication failed.'],
  ALREADY_AUTHENTICATED: [4005, 'Already authenticated.'],
  RATE_LIMITED: [4008, 'Rate limited.'],
  INVALID_SHARD: [4010, 'Invalid shard.'],
  SHARDING_REQUIRED: [4011, 'Sharding required.'],
  INVALID_INTENTS: [4013, 'Invalid intent(s).'],
  DISALLOWED_INTENTS: [4014, 'Disallowed intent(s).'],
} as const;

/** "Max Concurrency": identifies allowed per rate-limit bucket in this window. */
const IDENTIFY_WINDOW_MS = 5000;
/**
 * Tolerance for timer jitter: discord.js waits exactly 5 s (plus a random 0-1.5 s) measured on
 * its side; a loaded test machine must not turn that into a false refusal. A client that
 * identifies its shards all at once is still refused.
 */
const IDENTIFY_SLACK_MS = 250;
/** "Rate Limiting": 120 gateway events per connection every 60 seconds. */
const SEND_LIMIT = 120;
const SEND_WINDOW_MS = 60_000;

type Session = {
  ws: WebSocket;
  identified: boolean;
  shard: [number, number];
  intents: number;
  sessionId: string | null;
  seq: number;
  sent: number[];
};

export type IdentifyRecord = {
  shard: [number, number] | null;
  intents: number;
  at: number;
};

export type Gateway = ReturnType<typeof createGateway>;

export function createGateway(state: FakeState) {
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Map<WebSocket, Session>();
  /** Resumable sessions: id -> shard and intents. */
  const resumable = new Map<string, { shard: [number, number]; intents: number }>();
  const identifies: IdentifyRecord[] = [];
  const lastIdentifyAt = new Map<number, number>();
  const stats = { identifyAttempts: 0, invalidSessions: 0, closes: [] as number[] };

  function close(s: Session, [code, reason]: readonly [number, string]) {
    stats.closes.push(code);
    s.ws.close(code, reason);
  }

  function sendRaw(s: Session, text: string) {
    if (s.ws.readyState === s.ws.OPEN) s.ws.send(text);
  }

  function sendDispatchJson(s: Session, t: string, dJson: string) {
    s.seq += 1;
    sendRaw(s, `{"op":0,"t":"${t}","s":${s.seq},"d":${dJson}}`);
  }

  function guildsOfShard(shard: [number, number]) {
    return state.world.guilds.filter(
      (g) => state.world.botInGuild(g) && guildShard(g.id, shard[1]) === shard[0],
    );
  }

  function privilegedDenied(intents: number): boolean {
    const p = state.privileged;
    return (
      (!!(intents & INTENTS.MESSAGE_CONTENT) && !p.messageContent) ||
      (!!(intents & INTENTS.GUILD_MEMBERS) && !p.guildMembers) ||
      (!!(intents & INTENTS.GUILD_PRESENCES) && !p.presences)
    );
  }

  function validShard(shard: unknown): shard is [number, number] {
    if (!Array.isArray(shard) || shard.length !== 2) return false;
    const [id, count] = shard as unknown[];
    if (!Number.isInteger(id) || !Number.isInteger(count)) return false;
    if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number))
      return false;
    const multiple = state.options.shardCountMultiple;
    // "Sharding for Large Bots": a shard count that is not a multiple closes with 4010.
    return !multiple || (count as number) % multiple === 0;
  }

  function identify(s: Session, d: { token?: unknown; intents?: unknown; shard?: unknown }) {
    stats.identifyAttempts += 1;
    if (s.identified) return close(s, CLOSE.ALREADY_AUTHENTICATED);
    if (d.token !== state.botToken || state.tokenReset)
      return close(s, CLOSE.AUTHENTICATION_FAILED);
    const intents = d.intents;
    // "The connection ... will be closed if it passes invalid intents (4013), or a privileged
    // intent that hasn't been configured or approved for your app (4014)."
    if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0)
      return close(s, CLOSE.INVALID_INTENTS);
    if (intents & ~KNOWN_INTENTS) return close(s, CLOSE.INVALID_INTENTS);
    if (privilegedDenied(intents)) return close(s, CLOSE.DISALLOWED_INTENTS);
    const shard: [number, number] = d.shard === undefined ? [0, 1] : (d.shard as [number, number]);
    if (d.shard !== undefined && !validShard(d.shard)) return close(s, CLOSE.INVALID_SHARD);
    const mine = guildsOfShard(shard);
    // "Each shard can only support a maximum of 2500 guilds" (4011 Sharding required).
    if (mine.length > state.maxGuildsPerShard) return close(s, CLOSE.SHARDING_REQUIRED);
    if (state.sessionStart.remaining <= 0) {
      // "Upon hitting this limit, all active sessions for the app will be terminated, the bot
      // token will be reset".
      state.tokenReset = true;
      for (const other of sockets.values()) close(other, CLOSE.AUTHENTICATION_FAILED);
      return;
    }
    // "If you hit this limit, the Gateway will respond with an Invalid Session (opcode 9)":
    // one identify per rate-limit bucket (shard_id % max_concurrency) every 5 seconds.
    const bucket = shard[0] % state.maxConcurrency;
    const now = Date.now();
    const last = lastIdentifyAt.get(bucket);
    if (last !== undefined && now - last < IDENTIFY_WINDOW_MS - IDENTIFY_SLACK_MS) {
      stats.invalidSessions += 1;
      sendRaw(s, JSON.stringify({ op: 9, d: false }));
      return;
    }
    lastIdentifyAt.set(bucket, now);
    state.sessionStart.remaining -= 1;
    identifies.push({ shard: d.shard === undefined ? null : shard, intents, at: now });
    const sessionId = randomBytes(8).toString('hex');
    Object.assign(s, { identified: true, shard, intents, sessionId });
    resumable.set(sessionId, { shard, intents });
    sendDispatchJson(
      s,
      'READY',
      JSON.stringify({
        v: 10,
        user: { ...userPayload(state.botUser), verified: true, mfa_enabled: false, flags: 0 },
        guilds: mine.map((g) => ({ id: g.id, unavailable: true })),
        session_id: sessionId,
        resume_gateway_url: state.origin.replace('http://', 'ws://'),
        shard,
        application: { id: state.applicationId, flags: applicationFlags(state) },
        private_channels: [],
        relationships: [],
        presences: [],
        guild_join_requests: [],
        geo_ordered_rtc_regions: [],
        auth: {},
        user_settings: {},
      }),
    );
    if (intents & INTENTS.GUILDS)
      for (const g of mine)
        sendDispatchJson(
          s,
          'GUILD_CREATE',
          JSON.stringify(guildPayload(state.world, g, state.botUser)),
        );
  }

  function resume(s: Session, d: { token?: unknown; session_id?: unknown }) {
    const session = typeof d.session_id === 'string' ? resumable.get(d.session_id) : undefined;
    if (d.token !== state.botToken || state.tokenReset || !session) {
      stats.invalidSessions += 1;
      sendRaw(s, JSON.stringify({ op: 9, d: false }));
      return;
    }
    Object.assign(s, {
      identified: true,
      shard: session.shard,
      intents: session.intents,
      sessionId: d.session_id,
    });
    sendDispatchJson(s, 'RESUMED', '{}');
  }

  function onMessage(s: Session, raw: Buffer) {
    const now = Date.now();
    s.sent.push(now);
    while (s.sent.length && s.sent[0]! < now - SEND_WINDOW_MS) s.sent.shift();
    // "Apps that surpass the limit are immediately disconnected" (4008 Rate limited).
    if (s.sent.length > SEND_LIMIT) return close(s, CLOSE.RATE_LIMITED);
    let msg: { op?: unknown; d?: unknown };
    try {
      msg = JSON.parse(raw.toString('utf8')) as { op?: unknown; d?: unknown };
    } catch {
      return close(s, CLOSE.DECODE_ERROR);
    }
    const d = (msg.d ?? {}) as Record<string, unknown>;
    switch (msg.op) {
      case 1:
        return sendRaw(s, '{"op":11}');
      case 2:
        return identify(s, d);
      case 6:
        return resume(s, d);
      case 3:
      case 4:
      case 8:
      case 31:
        // "You sent us a payload prior to identifying" (4003).
        if (!s.identified) return close(s, CLOSE.NOT_AUTHENTICATED);
        return;
      default:
        return close(s, CLOSE.UNKNOWN_OPCODE);
    }
  }

  wss.on('connection', (ws) => {
    const s: Session = {
      ws,
      identified: false,
      shard: [0, 1],
      intents: 0,
      sessionId: null,
      seq: 0,
      sent: [],
    };
    sockets.set(ws, s);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => undefined);
    sendRaw(s, JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) =>
      onMessage(s, Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer)),
    );
  });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  }

  /**
   * Sends a dispatch to the sessions that should get it: the shard that owns `guildId` (shard
   * 0 for events without a guild, "Gateway" > "Sharding"), and only sessions whose intents
   * cover the event. `variant` may rewrite the payload per session (message content).
   */
  function dispatch(
    t: string,
    d: unknown,
    guildId?: string | null,
    variant?: (intents: number) => 'full' | 'stripped',
    stripped?: () => unknown,
  ) {
    let full: string | undefined;
    let lean: string | undefined;
    const required = requiredIntent(t, d, guildId, state.botUser.id);
    for (const s of sockets.values()) {
      if (!s.identified) continue;
      const shard = guildId ? guildShard(guildId, s.shard[1]) : 0;
      if (shard !== s.shard[0]) continue;
      if (required !== null && !(s.intents & required)) continue;
      if (variant && stripped && variant(s.intents) === 'stripped') {
        lean ??= JSON.stringify(stripped());
        sendDispatchJson(s, t, lean);
      } else {
        full ??= JSON.stringify(d);
        sendDispatchJson(s, t, full);
      }
    }
  }

  /** Bytes queued on gateway sockets (for benches that send many events). */
  function bufferedAmount() {
    let n = 0;
    for (const s of sockets.values()) n += s.ws.bufferedAmount;
    return n;
  }

  return {
    handleUpgrade,
    dispatch,
    bufferedAmount,
    identifies,
    stats,
    /** Connected sockets (identified or not). */
    connections: () => sockets.size,
    identifiedSessions: () => [...sockets.values()].filter((s) => s.identified).length,
    /** Closes every connection with `code`, as Discord does on a restart (4000: clients resume). */
    dropAll(code = 4000, reason = 'Unknown error') {
      for (const s of sockets.values()) s.ws.close(code, reason);
    },
    /** Asks every session to reconnect and resume (opcode 7). */
    requestReconnect() {
      for (const s of sockets.values()) sendRaw(s, '{"op":7,"d":null}');
    },
    terminateAll() {
      for (const s of sockets.values()) s.ws.terminate();
    },
    close() {
      for (const s of sockets.values()) s.ws.terminate();
      wss.close();
    },
  };
}

/**
 * The intent an event needs ("Gateway" > "List of Intents"); null for events sent regardless
 * (INTERACTION_CREATE, READY, ...). GUILD_MEMBER_UPDATE for the bot itself is sent without
 * GUILD_MEMBERS ("Caveats").
 */
function requiredIntent(
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
    return { ...rest, content: '', embeds: [], attachments: [], components: [] };
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
