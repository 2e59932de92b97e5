import { REST, RESTEvents } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../logger.js';

/**
 * Every REST client of the process reports each request Discord answers 401, 403 or 429
 * (@discordjs/rest's invalid-request hook, at every one), so they can be counted together.
 */
export const REST_OPTIONS = { invalidRequestWarningInterval: 1 } as const;

/** Discord's REST client (the one discord.js uses), pointed at DISCORD_API_URL when set. */
export function createDiscordRest(options: { token: string; apiUrl?: string | undefined }): REST {
  const rest = new REST({
    version: '10',
    ...REST_OPTIONS,
    ...(options.apiUrl ? { api: options.apiUrl } : {}),
  });
  return rest.setToken(options.token);
}

/** Discord bans an IP that makes this many invalid requests (401, 403, 429) in 10 minutes. */
export const DISCORD_INVALID_REQUEST_LIMIT = 10_000;
const INVALID_WINDOW_MS = 10 * 60_000;
/** A warning at every this many in the window: well before the limit, even for 10 processes. */
const WARN_EVERY = 250;

export type InvalidRequests = ReturnType<typeof countInvalidRequests>;

/**
 * The process's count of requests Discord answered 401, 403 or 429, over Discord's 10-minute
 * window, fed by every REST client given to `watch`: a warning is logged at every 250 in the
 * window (an error from 2,500), long before Discord's 10,000.
 */
export function countInvalidRequests(log: Logger, onCount: (inWindow: number) => void) {
  let count = 0;
  let resetAt = 0;
  function note() {
    const now = Date.now();
    if (now >= resetAt) {
      count = 0;
      resetAt = now + INVALID_WINDOW_MS;
    }
    count += 1;
    onCount(count);
    if (count % WARN_EVERY !== 0) return;
    const level = count >= DISCORD_INVALID_REQUEST_LIMIT / 4 ? 'error' : 'warn';
    log[level](
      { count, limit: DISCORD_INVALID_REQUEST_LIMIT, resetsInMs: resetAt - now },
      'Discord refused many requests (401, 403, 429) in 10 minutes: at the limit it bans the IP',
    );
  }
  return {
    /** Counts `rest`'s invalid requests too (it must be built with REST_OPTIONS). */
    watch(rest: REST): REST {
      rest.on(RESTEvents.InvalidRequestWarning, note);
      return rest;
    },
    /** Invalid requests in the current window. */
    inWindow: () => (Date.now() >= resetAt ? 0 : count),
  };
}

const refreshResponse = z.object({
  refreshed_urls: z.array(z.object({ original: z.string(), refreshed: z.string() })),
});

/**
 * Exchanges an expired attachment link for a fresh one through
 * `POST /attachments/refresh-urls`. Returns null when Discord would not refresh it.
 */
export function createUrlRefresher(rest: REST, log: Logger) {
  return async (url: string): Promise<string | null> => {
    try {
      const raw = await rest.post('/attachments/refresh-urls', {
        body: { attachment_urls: [url] },
      });
      const parsed = refreshResponse.safeParse(raw);
      const fresh = parsed.success ? parsed.data.refreshed_urls[0]?.refreshed : undefined;
      return fresh && fresh !== url ? fresh : null;
    } catch (err) {
      log.warn({ err }, 'Discord would not refresh an attachment link');
      return null;
    }
  };
}
