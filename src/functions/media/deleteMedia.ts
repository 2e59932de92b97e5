import type { BotContext } from '../../discord/core/context.js';
import { goneIsFine } from '../../imgpile/errors.js';
import type { Manager } from '../accounts/managerFor.js';

/**
 * Deletes a media from imgpile with `account` (the bot's, or the member's own: its token, its
 * request budget), then forgets its upload record, so the same attachment could be rehosted
 * again. The bot's record is found by `attachmentId` (its owner records hold it); a member's own
 * account's by the slug, as it is kept under the token that made it, which may not be today's.
 * `goneIsFine`: a media already gone (404) counts as deleted.
 */
export async function deleteMedia(
  ctx: BotContext,
  account: Manager,
  slug: string,
  options: { goneIsFine: boolean; attachmentId?: string | undefined },
): Promise<void> {
  await account.run<unknown>((imgpile) =>
    options.goneIsFine ? goneIsFine(() => imgpile.deleteMedia(slug)) : imgpile.deleteMedia(slug),
  );
  await ctx.store.uploads.forgetMedia(slug, account.own ? undefined : options.attachmentId);
}
