import type { Client, Guild, GuildBasedChannel } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { KeepChannel } from './client.js';

/** The cache keeps a watched channel and the threads of one. */
const keepsOf =
  (watched: Map<string, string>): KeepChannel =>
  (channel) =>
    watched.has(channel.id) ||
    (channel.isThread?.() === true && !!channel.parentId && watched.has(channel.parentId));

/**
 * The channels watched in every server, in memory in each bot process, and the channel caches
 * kept to them: a watched channel (with its overwrites, which permissions are read from) and its
 * threads are cached, nothing else. A thread's messages do not say which channel it is in, so a
 * watched channel's threads must be known: from GUILD_CREATE, THREAD_CREATE and THREAD_LIST_SYNC,
 * and, for a channel that becomes watched, from Discord's list of the server's active threads.
 * A channel is unwatched only for the server that watches it: another server's id for it (typed,
 * or a stale record) changes nothing.
 */
export function createWatchedChannels(log: Logger) {
  /** Server id by watched channel id: every server's, whichever shard runs it. */
  const watched = new Map<string, string>();
  let client: Client | null = null;

  const keeps = keepsOf(watched);

  /** The server, if this process runs it and has it already (else its GUILD_CREATE will do). */
  const guildHere = (guildId: string): Guild | undefined => {
    const guild = client?.guilds.cache.get(guildId);
    return guild?.available ? guild : undefined;
  };

  /** Caches a channel that became watched, and its active threads: one or two REST calls. */
  async function cacheChannel(guild: Guild, channelId: string, inHand?: GuildBasedChannel) {
    const clog = log.child({ guildId: guild.id, channelId });
    try {
      if (inHand) {
        guild.client.channels.cache.set(channelId, inHand);
        guild.channels.cache.set(channelId, inHand);
      } else if (!guild.channels.cache.has(channelId)) {
        await guild.channels.fetch(channelId, { force: true });
      }
      await guild.channels.fetchActiveThreads();
      clog.info({ watched: true }, 'watched channel followed');
    } catch (err) {
      clog.warn({ err }, 'could not load a watched channel: its messages are not seen');
    }
  }

  /** Drops a channel that is no longer watched from the caches, with its threads. */
  function evict(guildId: string, channelId: string) {
    const c = client;
    if (!c) return;
    for (const [id, channel] of c.channels.cache) {
      if (id !== channelId && !(channel.isThread() && channel.parentId === channelId)) continue;
      c.channels.cache.delete(id);
      c.guilds.cache.get(guildId)?.channels.cache.delete(id);
    }
    log.info({ guildId, channelId, watched: false }, 'watched channel dropped');
  }

  return {
    keeps,
    has: (channelId: string) => watched.has(channelId),
    /** Whether any channel of the server is watched. */
    anyIn: (guildId: string) => [...watched.values()].includes(guildId),
    /** The client whose caches follow the watches (a new one replaces the old). */
    attach(next: Client) {
      client = next;
    },
    /**
     * A channel became watched (here, with the channel `inHand` when this process checked it,
     * or in another process): cached from now on, so its next message is seen.
     */
    async watch(guildId: string, channelId: string, inHand?: GuildBasedChannel) {
      const known = watched.get(channelId) === guildId;
      watched.set(channelId, guildId);
      const guild = guildHere(guildId);
      if (guild && !(known && guild.channels.cache.has(channelId)))
        await cacheChannel(guild, channelId, inHand);
    },
    unwatch(guildId: string, channelId: string) {
      if (watched.get(channelId) !== guildId || !watched.delete(channelId)) return;
      if (guildHere(guildId)) evict(guildId, channelId);
    },
    /** Every watch as Redis has them now (a reload): what changed is applied. */
    async replace(all: Map<string, string>) {
      const gone = [...watched].filter(([channelId]) => !all.has(channelId));
      for (const [channelId, guildId] of gone) this.unwatch(guildId, channelId);
      const added = [...all].filter(([channelId, guildId]) => watched.get(channelId) !== guildId);
      for (const [channelId, guildId] of added) watched.set(channelId, guildId);
      for (const [channelId, guildId] of added) {
        const guild = guildHere(guildId);
        if (guild) await cacheChannel(guild, channelId);
      }
      return { watched: watched.size, added: added.length, removed: gone.length };
    },
  };
}
export type WatchedChannels = ReturnType<typeof createWatchedChannels>;
