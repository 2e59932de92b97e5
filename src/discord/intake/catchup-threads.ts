import type { Guild } from 'discord.js';
import type { Logger } from '../../logger.js';
import { CATCHUP_HORIZON_DAYS, CATCHUP_MAX_CHANNELS } from '../../store/index.js';
import type { BotContext } from '../core/context.js';

const DISCORD_EPOCH = 1_420_070_400_000n;
const idTime = (id: string) => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);

/**
 * The threads of the server's watched channels that catch-up has no cursor for (opened while
 * the bot was away, or never posted in while it looked), each with where to read from: just
 * before the thread's own id, so a forum post's starter message (whose id is the thread's) is
 * read too. Discord's list of the server's active threads names them (one call; it holds the
 * threads the bot can see only). Threads older than the catch-up horizon are left, and no more
 * than the cursors' own cap is taken. A failed list leaves the cursors as they were.
 */
export async function threadsWithoutCursor(
  ctx: BotContext,
  guild: Guild,
  cursors: [string, string][],
  log: Logger,
  now = Date.now(),
): Promise<[string, string][]> {
  const known = new Set(cursors.map(([channelId]) => channelId));
  const room = CATCHUP_MAX_CHANNELS - cursors.length;
  if (room <= 0 || !ctx.watched.anyIn(guild.id)) return [];
  const active = await guild.channels.fetchActiveThreads().catch((err: unknown) => {
    log.warn({ err, guildId: guild.id }, "could not list the server's threads for catch-up");
    return null;
  });
  if (!active) return [];
  const horizon = now - CATCHUP_HORIZON_DAYS * 86_400_000;
  return [...active.threads.values()]
    .filter((t) => !known.has(t.id) && !!t.parentId && ctx.watched.has(t.parentId))
    .filter((t) => idTime(t.id) > horizon)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .slice(0, room)
    .map((t): [string, string] => [t.id, (BigInt(t.id) - 1n).toString()]);
}
