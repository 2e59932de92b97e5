import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import {
  ConfigError,
  LOG_LEVELS,
  accountKey,
  hostList,
  hostPatterns,
  httpUrl,
  linkedQuotas,
  onOff,
  parseEnv,
  port,
  positiveInt,
  secret,
  shardIds,
} from './config-fields.js';
import { snowflake } from './snowflake.js';

/**
 * Every environment variable the project reads, with its default. Names are part of the
 * interface: keep them stable and document each one in docs/configuration.md.
 */
const envSchema = z.object({
  DISCORD_TOKEN: secret('the bot token from the Discord developer portal'),
  DISCORD_API_URL: httpUrl('a Discord REST base such as https://discord.com/api').optional(),
  IMGPILE_TOKEN: secret('an imgpile API token'),
  IMGPILE_API_URL: httpUrl('the imgpile API base').default('https://imgpile.com/api/v1'),
  IMGPILE_UPLOAD_URL: httpUrl('the imgpile upload base').default('https://cdn.imgpile.com/api/v1'),
  REDIS_URL: z
    .string()
    .trim()
    .regex(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
    // Unset: redis://127.0.0.1:<LOCAL_REDIS_PORT>, or a private redis-server there (local-redis).
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, { message: 'must be 1-40 letters, digits, - or _' })
    .default('imgpile-bot'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
    .default('info'),
  LOG_FORMAT: z
    .enum(['auto', 'json', 'pretty'], { error: 'must be auto, json or pretty' })
    .default('auto'),
  ATTACHMENT_HOSTS: hostList.default(['cdn.discordapp.com', 'media.discordapp.net']),
  MAX_FILE_BYTES: positiveInt('bytes', 100 * 1024 * 1024),
  IMGPILE_REQUESTS_PER_MINUTE: positiveInt('requests', 120),
  IMGPILE_RATE_WINDOW_MS: positiveInt('milliseconds', 60_000),
  IMGPILE_DAILY_FILE_LIMIT: positiveInt('files', 1000),
  GUILD_DAILY_FILE_LIMIT: positiveInt('files', 200),
  USER_DAILY_FILE_LIMIT: positiveInt('files', 50),
  USER_DAILY_REFUSAL_LIMIT: positiveInt('refused files', 20),
  LINKED_ACCOUNT_DAILY_FILE_LIMIT: positiveInt('files', 1000),
  LINKED_ACCOUNT_QUOTAS: linkedQuotas.default({ guild: true, user: true }),
  RECORD_RETENTION_DAYS: positiveInt('days', 90),
  WORKER_CONCURRENCY: positiveInt('parallel uploads per worker process', 4),
  WORKER_LOCK_MS: positiveInt('milliseconds', 30_000),
  WORKER_RETRY_DELAY_MS: positiveInt('milliseconds', 2_000),
  SHUTDOWN_GRACE_MS: positiveInt('milliseconds', 8_000),
  DISCORD_SHARD_COUNT: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d{0,4})$/, { message: 'must be "auto" or a number of shards' })
    .optional(),
  /** The old name of DISCORD_SHARD_COUNT, still read. */
  DISCORD_SHARDS: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d{0,4})$/, { message: 'must be "auto" or a number of shards' })
    .optional(),
  DISCORD_SHARD_IDS: shardIds.optional(),
  DISCORD_MESSAGE_CONTENT: z
    .enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' })
    .default('auto'),
  URL_REHOST: onOff.default(true),
  URL_ALLOW_HTTP: onOff.default(false),
  URL_ALLOW_HOSTS: hostPatterns.optional(),
  URL_DENY_HOSTS: hostPatterns.optional(),
  ACCOUNT_ENCRYPTION_KEY: z.string().optional(),
  ACCOUNT_ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
  HEALTH_PORT: port(0).optional(),
  // Loopback: /metrics is not public by accident on a bare-metal install (the image sets 0.0.0.0).
  HEALTH_HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOCAL_REDIS_PORT: port(1).default(6379),
  LOCAL_REDIS_DIR: z.string().trim().min(1).default('./data/redis'),
  LOCAL_REDIS_MAXMEMORY: z
    .string()
    .trim()
    .regex(/^[1-9]\d*(b|k|kb|m|mb|g|gb)?$/i, { message: 'must be a size such as 256mb or 1gb' })
    .optional(),
});

export type Config = {
  discord: {
    token: string;
    apiUrl: string | undefined;
    /** Shards of the whole bot: 'auto' asks Discord how many it needs. */
    shardCount: 'auto' | number;
    /** The shards this process runs (DISCORD_SHARD_IDS); null: every shard. */
    shardIds: number[] | null;
    /** Ask for the privileged Message Content intent: 'auto' asks Discord if it is enabled. */
    messageContent: 'auto' | 'on' | 'off';
  };
  imgpile: { token: string; apiUrl: string; uploadUrl: string };
  redisUrl: string;
  /** REDIS_URL was set: it is used as given, never replaced by a private redis-server. */
  redisUrlExplicit: boolean;
  /**
   * REDIS_URL unset: the loopback port where a Redis is looked for (and a private redis-server
   * started when none answers), the folder of that server's append-only file and password, and
   * its memory bound (Redis's units; unset: 256mb).
   */
  localRedis: { port: number; dir: string; maxmemory?: string | undefined };
  /** Prefix of every Redis key the bot writes (BullMQ's under `<prefix>:bull`). */
  redisPrefix: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** JSON lines, or lines for eyes; auto: pretty when stdout is a terminal. */
  logFormat: 'auto' | 'json' | 'pretty';
  attachmentHosts: string[];
  maxFileBytes: number;
  rateLimit: { requestsPerMinute: number; windowMs: number };
  quotas: {
    account: number;
    guild: number;
    user: number;
    refusals: number;
    /** A linked imgpile account's own daily files. */
    linked: number;
    /** Whether the server's and the user's quotas also count files sent to linked accounts. */
    linkedScopes: { guild: boolean; user: boolean };
  };
  /** How long the bot remembers what it uploaded, and for whom. */
  retention: { recordsDays: number };
  worker: { concurrency: number; lockMs: number; retryDelayMs: number };
  shutdownGraceMs: number;
  /** Port of /healthz and /metrics; unset: no health server. */
  health: { port: number; host: string } | null;
  /** Rehosting images and videos linked in messages (not only attachments). */
  urls: { enabled: boolean; allowHttp: boolean; allowHosts: string[]; denyHosts: string[] };
  /**
   * Linked imgpile accounts: the key that encrypts their tokens (and the previous one, while
   * rotating). `problem` says why linking is off (unset or malformed key), never the key.
   */
  accounts: { key: Buffer | null; previousKey: Buffer | null; problem: string | null };
};

export { ConfigError };

export function parseConfig(env: Record<string, string | undefined>): Config {
  const e = parseEnv(envSchema, env);
  return {
    discord: discordConfig(e),
    imgpile: { token: e.IMGPILE_TOKEN, apiUrl: e.IMGPILE_API_URL, uploadUrl: e.IMGPILE_UPLOAD_URL },
    redisUrl: e.REDIS_URL ?? `redis://127.0.0.1:${e.LOCAL_REDIS_PORT}`,
    redisUrlExplicit: e.REDIS_URL !== undefined,
    localRedis: {
      port: e.LOCAL_REDIS_PORT,
      dir: e.LOCAL_REDIS_DIR,
      maxmemory: e.LOCAL_REDIS_MAXMEMORY,
    },
    redisPrefix: e.REDIS_PREFIX,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    attachmentHosts: e.ATTACHMENT_HOSTS,
    maxFileBytes: e.MAX_FILE_BYTES,
    rateLimit: {
      requestsPerMinute: e.IMGPILE_REQUESTS_PER_MINUTE,
      windowMs: e.IMGPILE_RATE_WINDOW_MS,
    },
    quotas: {
      account: e.IMGPILE_DAILY_FILE_LIMIT,
      guild: e.GUILD_DAILY_FILE_LIMIT,
      user: e.USER_DAILY_FILE_LIMIT,
      refusals: e.USER_DAILY_REFUSAL_LIMIT,
      linked: e.LINKED_ACCOUNT_DAILY_FILE_LIMIT,
      linkedScopes: e.LINKED_ACCOUNT_QUOTAS,
    },
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      lockMs: e.WORKER_LOCK_MS,
      retryDelayMs: e.WORKER_RETRY_DELAY_MS,
    },
    retention: { recordsDays: e.RECORD_RETENTION_DAYS },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    health: e.HEALTH_PORT === undefined ? null : { port: e.HEALTH_PORT, host: e.HEALTH_HOST },
    urls: {
      enabled: e.URL_REHOST,
      allowHttp: e.URL_ALLOW_HTTP,
      allowHosts: e.URL_ALLOW_HOSTS ?? [],
      denyHosts: e.URL_DENY_HOSTS ?? [],
    },
    accounts: accountsConfig(e.ACCOUNT_ENCRYPTION_KEY, e.ACCOUNT_ENCRYPTION_KEY_PREVIOUS),
  };
}

type Env = z.infer<typeof envSchema>;

function discordConfig(e: Env): Config['discord'] {
  const count = e.DISCORD_SHARD_COUNT ?? e.DISCORD_SHARDS ?? 'auto';
  const shardCount = count === 'auto' ? 'auto' : Number(count);
  const shardIds = e.DISCORD_SHARD_IDS ?? null;
  if (shardIds && shardCount === 'auto') {
    throw new ConfigError([
      'DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT set to the number of shards of the whole bot',
    ]);
  }
  if (shardIds && typeof shardCount === 'number' && shardIds.some((id) => id >= shardCount)) {
    throw new ConfigError([
      `DISCORD_SHARD_IDS must be shards below DISCORD_SHARD_COUNT (${shardCount})`,
    ]);
  }
  return {
    token: e.DISCORD_TOKEN,
    apiUrl: e.DISCORD_API_URL,
    shardCount,
    shardIds,
    messageContent: e.DISCORD_MESSAGE_CONTENT,
  };
}

function accountsConfig(current?: string, previous?: string): Config['accounts'] {
  const key = accountKey(current);
  const old = accountKey(previous, 'ACCOUNT_ENCRYPTION_KEY_PREVIOUS');
  return {
    key: key.key,
    previousKey: old.key,
    problem: key.problem ?? (previous !== undefined ? old.problem : null),
  };
}

const deploySchema = z.object({
  DISCORD_TOKEN: secret('the bot token from the Discord developer portal'),
  DISCORD_API_URL: httpUrl('a Discord REST base such as https://discord.com/api').optional(),
  DISCORD_GUILD_ID: snowflake.optional(),
});

type DeployConfig = {
  token: string;
  apiUrl: string | undefined;
  guildId: string | undefined;
};

/**
 * What `npm run deploy-commands` needs, and no more: the Discord token, an optional REST base,
 * and `DISCORD_GUILD_ID` to register in one server (instant) instead of globally.
 */
function parseDeployConfig(env: Record<string, string | undefined>): DeployConfig {
  const e = parseEnv(deploySchema, env);
  return { token: e.DISCORD_TOKEN, apiUrl: e.DISCORD_API_URL, guildId: e.DISCORD_GUILD_ID };
}

export function loadDeployConfig(): DeployConfig {
  loadDotenv({ quiet: true });
  return parseDeployConfig(process.env);
}

/** Loads `.env` (without overriding the real environment) and parses it. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
