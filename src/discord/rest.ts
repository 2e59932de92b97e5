import { REST } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../logger.js';

/** Discord's REST client (the one discord.js uses), pointed at DISCORD_API_URL when set. */
export function createDiscordRest(options: { token: string; apiUrl?: string | undefined }): REST {
  const rest = new REST({ version: '10', ...(options.apiUrl ? { api: options.apiUrl } : {}) });
  return rest.setToken(options.token);
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
