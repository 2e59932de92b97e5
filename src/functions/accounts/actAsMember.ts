import type { Acting } from '../../accounts/linked.js';
import { cannotAct, isTokenRefused, refusedInCommand } from '../../accounts/standing.js';
import type { BotContext } from '../../discord/core/context.js';
import { UserError } from '../../errors.js';
import { ImgpileError } from '../../imgpile/errors.js';
import { say, type Act, type Say } from '../../text/index.js';
import { takeMemberSlot } from '../limits/takeCommandSlot.js';

/**
 * The member's own imgpile account, or a UserError saying why it cannot be used (for an
 * unlinked member: how to link). `act`: what they asked to do as themselves.
 */
export async function requireActing(ctx: BotContext, userId: string, act: Act) {
  const acting = await ctx.accounts.actAs(userId);
  if (typeof acting === 'string') throw await cannotAct(ctx.store, userId, acting, act);
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
  options: { forbidden?: Say } = {},
): Promise<T> {
  await takeMemberSlot(acting.limiter);
  try {
    return await call(acting);
  } catch (err) {
    if (isTokenRefused(err)) throw await refusedInCommand(ctx.store, acting);
    // A 403 here is about the member's account, never the bot's (the generic words say so).
    if (err instanceof ImgpileError && err.kind === 'forbidden')
      throw new UserError(options.forbidden ?? say('account.forbiddenOwn'));
    throw err;
  }
}
