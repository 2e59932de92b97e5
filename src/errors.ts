/**
 * An error whose message is written for the Discord user who caused it: it is shown as is.
 * Everything else is logged with context and the user sees a short generic message.
 */
export class UserError extends Error {
  override name = 'UserError';
}

export type QuotaScope = 'account' | 'guild' | 'user';

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
    const whose = { account: "the bot's imgpile account", guild: 'this server', user: 'you' }[
      scope
    ];
    const reset = `<t:${Math.floor(resetsAt.getTime() / 1000)}:R>`;
    super(
      remaining === 0
        ? `The daily limit of ${limit} files for ${whose} is used up. It resets ${reset}.`
        : `That is ${requested} files, but only ${remaining} of the daily ${limit} are left for ${whose}. The limit resets ${reset}.`,
    );
  }
}
