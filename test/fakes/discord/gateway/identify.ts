/**
 * IDENTIFY and RESUME, with Discord's refusals: bad tokens, invalid and disallowed intents,
 * invalid shards, sharding required, the daily session start limit and identify pacing. Rules
 * from "Gateway" (privileged intents, sharding, max concurrency) and "Opcodes and Status Codes".
 */
import { randomBytes } from 'node:crypto';
import { guildPayload, userPayload } from '../world/payloads.js';
import { guildShard } from '../snowflake.js';
import type { FakeState } from '../state.js';
import { applicationFlags, INTENTS, KNOWN_INTENTS, privilegedDenied } from './intents.js';
import {
  CLOSE,
  closeSession,
  invalidSession,
  sendDispatchJson,
  type Session,
  type Sessions,
} from './sessions.js';

/** "Max Concurrency": identifies allowed per rate-limit bucket in this window. */
const IDENTIFY_WINDOW_MS = 5000;
/**
 * Tolerance for timer jitter: discord.js waits exactly 5 s (plus a random 0-1.5 s) measured on
 * its side; a loaded test machine must not turn that into a false refusal. A client that
 * identifies its shards all at once is still refused.
 */
const IDENTIFY_SLACK_MS = 250;

type IdentifyData = { token?: unknown; intents?: unknown; shard?: unknown };

export function identify(sessions: Sessions, s: Session, d: IdentifyData) {
  const { state } = sessions;
  sessions.stats.identifyAttempts += 1;
  const admitted = admit(sessions, s, d);
  if (!admitted) return;
  const { intents, shard, mine } = admitted;
  if (state.sessionStart.remaining <= 0) {
    // "Upon hitting this limit, all active sessions for the app will be terminated, the bot
    // token will be reset".
    state.tokenReset = true;
    for (const other of sessions.sockets.values())
      closeSession(sessions, other, CLOSE.AUTHENTICATION_FAILED);
    return;
  }
  // "If you hit this limit, the Gateway will respond with an Invalid Session (opcode 9)":
  // one identify per rate-limit bucket (shard_id % max_concurrency) every 5 seconds.
  const bucket = shard[0] % state.maxConcurrency;
  const now = Date.now();
  const last = sessions.lastIdentifyAt.get(bucket);
  if (last !== undefined && now - last < IDENTIFY_WINDOW_MS - IDENTIFY_SLACK_MS)
    return invalidSession(sessions, s);
  sessions.lastIdentifyAt.set(bucket, now);
  state.sessionStart.remaining -= 1;
  sessions.identifies.push({ shard: d.shard === undefined ? null : shard, intents, at: now });
  const sessionId = randomBytes(8).toString('hex');
  Object.assign(s, { identified: true, shard, intents, sessionId });
  sessions.resumable.set(sessionId, { shard, intents });
  sendDispatchJson(s, 'READY', JSON.stringify(readyPayload(state, sessionId, shard, mine)));
  if (intents & INTENTS.GUILDS)
    for (const g of mine)
      sendDispatchJson(
        s,
        'GUILD_CREATE',
        JSON.stringify(guildPayload(state.world, g, state.botUser)),
      );
}

/**
 * The identify's token, intents and shard, or the close Discord answers with (then null). The
 * shard's guilds come with it: a shard holds at most 2500.
 */
function admit(sessions: Sessions, s: Session, d: IdentifyData) {
  const { state } = sessions;
  const refuse = (code: readonly [number, string]) => {
    closeSession(sessions, s, code);
    return null;
  };
  if (s.identified) return refuse(CLOSE.ALREADY_AUTHENTICATED);
  if (d.token !== state.botToken || state.tokenReset) return refuse(CLOSE.AUTHENTICATION_FAILED);
  const intents = d.intents;
  // "The connection ... will be closed if it passes invalid intents (4013), or a privileged
  // intent that hasn't been configured or approved for your app (4014)."
  if (typeof intents !== 'number' || !Number.isInteger(intents) || intents < 0)
    return refuse(CLOSE.INVALID_INTENTS);
  if (intents & ~KNOWN_INTENTS) return refuse(CLOSE.INVALID_INTENTS);
  if (privilegedDenied(state, intents)) return refuse(CLOSE.DISALLOWED_INTENTS);
  const shard: [number, number] = d.shard === undefined ? [0, 1] : (d.shard as [number, number]);
  if (d.shard !== undefined && !validShard(state, d.shard)) return refuse(CLOSE.INVALID_SHARD);
  const mine = guildsOfShard(state, shard);
  // "Each shard can only support a maximum of 2500 guilds" (4011 Sharding required).
  if (mine.length > state.maxGuildsPerShard) return refuse(CLOSE.SHARDING_REQUIRED);
  return { intents, shard, mine };
}

function validShard(state: FakeState, shard: unknown): shard is [number, number] {
  if (!Array.isArray(shard) || shard.length !== 2) return false;
  const [id, count] = shard as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return false;
  if ((count as number) < 1 || (id as number) < 0 || (id as number) >= (count as number))
    return false;
  const multiple = state.options.shardCountMultiple;
  // "Sharding for Large Bots": a shard count that is not a multiple closes with 4010.
  return !multiple || (count as number) % multiple === 0;
}

function guildsOfShard(state: FakeState, shard: [number, number]) {
  return state.world.guilds.filter(
    (g) => state.world.botInGuild(g) && guildShard(g.id, shard[1]) === shard[0],
  );
}

function readyPayload(
  state: FakeState,
  sessionId: string,
  shard: [number, number],
  guilds: { id: string }[],
) {
  return {
    v: 10,
    user: { ...userPayload(state.botUser), verified: true, mfa_enabled: false, flags: 0 },
    guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
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
  };
}

export function resume(
  sessions: Sessions,
  s: Session,
  d: { token?: unknown; session_id?: unknown },
) {
  const { state } = sessions;
  const session =
    typeof d.session_id === 'string' ? sessions.resumable.get(d.session_id) : undefined;
  if (d.token !== state.botToken || state.tokenReset || !session)
    return invalidSession(sessions, s);
  Object.assign(s, {
    identified: true,
    shard: session.shard,
    intents: session.intents,
    sessionId: d.session_id,
  });
  sendDispatchJson(s, 'RESUMED', '{}');
}
