/**
 * Gateway sessions: one per socket, the sessions a client may resume, and the counts tests
 * read (identifies, Invalid Sessions, close codes). Close codes from "Opcodes and Status Codes".
 */
import type { WebSocket } from 'ws';
import type { FakeState } from '../state.js';

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

export type Session = {
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

export type Sessions = ReturnType<typeof createSessions>;

export function createSessions(state: FakeState) {
  return {
    state,
    sockets: new Map<WebSocket, Session>(),
    /** Resumable sessions: id -> shard and intents. */
    resumable: new Map<string, { shard: [number, number]; intents: number }>(),
    identifies: [] as IdentifyRecord[],
    /** The last accepted identify per rate-limit bucket. */
    lastIdentifyAt: new Map<number, number>(),
    stats: { identifyAttempts: 0, invalidSessions: 0, closes: [] as number[] },
  };
}

export function closeSession(
  sessions: Sessions,
  s: Session,
  [code, reason]: readonly [number, string],
) {
  sessions.stats.closes.push(code);
  s.ws.close(code, reason);
}

export function sendRaw(s: Session, text: string) {
  if (s.ws.readyState === s.ws.OPEN) s.ws.send(text);
}

export function sendDispatchJson(s: Session, t: string, dJson: string) {
  s.seq += 1;
  sendRaw(s, `{"op":0,"t":"${t}","s":${s.seq},"d":${dJson}}`);
}

/** Opcode 9: the client must identify again (d: false, not resumable). */
export function invalidSession(sessions: Sessions, s: Session) {
  sessions.stats.invalidSessions += 1;
  sendRaw(s, JSON.stringify({ op: 9, d: false }));
}
