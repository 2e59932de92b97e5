/** The fake's options and the state its parts (gateway, REST, interactions) share. */
import { randomBytes } from 'node:crypto';
import { bareTestServer, BOT } from '../../helpers/cast.js';
import { createCdn, type Cdn } from './cdn.js';
import { createWorld, type FakeGuild, type FakeUser, type World } from './world/model.js';

export type FakeDiscordOptions = {
  botToken?: string;
  /** Also the bot user's id (default: the cast's BOT). */
  applicationId?: string;
  /** Default: the bare test server of the cast. */
  guilds?: FakeGuild[];
  /** Shards GET /gateway/bot recommends (default: one per 1000 guilds, at least 1). */
  recommendedShards?: number;
  /**
   * Privileged intents enabled for the app in the developer portal. Default: Message Content
   * on, Server Members and Presence off.
   */
  privilegedIntents?: { messageContent?: boolean; guildMembers?: boolean; presences?: boolean };
  /** A verified app (flags GATEWAY_* instead of GATEWAY_*_LIMITED). Default false. */
  verified?: boolean;
  /** Guilds one session may hold before Discord closes it with 4011 (default 2500). */
  maxGuildsPerShard?: number;
  /** session_start_limit.max_concurrency (default 1, as for most bots). */
  maxConcurrency?: number;
  /** session_start_limit: identifies allowed per day and how many are left. */
  sessionStartLimit?: { total?: number; remaining?: number; resetAfterMs?: number };
  /** Large-bot sharding: the shard count must be a multiple of this, or 4010. */
  shardCountMultiple?: number;
  /** The initial response must come within this many ms (default 3000). */
  interactionDeadlineMs?: number;
  /** Installation contexts of the app (0 guild, 1 user) when a command does not say. */
  integrationTypes?: (0 | 1)[];
  /** Start with Discord unreachable (connections refused) until `acceptConnections()`. */
  startUnreachable?: boolean;
};

export type RestCall = {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
  at: number;
};

/**
 * A request Discord counts as invalid: 401, 403, and 429 unless its scope is `shared`. Discord
 * bans an IP that makes 10,000 of them in 10 minutes ("Rate Limits" > "Invalid Request Limit").
 */
export type RefusedRequest = {
  method: string;
  path: string;
  status: number;
  /** Discord's JSON error code (50013 Missing Permissions, 50001 Missing Access, ...). */
  code: number | null;
  at: number;
};

export type SentMessage = {
  id: string;
  channel_id: string;
  content: string;
  embeds: unknown[];
  components: unknown[];
  flags: number;
  message_reference?: unknown;
  allowed_mentions?: unknown;
};

/** What the fake remembers of any message (for replies, reactions and edits). */
export type KnownMessage = {
  channelId: string;
  authorId: string;
  /** The full payload, when the fake keeps it. */
  payload?: Record<string, unknown>;
  /** Emojis users reacted with (a reaction that exists needs no ADD_REACTIONS to join). */
  reactions?: Set<string>;
};

export type InteractionRecord = {
  id: string;
  token: string;
  type: number;
  createdAt: number;
  expiresAt: number;
  channelId: string;
  guildId: string | null;
  context: 0 | 1 | 2;
  userId: string;
  owners: Record<string, string>;
  /** Only a user installation authorized it ("5 follow-ups" limit, forced ephemeral replies). */
  userInstallOnly: boolean;
  /** The invoker lacks USE_EXTERNAL_APPS where a user-installed app answers: replies ephemeral. */
  forceEphemeral: boolean;
  /** The callback type, once the interaction was answered. */
  callbackType: number | null;
  /** A deferred response that no edit has filled yet (Discord shows "is thinking..."). */
  loading: boolean;
  original: SentMessage | null;
  followUps: SentMessage[];
  modal: unknown;
  autocomplete: unknown;
  /** The message a component or modal was used on (type 6/7 callbacks edit it). */
  message: Record<string, unknown> | null;
};

export type RegisteredCommands = { scope: string; commands: unknown[] };

export type FakeState = ReturnType<typeof createState>;

export function createState(options: FakeDiscordOptions) {
  const botToken = options.botToken ?? 'discord-test-token';
  const applicationId = options.applicationId ?? BOT;
  const botUser: FakeUser = { id: applicationId, username: 'imgpile-bot', bot: true };
  const guilds = options.guilds ?? [bareTestServer()];
  const world: World = createWorld(guilds, botUser.id);
  const secret = randomBytes(16);
  let origin = '';
  const cdn: Cdn = createCdn(secret, () => origin);
  const total = options.sessionStartLimit?.total ?? 1000;
  return {
    options,
    botToken,
    /** Set when the session start limit ran out: Discord resets the token. */
    tokenReset: false,
    applicationId,
    botUser,
    world,
    cdn,
    get origin() {
      return origin;
    },
    set origin(value: string) {
      origin = value;
    },
    privileged: {
      messageContent: options.privilegedIntents?.messageContent ?? true,
      guildMembers: options.privilegedIntents?.guildMembers ?? false,
      presences: options.privilegedIntents?.presences ?? false,
    },
    sessionStart: {
      total,
      remaining: options.sessionStartLimit?.remaining ?? total,
      resetAfterMs: options.sessionStartLimit?.resetAfterMs ?? 86_400_000,
    },
    maxConcurrency: options.maxConcurrency ?? 1,
    maxGuildsPerShard: options.maxGuildsPerShard ?? 2500,
    interactionDeadlineMs: options.interactionDeadlineMs ?? 3000,
    restCalls: [] as RestCall[],
    /** Every invalid request the fake answered (see RefusedRequest). */
    refusedRequests: [] as RefusedRequest[],
    /** Messages the bot sent with POST /channels/:id/messages, by id. */
    messages: new Map<string, SentMessage>(),
    /** Every message the fake knows of (users' and the bot's), by id. */
    knownMessages: new Map<string, KnownMessage>(),
    /** Users who blocked the bot: it may not react to their messages (90001) nor DM them (50007). */
    blockingBot: new Set<string>(),
    /** `${channel}:${message}` -> emojis the bot reacted with. */
    reactions: new Map<string, Set<string>>(),
    registered: [] as RegisteredCommands[],
    interactions: new Map<string, InteractionRecord>(),
    interactionsByToken: new Map<string, InteractionRecord>(),
    /** Failures injected into REST answers (see `injectRestFailure`). */
    restFailures: [] as RestFailure[],
    /** REST calls held back before Discord handles them (see `delayRest`). */
    restDelays: [] as RestDelay[],
    /** Message edits per channel, in Discord's 5-in-5-seconds bucket: when each was made. */
    editBuckets: new Map<string, number[]>(),
  };
}

export type RestFailure = {
  method?: string;
  path: RegExp;
  status: number;
  body?: unknown;
  /** Seconds, for 429s: sent as Retry-After and `retry_after`. */
  retryAfter?: number;
  times: number;
};

/** A REST call that reaches Discord late (a slow network, a busy Discord). */
export type RestDelay = { method?: string; path: RegExp; ms: number; times: number };
