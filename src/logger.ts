import { pino, type Logger, type LoggerOptions } from 'pino';
import { PinoPretty } from 'pino-pretty';

export type { Logger };

/**
 * Paths whose values are replaced wherever they appear in a log object. Tokens must never be
 * logged; this is the safety net for the case where one slips into an object anyway.
 */
const REDACT_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'Authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
  'req.headers.authorization',
  'config.discord.token',
  'config.imgpile.token',
  'discordToken',
  'imgpileToken',
];

/**
 * Interaction tokens sit in Discord's webhook and callback URLs, which an API error carries in
 * its `url`: they are masked wherever a log line holds one.
 */
const INTERACTION_TOKEN_IN_URL = /(\/(?:webhooks|interactions)\/\d+\/)[A-Za-z0-9_.:-]{20,}/g;

/** The access key of a private imgpile post (`?key=...` in its link) opens it: never logged. */
const ACCESS_KEY_IN_URL = /([?&]key=)[^&\s"'\\]+/g;

function maskLine(line: string, secrets: string[]): string {
  const masked = line
    .replace(INTERACTION_TOKEN_IN_URL, '$1[redacted]')
    .replace(ACCESS_KEY_IN_URL, '$1[redacted]');
  return secrets.reduce((out, s) => out.split(s).join('[redacted]'), masked);
}

/**
 * pino's error serializer copies every property of an error; discord.js's `requestBody` is the
 * message the bot tried to send (links, keys): dropped, here and in any cause.
 */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const out = pino.stdSerializers.err(err) as Record<string, unknown>;
  const strip = (o: unknown) => {
    if (typeof o !== 'object' || o === null) return;
    delete (o as Record<string, unknown>).requestBody;
    strip((o as Record<string, unknown>).cause);
  };
  strip(out);
  return out;
}

/** LOG_FORMAT: pretty lines for a terminal (auto), JSON lines for everything else. */
export function prettyLogs(format: 'auto' | 'json' | 'pretty', stdoutIsTTY: boolean): boolean {
  return format === 'pretty' || (format === 'auto' && stdoutIsTTY);
}

/**
 * Lines for eyes: time, level, role and subsystem, message, then the other fields. It reads the
 * JSON line after the masking hook, so it never sees a secret the JSON would not show.
 */
function prettyStream(destination: pino.DestinationStream | undefined, colors: boolean) {
  return PinoPretty({
    sync: true,
    colorize: colors,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,service,role,subsystem',
    messageFormat: (line, key) => {
      const where = [line.role, line.subsystem].filter((v) => typeof v === 'string').join('/');
      return `${where ? `(${where}) ` : ''}${String(line[key])}`;
    },
    singleLine: true,
    ...(destination ? { destination: destination as NodeJS.WritableStream } : {}),
  });
}

export function createLogger(
  options: {
    level?: LoggerOptions['level'];
    secrets?: string[];
    /** Lines for eyes instead of JSON (see prettyLogs); `colors` for a terminal. */
    pretty?: boolean;
    colors?: boolean;
  } = {},
  destination?: pino.DestinationStream,
): Logger {
  const secrets = (options.secrets ?? []).filter((s) => s.length >= 8);
  const opts: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: 'imgpile-bot' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  // Last line of defence: a known secret value, or an interaction token in a URL, that reaches
  // a log line anywhere (an error message, a URL) is masked before the line is written.
  opts.hooks = { streamWrite: (line) => maskLine(line, secrets) };
  if (options.pretty) return pino(opts, prettyStream(destination, options.colors ?? false));
  // stdout is written synchronously: pino's default stream writes asynchronously, and the
  // synchronous flush at process.exit (shutdown, a fatal error) wrote later lines while an
  // earlier one was still in flight, so the last lines came out reordered or cut into each other.
  return pino(opts, destination ?? pino.destination({ dest: 1, sync: true }));
}
