import { UserError } from '../errors.js';
import { RateLimitWait, type RateLimiter } from '../limits/rate-limiter.js';

/**
 * Takes a slot of an imgpile request budget for a command, waiting at most `maxWaitMs`; past
 * that the user is told how long to wait (`busy` names who is busy).
 */
export async function takeCommandSlot(
  limiter: RateLimiter,
  options: { maxWaitMs: number; busy: string },
): Promise<void> {
  try {
    await limiter.acquire({ maxWaitMs: options.maxWaitMs });
  } catch (err) {
    if (err instanceof RateLimitWait) {
      throw new UserError(`${options.busy} Try again in ${Math.ceil(err.waitMs / 1000)} seconds.`);
    }
    throw err;
  }
}
