import type { BotContext } from '../../discord/core/context.js';
import { goneIsFine } from '../../imgpile/errors.js';
import type { Manager } from '../accounts/managerFor.js';

/**
 * Deletes a post from imgpile with `account` (the bot's, or the member's own: its token, its
 * request budget), then forgets the bot's record of it. `goneIsFine`: a post already gone (404)
 * counts as deleted; otherwise imgpile's "not found" is the answer.
 */
export async function deletePost(
  ctx: BotContext,
  account: Manager,
  slug: string,
  options: { goneIsFine: boolean },
): Promise<void> {
  await account.run<unknown>((imgpile) =>
    options.goneIsFine ? goneIsFine(() => imgpile.deletePost(slug)) : imgpile.deletePost(slug),
  );
  await ctx.store.ownership.forgetPost(slug);
}
