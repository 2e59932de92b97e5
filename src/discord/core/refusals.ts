import { DiscordAPIError } from 'discord.js';

/**
 * Discord's refusals (403) in one channel within 10 minutes after which nothing more is sent
 * there: workers skip their replies, and the watch is paused. Discord bans an IP that makes
 * 10,000 invalid requests in 10 minutes, so a server that refuses the bot must not be able to
 * spend them.
 */
export const REFUSALS_TO_STOP = 2;

/** A 403 from Discord: the bot may not do that there, and asking again cannot help. */
export function isRefusal(err: unknown): err is DiscordAPIError {
  return err instanceof DiscordAPIError && err.status === 403;
}
