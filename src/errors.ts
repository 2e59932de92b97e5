/**
 * An error whose message is written for the Discord user who caused it: it is shown as is.
 * Everything else is logged with context and the user sees a short generic message.
 */
export class UserError extends Error {
  override name = 'UserError';
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
    const whose = {
      account: "the bot's imgpile account",
      linked: 'your own imgpile account',
      guild: 'this server',
      user: 'you',
      refusals: 'you',
    }[scope];
    const reset = `<t:${Math.floor(resetsAt.getTime() / 1000)}:R>`;
    super(
      scope === 'refusals'
        ? `Too many of your files were refused today (${limit}: files that are not images or videos, links that fail, or files imgpile would not take). You can rehost again ${reset}.`
        : remaining === 0
          ? `The daily limit of ${limit} files for ${whose} is used up. It resets ${reset}.`
          : `That is ${requested} files, but only ${remaining} of the daily ${limit} are left for ${whose}. The limit resets ${reset}.`,
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
