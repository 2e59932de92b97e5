import type { Acting, NotActing } from '../accounts/linked.js';
import { UserError } from '../errors.js';
import { ImgpileError } from '../imgpile/errors.js';
import { takeCommandSlot } from './budget.js';
import type { BotContext } from './context.js';

const LINK = '`/imgpile account link`';

const WHY_NOT: Record<NotActing, (what: string) => string> = {
  off: (what) => `Linking imgpile accounts is turned off on this bot, so you cannot ${what} here.`,
  unlinked: (what) => `To ${what} as yourself, link your imgpile account first: ${LINK}.`,
  broken: (what) =>
    `imgpile refused your linked account's token, so you cannot ${what} until you link it again: ${LINK}.`,
  unreadable: (what) =>
    `Your linked imgpile account could not be read, so you cannot ${what}: link it again with ${LINK}.`,
};

export const TOKEN_REFUSED = `imgpile refused your linked account's token, so it is marked broken. Link it again with ${LINK}.`;

/**
 * The member's own imgpile account, or a UserError saying why it cannot be used (for an
 * unlinked member: how to link). `what` completes "you cannot …".
 */
export async function requireActing(ctx: BotContext, userId: string, what: string) {
  const acting = await ctx.accounts.actAs(userId);
  if (typeof acting === 'string') {
    // A broken account is being said here: not again in a later reply.
    if (acting === 'broken') await ctx.store.accounts.takeNotice(userId);
    throw new UserError(WHY_NOT[acting](what));
  }
  return acting;
}

/**
 * One call to imgpile as the member, on their own request budget. A 401 means their token broke
 * (the client's hook marked it): they are told now, and not again later. `forbidden`: what
 * imgpile's 403 means here ("not yours").
 */
export async function asMember<T>(
  ctx: BotContext,
  acting: Acting,
  call: (acting: Acting) => Promise<T>,
  options: { forbidden?: string } = {},
): Promise<T> {
  await takeCommandSlot(acting.limiter, {
    maxWaitMs: 3_000,
    busy: 'Your imgpile account is at its request limit.',
  });
  try {
    return await call(acting);
  } catch (err) {
    if (err instanceof ImgpileError && err.kind === 'unauthenticated') {
      await ctx.store.accounts.takeNotice(acting.userId);
      throw new UserError(TOKEN_REFUSED);
    }
    if (err instanceof ImgpileError && err.kind === 'forbidden' && options.forbidden)
      throw new UserError(options.forbidden);
    throw err;
  }
}
