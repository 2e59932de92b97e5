import { DiscordAPIError } from 'discord.js';

/**
 * Discord's refusals (403) in one channel within 10 minutes after which nothing more is sent
 * there: workers skip their replies, and the watch is paused. Discord bans an IP that makes
 * 10,000 invalid requests in 10 minutes, so a server that refuses the bot must not be able to
 * spend them. A member's own refusals (below) after which the bot stops reacting to their
 * messages and writing to them, for a day.
 */
export const REFUSALS_TO_STOP = 2;

/**
 * Refusals that are one member's, not the channel's: they blocked the bot (90001 "Reaction was
 * blocked" on their messages, 50007 "Cannot send messages to this user"), or share no server with
 * it (50278). One member must never be able to get a watch paused for everyone.
 */
const MEMBER_REFUSALS = new Set([50007, 50278, 90001]);

const forbidden = (err: unknown): err is DiscordAPIError =>
  err instanceof DiscordAPIError && err.status === 403;

/**
 * A 403 from Discord that is the channel's: the bot may not do that there, and asking again
 * cannot help. A member's own refusal (`isMemberRefusal`) is not one.
 */
export function isRefusal(err: unknown): err is DiscordAPIError {
  return forbidden(err) && !MEMBER_REFUSALS.has(Number(err.code));
}

/** A 403 that is one member's (they blocked the bot): counted against them, never retried. */
export function isMemberRefusal(err: unknown): err is DiscordAPIError {
  return forbidden(err) && MEMBER_REFUSALS.has(Number(err.code));
}
