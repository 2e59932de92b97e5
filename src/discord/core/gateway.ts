import { Events, Routes, type Client, type REST } from 'discord.js';
import type { Logger } from '../../logger.js';
import { sleep } from '../../sleep.js';

/** Application flags (developer portal switches): Message Content, verified or not. */
const GATEWAY_MESSAGE_CONTENT = 1 << 18;
const GATEWAY_MESSAGE_CONTENT_LIMITED = 1 << 19;

/** A start-up failure only an admin can fix: one fatal line says what to change. */
export class GatewayFatalError extends Error {
  override name = 'GatewayFatalError';
  constructor(
    readonly code: number | 'token',
    message: string,
  ) {
    super(message);
  }
}

const portal = (appId: string) => `https://discord.com/developers/applications/${appId}/bot`;

/** The close codes an admin can cause, each with what to do about it. */
export function fatalMessage(code: number | 'token', appId: string): string {
  switch (code) {
    case 'token':
    case 4004:
      return 'Discord refused the bot token: check DISCORD_TOKEN (the Bot page of the developer portal can reset it).';
    case 4010:
      return 'Discord refused the shard settings (close code 4010): check DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS.';
    case 4011:
      return 'Discord requires sharding (close code 4011): the bot is in too many servers for one shard. Set DISCORD_SHARD_COUNT=auto, or a number of shards.';
    case 4013:
      return 'Discord refused the gateway intents as invalid (close code 4013): this is a bug in this version of the bot.';
    case 4014:
      return `Discord refused the privileged Message Content intent (close code 4014): switch on "Message Content Intent" at ${portal(appId)}, or set DISCORD_MESSAGE_CONTENT=off (slash commands and the menu work without it; watched channels do not).`;
    default:
      return `Discord closed the gateway for good (close code ${code}).`;
  }
}

/** The errors @discordjs/ws raises for the close codes no reconnect can mend. */
const CLOSE_ERRORS: Record<string, number> = {
  'Authentication failed': 4004,
  'Invalid shard': 4010,
  'Sharding is required': 4011,
  'Used an invalid API version': 4012,
  'Used invalid intents': 4013,
  'Used disallowed intents': 4014,
};

/** The close code behind a login failure, when Discord closed the gateway for good. */
export function asGatewayFatal(err: unknown, appId: string): GatewayFatalError | null {
  if (err instanceof GatewayFatalError) return err;
  const code = err instanceof Error ? CLOSE_ERRORS[err.message] : undefined;
  return code === undefined ? null : new GatewayFatalError(code, fatalMessage(code, appId));
}

/** A failure to reach Discord at all (DNS, refused, reset, timeout, 5xx): worth waiting out. */
function isNetworkFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const status = (err as { status?: number }).status;
  if (typeof status === 'number') return status >= 500 || status === 429;
  const code =
    (err as { code?: string }).code ?? (err.cause as { code?: string } | undefined)?.code;
  return (
    [
      'ENOTFOUND',
      'EAI_AGAIN',
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'EHOSTUNREACH',
      'ENETUNREACH',
      'UND_ERR_CONNECT_TIMEOUT',
      'UND_ERR_SOCKET',
    ].includes(code ?? '') ||
    err.name === 'AbortError' ||
    /fetch failed|socket hang up|network/i.test(err.message)
  );
}

const describe = (err: unknown) => {
  const e = err as { message?: string; code?: string; cause?: { message?: string; code?: string } };
  return e.cause?.message ?? e.code ?? e.message ?? String(err);
};

/**
 * Runs `attempt` until it succeeds, waiting out network failures with backoff (1 s, doubling,
 * at most a minute): a bot started before the network is up comes up when it is. A refused
 * token is fatal; anything else is thrown as is.
 */
export async function untilReachable<T>(what: string, log: Logger, attempt: () => Promise<T>) {
  for (let wait = 1_000; ; wait = Math.min(wait * 2, 60_000)) {
    try {
      return await attempt();
    } catch (err) {
      const status = (err as { status?: number }).status;
      const tokenRefused =
        status === 401 || (err instanceof Error && /invalid token/i.test(err.message));
      if (tokenRefused) throw new GatewayFatalError('token', fatalMessage('token', ''));
      if (!isNetworkFailure(err)) throw err;
      log.warn(
        { reason: describe(err), retryInMs: wait },
        `Discord cannot be reached (${what}); retrying`,
      );
      await sleep(wait);
    }
  }
}

/** The application and whether Message Content is switched on for it in the developer portal. */
export async function fetchApplication(rest: REST, log: Logger) {
  const app = await untilReachable('reading the application', log, async () => {
    return (await rest.get(Routes.currentApplication())) as { id: string; flags?: number };
  });
  const flags = app.flags ?? 0;
  const messageContent =
    (flags & (GATEWAY_MESSAGE_CONTENT | GATEWAY_MESSAGE_CONTENT_LIMITED)) !== 0;
  return { id: app.id, messageContent };
}

/**
 * Resolves when every shard is ready; rejects with GatewayFatalError when Discord closes a
 * shard for good (a close code no reconnect can mend).
 */
export function readyOrFatal(client: Client, appId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDisconnect = (event: { code: number }) => {
      if (![4004, 4010, 4011, 4012, 4013, 4014].includes(event.code)) return;
      cleanup();
      reject(new GatewayFatalError(event.code, fatalMessage(event.code, appId)));
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      client.off(Events.ShardDisconnect, onDisconnect);
      client.off(Events.ClientReady, onReady);
    };
    client.on(Events.ShardDisconnect, onDisconnect);
    client.once(Events.ClientReady, onReady);
  });
}
