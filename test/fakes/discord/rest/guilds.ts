/**
 * The guild routes the bot uses: the server's active threads ("Threads" > "List Active Guild
 * Threads"), which a bot that starts watching a channel reads to know that channel's threads.
 */
import type { ServerResponse } from 'node:http';
import { ERRORS, json } from '../http.js';
import type { FakeState } from '../state.js';
import { threadPayload } from '../world/payloads.js';

const UNKNOWN_GUILD = { message: 'Unknown Guild', code: 10004 };

/** Answers a guild route, or returns false when it is not one. */
export function routeGuild(
  state: FakeState,
  res: ServerResponse,
  method: string,
  path: string,
): boolean {
  const m = /^\/guilds\/(\d+)\/threads\/active$/.exec(path);
  if (!m || method !== 'GET') return false;
  listActiveThreads(state, res, m[1]!);
  return true;
}

/**
 * Every active thread of the server the bot can see, public and private, newest first, and a
 * thread member object for each the bot has joined. A server the bot is not in: 403 50001;
 * no such server: 404 10004.
 */
function listActiveThreads(state: FakeState, res: ServerResponse, guildId: string) {
  const guild = state.world.guildById.get(guildId);
  if (!guild) return json(res, 404, UNKNOWN_GUILD);
  if (!state.world.botInGuild(guild)) return json(res, 403, ERRORS.missingAccess);
  const bot = state.botUser.id;
  const threads = state.world
    .activeThreads(guild)
    .filter((t) => state.world.canView({ guild, channel: t }, bot))
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const payloads = threads.map((t) => {
    const { member: _member, ...thread } = threadPayload(guild, t, bot);
    return thread;
  });
  const members = threads
    .map((t) => threadPayload(guild, t, bot).member)
    .filter((member) => member !== undefined);
  json(res, 200, { threads: payloads, members });
}
