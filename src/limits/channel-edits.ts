import type { Redis } from '../redis.js';
import { createRateLimiter } from './rate-limiter.js';

/** Discord's rate of messages in one channel: 5 in any 5 seconds. */
const EDITS = 5;
const WINDOW_MS = 5_000;
/** A request granted now reaches Discord a little later: a margin keeps both windows apart. */
const MARGIN_MS = 250;

export type ChannelEdits = ReturnType<typeof createChannelEdits>;

/**
 * The edits the bot may still make in a channel, counted across every process: a reply edited
 * later (a follow-up) never pushes the channel past Discord's rate, whatever else is edited.
 */
export function createChannelEdits(redis: Redis, prefix: string) {
  const budget = (channelId: string) =>
    createRateLimiter({
      redis,
      prefix,
      token: `discord-channel-edits:${channelId}`,
      limit: EDITS,
      windowMs: WINDOW_MS,
      marginMs: MARGIN_MS,
    });
  return {
    /** Takes one edit in the channel if the rate allows it now; else the ms until it may. */
    tryTake: (channelId: string) => budget(channelId).tryAcquire(1),
  };
}
