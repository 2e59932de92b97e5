import {
  Client,
  Collection,
  GatewayIntentBits,
  LimitedCollection,
  Options,
  type CacheFactory,
  type ClientOptions,
  type GatewayIntentsString,
} from 'discord.js';
import { REST_OPTIONS } from './rest.js';

/**
 * Managers whose cache the bot never reads: what they hold is either never needed or arrives
 * whole with the event that needs it (a message, with the attachments the watch listener
 * reads), so it is built, used and dropped. Names are discord.js's manager classes
 * (`MessageManager` covers the guild, DM and group DM message managers).
 */
const NEVER_CACHED = new Set([
  // Messages come with their event; reply and react work on the object in hand.
  'MessageManager',
  'PresenceManager',
  'VoiceStateManager',
  'BaseGuildEmojiManager',
  'GuildEmojiManager',
  'ApplicationEmojiManager',
  'GuildStickerManager',
  'GuildSoundboardSoundManager',
  'GuildInviteManager',
  'GuildScheduledEventManager',
  'StageInstanceManager',
  'GuildBanManager',
  'AutoModerationRuleManager',
  'ApplicationCommandManager',
  'GuildApplicationCommandManager',
  'EntitlementManager',
  // A channel's own list of its threads: threads stay in the guild's and the client's channel
  // caches, which is where the bot (and discord.js's thread sweeper) find them. The one loss:
  // deleting a channel leaves its threads cached until they are swept.
  'GuildTextThreadManager',
  'GuildForumThreadManager',
]);

/**
 * One collection that never holds anything (a LimitedCollection of size 0 refuses every entry),
 * shared by all those managers: an empty Map still costs about 200 bytes, and a server has one
 * per text channel for messages alone.
 */
const NOTHING = new LimitedCollection<unknown, unknown>({ maxSize: 0 });

const isSelf = (value: { id: string; client: Client }) => value.id === value.client.user?.id;

/**
 * The bot's own user, member and thread memberships stay (client.user, guild.members.me, a
 * thread's `joined`); other users and members are built with the event that brings them and
 * dropped. Guilds, roles and permission overwrites keep discord.js's default caches: the bot
 * reads them (permissions), and discord.js says those managers must never be limited. Channels
 * and threads are cached as `keepChannel` says (below): discord.js's warning is about limits
 * that evict what it still uses, while a channel the bot does not watch is never used.
 * ReactionManager stays unlimited: it lives only on a message object (none is cached), and the
 * watch listener reads its own ⏳ back from `message.reactions` to take it off.
 */
const onlySelf = { maxSize: 0, keepOverLimit: isSelf };
const selfOnly = Options.cacheWithLimits({
  UserManager: onlySelf,
  GuildMemberManager: onlySelf,
  ThreadMemberManager: onlySelf,
});

/**
 * A channel cache that holds only what `keep` accepts: anything else it is given is dropped at
 * once. Its derived collections (filter, map, ...) are plain ones.
 */
class KeptChannels<K, V> extends Collection<K, V> {
  static override get [Symbol.species]() {
    return Collection;
  }
  constructor(private readonly keep: (channel: V) => boolean) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.keep(value)) return super.set(key, value);
    super.delete(key);
    return this;
  }
}

/** Which channels the bot caches: a channel or thread it watches, with what it needs there. */
export type KeepChannel = (channel: {
  id: string;
  parentId?: string | null;
  isThread?: () => boolean;
}) => boolean;

/** The client's and every server's channel cache. */
const CHANNEL_CACHES = new Set(['ChannelManager', 'GuildChannelManager']);

function cacheFactory(keepChannel: KeepChannel | undefined): CacheFactory {
  return (managerType, holds, manager) => {
    if (NEVER_CACHED.has(manager.name) || NEVER_CACHED.has(managerType.name))
      return NOTHING as ReturnType<CacheFactory>;
    if (keepChannel && CHANNEL_CACHES.has(managerType.name))
      return new KeptChannels(keepChannel as (v: unknown) => boolean) as ReturnType<CacheFactory>;
    return selfOnly(managerType, holds, manager);
  };
}

const DEFAULT_INTENTS: GatewayIntentsString[] = ['Guilds', 'GuildMessages', 'MessageContent'];

/**
 * The discord.js client. Message Content is needed only to see attachments in watched channels;
 * slash commands and the context menu work without it. `intents` replaces the default set.
 * `keepChannel` decides which channels are cached (default: all): discord.js drops a message
 * whose channel is not cached before building anything for it, which is what a server's
 * unwatched channels cost then; interactions describe their own channel.
 */
export function createDiscordClient(
  options: {
    apiUrl?: string | undefined;
    extra?: Partial<ClientOptions>;
    intents?: GatewayIntentsString[];
    keepChannel?: KeepChannel;
  } = {},
) {
  return new Client({
    intents: (options.intents ?? DEFAULT_INTENTS).map((name) => GatewayIntentBits[name]),
    // Replies never ping anyone, whatever a handler forgets.
    allowedMentions: { parse: [], repliedUser: false },
    makeCache: cacheFactory(options.keepChannel),
    // Archived threads leave the cache after 4 hours (discord.js's default); nothing else
    // accumulates, as every other cache is either limited above or bounded by the guilds.
    sweepers: Options.DefaultSweeperSettings,
    rest: { ...REST_OPTIONS, ...(options.apiUrl ? { api: options.apiUrl } : {}) },
    ...options.extra,
  });
}
