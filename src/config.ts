import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { snowflake } from './snowflake.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const httpUrl = (what: string) =>
  z
    .string({ error: `must be set to ${what}` })
    .trim()
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return url.protocol === 'http:' || url.protocol === 'https:';
        } catch {
          return false;
        }
      },
      { message: `must be an http(s) URL (${what})` },
    )
    // A trailing slash would double up when paths are appended.
    .transform((value) => value.replace(/\/+$/, ''));

const positiveInt = (what: string, fallback: number) =>
  z.coerce
    .number({ error: `must be a whole number (${what})` })
    .int({ message: `must be a whole number (${what})` })
    .positive({ message: `must be greater than 0 (${what})` })
    .default(fallback);

const hostList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine((hosts) => hosts.length > 0 && hosts.every((h) => /^[a-z0-9.-]+(:\d{1,5})?$/.test(h)), {
    message: 'must be a comma-separated list of host or host:port',
  });

const secret = (what: string) =>
  z
    .string({ error: `is required: ${what}` })
    .trim()
    .min(1, { message: `is required: ${what}` });

/**
 * Every environment variable the project reads, with its default. Names are part of the
 * interface: keep them stable and document each one in README.md.
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
  ATTACHMENT_HOSTS: hostList.default(['cdn.discordapp.com', 'media.discordapp.net']),
  MAX_FILE_BYTES: positiveInt('bytes', 100 * 1024 * 1024),
  IMGPILE_REQUESTS_PER_MINUTE: positiveInt('requests', 120),
  IMGPILE_RATE_WINDOW_MS: positiveInt('milliseconds', 60_000),
  IMGPILE_DAILY_FILE_LIMIT: positiveInt('files', 1000),
  GUILD_DAILY_FILE_LIMIT: positiveInt('files', 200),
  USER_DAILY_FILE_LIMIT: positiveInt('files', 50),
  USER_DAILY_REFUSAL_LIMIT: positiveInt('refused files', 20),
  RECORD_RETENTION_DAYS: positiveInt('days', 90),
  WORKER_CONCURRENCY: positiveInt('parallel uploads per worker process', 4),
  WORKER_LOCK_MS: positiveInt('milliseconds', 30_000),
  WORKER_RETRY_DELAY_MS: positiveInt('milliseconds', 2_000),
  SHUTDOWN_GRACE_MS: positiveInt('milliseconds', 8_000),
  DISCORD_SHARDS: z
    .string()
    .trim()
    .regex(/^(auto|[1-9]\d{0,4})$/, { message: 'must be "auto" or a number of shards' })
    .default('auto'),
  HEALTH_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ message: 'must be a port number' })
    .min(0, { message: 'must be a port number (0-65535)' })
    .max(65535, { message: 'must be a port number (0-65535)' })
    .optional(),
  HEALTH_HOST: z.string().trim().min(1).default('0.0.0.0'),
  LOCAL_REDIS_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int({ message: 'must be a port number' })
    .min(1, { message: 'must be a port number (1-65535)' })
    .max(65535, { message: 'must be a port number (1-65535)' })
    .default(6379),
  LOCAL_REDIS_DIR: z.string().trim().min(1).default('./data/redis'),
});

export type Config = {
  discord: { token: string; apiUrl: string | undefined; shards: 'auto' | number };
  imgpile: { token: string; apiUrl: string; uploadUrl: string };
  redisUrl: string;
  /** REDIS_URL was set: it is used as given, never replaced by a private redis-server. */
  redisUrlExplicit: boolean;
  /**
   * REDIS_URL unset: the loopback port where a Redis is looked for (and a private redis-server
   * started when none answers), and the folder of that server's append-only file.
   */
  localRedis: { port: number; dir: string };
  /** Prefix of every Redis key the bot writes (BullMQ's under `<prefix>:bull`). */
  redisPrefix: string;
  logLevel: (typeof LOG_LEVELS)[number];
  attachmentHosts: string[];
  maxFileBytes: number;
  rateLimit: { requestsPerMinute: number; windowMs: number };
  quotas: { account: number; guild: number; user: number; refusals: number };
  /** How long the bot remembers what it uploaded, and for whom. */
  retention: { recordsDays: number };
  worker: { concurrency: number; lockMs: number; retryDelayMs: number };
  shutdownGraceMs: number;
  /** Port of /healthz and /metrics; unset: no health server. */
  health: { port: number; host: string } | null;
};

/** Raised when the environment is unusable; its message names every bad variable, never a value. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Parses `env` against `schema`. Empty strings count as unset, so that `FOO=` in a .env file
 * falls back to the default instead of failing validation. Throws ConfigError naming every bad
 * variable with our own message, never its value.
 */
function parseEnv<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  const cleaned = Object.fromEntries(
    Object.keys(schema.shape).map((key) => {
      const value = env[key];
      return [key, value === undefined || value.trim() === '' ? undefined : value];
    }),
  );
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`),
    );
  }
  return result.data;
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const e = parseEnv(envSchema, env);
  return {
    discord: {
      token: e.DISCORD_TOKEN,
      apiUrl: e.DISCORD_API_URL,
      shards: e.DISCORD_SHARDS === 'auto' ? 'auto' : Number(e.DISCORD_SHARDS),
    },
    imgpile: { token: e.IMGPILE_TOKEN, apiUrl: e.IMGPILE_API_URL, uploadUrl: e.IMGPILE_UPLOAD_URL },
    redisUrl: e.REDIS_URL ?? `redis://127.0.0.1:${e.LOCAL_REDIS_PORT}`,
    redisUrlExplicit: e.REDIS_URL !== undefined,
    localRedis: { port: e.LOCAL_REDIS_PORT, dir: e.LOCAL_REDIS_DIR },
    redisPrefix: e.REDIS_PREFIX,
    logLevel: e.LOG_LEVEL,
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
    },
    worker: {
      concurrency: e.WORKER_CONCURRENCY,
      lockMs: e.WORKER_LOCK_MS,
      retryDelayMs: e.WORKER_RETRY_DELAY_MS,
    },
    retention: { recordsDays: e.RECORD_RETENTION_DAYS },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    health: e.HEALTH_PORT === undefined ? null : { port: e.HEALTH_PORT, host: e.HEALTH_HOST },
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
