import { z } from 'zod';
import { normalizeHostPattern } from './hosts.js';

/** The zod fields the configuration is made of, and the parser that names every bad one. */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const httpUrl = (what: string) =>
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

export const positiveInt = (what: string, fallback: number) =>
  z.coerce
    .number({ error: `must be a whole number (${what})` })
    .int({ message: `must be a whole number (${what})` })
    .positive({ message: `must be greater than 0 (${what})` })
    .default(fallback);

export const hostList = z
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

export const secret = (what: string) =>
  z
    .string({ error: `is required: ${what}` })
    .trim()
    .min(1, { message: `is required: ${what}` });

export const port = (min: 0 | 1) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int({ message: 'must be a port number' })
    .min(min, { message: `must be a port number (${min}-65535)` })
    .max(65535, { message: `must be a port number (${min}-65535)` });

/** `on`/`off` (also true/false, yes/no, 1/0). */
export const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['on', 'off', 'true', 'false', 'yes', 'no', '1', '0'].includes(v), {
    message: 'must be on or off',
  })
  .transform((v) => ['on', 'true', 'yes', '1'].includes(v));

/** Hosts for link rehosting: `example.com` (that host) or `*.example.com` (names below it). */
export const hostPatterns = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((h) => h.trim())
      .filter(Boolean),
  )
  .refine((hosts) => hosts.every((h) => normalizeHostPattern(h) !== null), {
    message: 'must be a comma-separated list of host names or *.domain patterns',
  })
  .transform((hosts) => hosts.map((h) => normalizeHostPattern(h)!));

/** `0-7`, `3`, or `0,2,4-5`: the shards one bot process runs. */
export const shardIds = z
  .string()
  .trim()
  .regex(/^\d{1,5}(-\d{1,5})?(,\d{1,5}(-\d{1,5})?)*$/, {
    message: 'must be shard numbers or ranges, such as 0-7 or 0,2,4-5',
  })
  .transform((value) => {
    const ids = new Set<number>();
    for (const part of value.split(',')) {
      const [from, to = from] = part.split('-').map(Number) as [number, number?];
      for (let id = from; id <= to; id++) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  })
  .refine((ids) => ids.length > 0 && ids.length <= 1024, { message: 'must name 1 to 1024 shards' });

/**
 * The key that encrypts linked accounts' tokens: 32 bytes in base64. Unset or malformed, account
 * linking is off (with the reason), never a start-up failure: the rest of the bot works.
 */
export function accountKey(
  raw: string | undefined,
  name = 'ACCOUNT_ENCRYPTION_KEY',
): {
  key: Buffer | null;
  problem: string | null;
} {
  if (raw === undefined || raw.trim() === '') return { key: null, problem: `${name} is not set` };
  const value = raw.trim();
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(value) ? Buffer.from(value, 'base64') : null;
  if (!key || key.length !== 32)
    return {
      key: null,
      problem: `${name} is not 32 bytes in base64 (make one with \`openssl rand -base64 32\`)`,
    };
  return { key, problem: null };
}

/**
 * Which of the bot's own daily quotas also count files sent to a member's linked imgpile
 * account: `server,user` (default), `server`, `user` or `none`.
 */
export const linkedQuotas = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.split(',').map((s) => s.trim()))
  .refine(
    (parts) =>
      (parts.length === 1 && parts[0] === 'none') ||
      parts.every((p) => p === 'server' || p === 'user'),
    { message: 'must be server,user, server, user or none' },
  )
  .transform((parts) => ({ guild: parts.includes('server'), user: parts.includes('user') }));

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
export function parseEnv<S extends z.ZodObject>(
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
