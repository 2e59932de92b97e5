import { UserError } from '../../errors.js';
import { RateLimitWait, type RateLimiter } from '../../limits/rate-limiter.js';
import { say, type Say } from '../../text/index.js';

/**
 * Public reads one member may take a minute: a third of imgpile's 30 per IP, so no member can
 * empty the pool that every member's feed, profiles and post views share.
 */
export const PUBLIC_READS_PER_MEMBER = 10;

/**
 * Reads with the bot's token one member may take a minute for commands (an owner's view of a
 * private post): that budget is the uploads', so each member gets only a few of it.
 */
export const TOKEN_READS_PER_MEMBER = 3;

/**
 * Takes a slot of an imgpile request budget for a command, waiting at most `maxWaitMs`; past
 * that the user is told how long to wait (`busy` names who is busy). With `share`, the slots
 * come out of that member's share of the budget too, and a member whose share is used up is
 * told so.
 */
export async function takeCommandSlot(
  limiter: RateLimiter,
  options: {
    maxWaitMs: number;
    busy: Say;
    slots?: number;
    share?: { member: string; limit: number };
  },
): Promise<void> {
  try {
    await limiter.acquire({
      maxWaitMs: options.maxWaitMs,
      slots: options.slots ?? 1,
      ...(options.share ? { share: options.share } : {}),
    });
  } catch (err) {
    if (err instanceof RateLimitWait) {
      const seconds = Math.ceil(err.waitMs / 1000);
      throw new UserError(
        err.own
          ? say('busy.ownShare', { seconds })
          : say('busy.tryIn', { busy: options.busy, seconds }),
      );
    }
    throw err;
  }
}

/**
 * A slot (or `slots`, together) of the public reads for `member`'s command, out of their share:
 * one member's lookups leave everyone else theirs.
 */
export function takeReadSlot(
  publicLimiter: RateLimiter,
  member: string,
  options: { busy: Say; slots?: number },
): Promise<void> {
  return takeCommandSlot(publicLimiter, {
    maxWaitMs: 2_000,
    busy: options.busy,
    slots: options.slots ?? 1,
    share: { member, limit: PUBLIC_READS_PER_MEMBER },
  });
}

/**
 * A slot of the bot's own budget for a command that acts with the bot's account: shared with
 * every upload, so it waits at most 5 seconds.
 */
export function takeBotSlot(limiter: RateLimiter): Promise<void> {
  return takeCommandSlot(limiter, {
    maxWaitMs: 5_000,
    busy: say('busy.bot'),
  });
}

/** A slot of a member's own account's budget (imgpile limits each token apart). */
export function takeMemberSlot(limiter: RateLimiter): Promise<void> {
  return takeCommandSlot(limiter, {
    maxWaitMs: 3_000,
    busy: say('busy.member'),
  });
}
