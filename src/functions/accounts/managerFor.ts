import type { Interaction } from 'discord.js';
import type { Acting } from '../../accounts/linked.js';
import type { BotContext } from '../../discord/core/context.js';
import { assertCanManage } from '../../discord/core/permissions.js';
import type { ImgpileClient } from '../../imgpile/client.js';
import type { OwnerRecord } from '../../store/index.js';
import { say, type Say } from '../../text/index.js';
import { takeBotSlot } from '../limits/takeCommandSlot.js';
import { asMember, requireActing } from './actAsMember.js';

/** Acts on one post or media with the right imgpile account. */
export type Manager = {
  /** Runs one imgpile call with that account, on its own request budget. */
  run<T>(call: (client: ImgpileClient) => Promise<T>): Promise<T>;
  /** Acting with the member's own token (imgpile decides what is theirs). */
  own: boolean;
};

/** The bot's own account: its token, on its request budget. */
export function botManager(ctx: BotContext): Manager {
  return {
    own: false,
    async run(call) {
      await takeBotSlot(ctx.limiter);
      return call(ctx.imgpile);
    },
  };
}

/**
 * The member's own account: their token, on their budget, a 401 breaking it (see asMember);
 * `forbidden` is what imgpile's 403 means to them ("not yours").
 */
export function memberManager(ctx: BotContext, acting: Acting, forbidden: Say): Manager {
  return { own: true, run: (call) => asMember(ctx, acting, (a) => call(a.client), { forbidden }) };
}

/**
 * Who may change or delete a post or media, and with which account. The bot's records name
 * what it made with its own account: its uploader, or Manage Messages in that server, act with
 * the bot's token. Anything else may have been made with the member's own linked account:
 * imgpile's own ownership decides, with their token, and its 403 is "not yours".
 */
export async function managerFor(
  ctx: BotContext,
  interaction: Interaction,
  record: OwnerRecord | null,
  what: 'post' | 'media',
): Promise<Manager> {
  if (record) {
    assertCanManage(record, interaction, what);
    return botManager(ctx);
  }
  const linked = await ctx.store.accounts.get(interaction.user.id);
  // Not linked: nothing else could have made it through the bot.
  if (!linked || !ctx.accounts.enabled) assertCanManage(null, interaction, what);
  const acting = await requireActing(
    ctx,
    interaction.user.id,
    what === 'media' ? 'changeMedia' : 'changePost',
  );
  return memberManager(ctx, acting, say('manage.notYoursOnImgpile', { kind: what }));
}
