/**
 * The gateway: HELLO, heartbeats, IDENTIFY and RESUME (identify.ts), and dispatches filtered by
 * each session's shard and intents, with message content emptied for sessions without the
 * Message Content intent (intents.ts). Rules from "Gateway" (rate limiting, sharding) and
 * "Opcodes and Status Codes".
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { guildShard } from '../snowflake.js';
import type { FakeState } from '../state.js';
import { identify, resume } from './identify.js';
import { requiredIntent } from './intents.js';
import {
  CLOSE,
  closeSession,
  createSessions,
  invalidSession,
  sendDispatchJson,
  sendRaw,
  type Session,
  type Sessions,
} from './sessions.js';

/** "Rate Limiting": 120 gateway events per connection every 60 seconds. */
const SEND_LIMIT = 120;
const SEND_WINDOW_MS = 60_000;

export type Gateway = ReturnType<typeof createGateway>;

export function createGateway(state: FakeState) {
  const wss = new WebSocketServer({ noServer: true });
  const sessions = createSessions(state);
  const { sockets } = sessions;

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
      onMessage(sessions, s, Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer)),
    );
  });

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    dispatch: (
      t: string,
      d: unknown,
      guildId?: string | null,
      variant?: (intents: number) => 'full' | 'stripped',
      stripped?: () => unknown,
    ) => dispatch(sessions, t, d, guildId, variant, stripped),
    /** Bytes queued on gateway sockets (for benches that send many events). */
    bufferedAmount() {
      let n = 0;
      for (const s of sockets.values()) n += s.ws.bufferedAmount;
      return n;
    },
    identifies: sessions.identifies,
    stats: sessions.stats,
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
    /**
     * Ends every session for good: nothing can be resumed, and each client is told so with an
     * Invalid Session (opcode 9, d: false) and must identify again (a new READY).
     */
    invalidateAll() {
      sessions.resumable.clear();
      for (const s of sockets.values()) {
        s.identified = false;
        invalidSession(sessions, s);
      }
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

function onMessage(sessions: Sessions, s: Session, raw: Buffer) {
  const now = Date.now();
  s.sent.push(now);
  while (s.sent.length && s.sent[0]! < now - SEND_WINDOW_MS) s.sent.shift();
  // "Apps that surpass the limit are immediately disconnected" (4008 Rate limited).
  if (s.sent.length > SEND_LIMIT) return closeSession(sessions, s, CLOSE.RATE_LIMITED);
  let msg: { op?: unknown; d?: unknown };
  try {
    msg = JSON.parse(raw.toString('utf8')) as { op?: unknown; d?: unknown };
  } catch {
    return closeSession(sessions, s, CLOSE.DECODE_ERROR);
  }
  const d = (msg.d ?? {}) as Record<string, unknown>;
  switch (msg.op) {
    case 1:
      return sendRaw(s, '{"op":11}');
    case 2:
      return identify(sessions, s, d);
    case 6:
      return resume(sessions, s, d);
    case 3:
    case 4:
    case 8:
    case 31:
      // "You sent us a payload prior to identifying" (4003).
      if (!s.identified) return closeSession(sessions, s, CLOSE.NOT_AUTHENTICATED);
      return;
    default:
      return closeSession(sessions, s, CLOSE.UNKNOWN_OPCODE);
  }
}

/**
 * Sends a dispatch to the sessions that should get it: the shard that owns `guildId` (shard
 * 0 for events without a guild, "Gateway" > "Sharding"), and only sessions whose intents
 * cover the event. `variant` may rewrite the payload per session (message content).
 */
function dispatch(
  sessions: Sessions,
  t: string,
  d: unknown,
  guildId?: string | null,
  variant?: (intents: number) => 'full' | 'stripped',
  stripped?: () => unknown,
) {
  let full: string | undefined;
  let lean: string | undefined;
  const required = requiredIntent(t, d, guildId, sessions.state.botUser.id);
  for (const s of sessions.sockets.values()) {
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
