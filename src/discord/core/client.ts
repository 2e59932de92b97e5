import {
  Client,
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
 * dropped. Guilds, channels, threads, roles and permission overwrites keep discord.js's default
 * caches: the bot reads them (age restriction, the channel of an interaction, permissions), and
 * discord.js says the guild, channel, role and overwrite managers must never be limited.
 * ReactionManager stays unlimited: it lives only on a message object (none is cached), and the
 * watch listener reads its own ⏳ back from `message.reactions` to take it off.
 */
const onlySelf = { maxSize: 0, keepOverLimit: isSelf };
const selfOnly = Options.cacheWithLimits({
  UserManager: onlySelf,
  GuildMemberManager: onlySelf,
  ThreadMemberManager: onlySelf,
});

const makeCache: CacheFactory = (managerType, holds, manager) =>
  NEVER_CACHED.has(manager.name) || NEVER_CACHED.has(managerType.name)
    ? (NOTHING as ReturnType<CacheFactory>)
    : selfOnly(managerType, holds, manager);

const DEFAULT_INTENTS: GatewayIntentsString[] = ['Guilds', 'GuildMessages', 'MessageContent'];

/**
 * The discord.js client. Message Content is needed only to see attachments in watched channels;
 * slash commands and the context menu work without it. `intents` replaces the default set.
 */
export function createDiscordClient(
  options: {
    apiUrl?: string | undefined;
    extra?: Partial<ClientOptions>;
    intents?: GatewayIntentsString[];
  } = {},
) {
  return new Client({
    intents: (options.intents ?? DEFAULT_INTENTS).map((name) => GatewayIntentBits[name]),
    // Replies never ping anyone, whatever a handler forgets.
    allowedMentions: { parse: [], repliedUser: false },
    makeCache,
    // Archived threads leave the cache after 4 hours (discord.js's default); nothing else
    // accumulates, as every other cache is either limited above or bounded by the guilds.
    sweepers: Options.DefaultSweeperSettings,
    rest: { ...REST_OPTIONS, ...(options.apiUrl ? { api: options.apiUrl } : {}) },
    ...options.extra,
  });
}
