import { english, say, type Say } from './text/index.js';

/**
 * An error written for the Discord user who caused it: the dispatcher renders its message in
 * their language. `message` is the English, for logs. Everything else is logged with context and
 * the user sees a short generic message.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(readonly say: Say) {
    super(english.say(say));
  }
}

/** The daily file quotas, and each user's daily budget of refused files. */
export type QuotaScope = 'account' | 'linked' | 'guild' | 'user' | 'refusals';

/** A request that would take a daily file quota past its limit. */
export class QuotaExceededError extends UserError {
  override name = 'QuotaExceededError';
  constructor(
    readonly scope: QuotaScope,
    readonly requested: number,
    readonly remaining: number,
    readonly limit: number,
    readonly resetsAt: Date,
  ) {
    const at = resetsAt.getTime();
    super(
      scope === 'refusals'
        ? say('quota.refusals', { limit, resetsAt: at })
        : remaining === 0
          ? say('quota.usedUp', { scope, limit, resetsAt: at })
          : say('quota.tooMany', { scope, requested, remaining, limit, resetsAt: at }),
    );
  }
}

/**
 * Redis did not answer whether a request was queued (it stalled after the request was sent):
 * it may have been, so nothing was undone and the user must not be told it was not.
 */
export class QueuedOrNotError extends Error {
  override name = 'QueuedOrNotError';
}
