import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { onButton } from '../../../src/discord/core/commands.js';
import type { BotContext } from '../../../src/discord/core/context.js';
import {
  deleteConfirmation,
  rehostDeleteId,
  type DeletePress,
} from '../../../src/discord/views/delete-confirmation.js';
import { UserError } from '../../../src/errors.js';
import { requireActing } from '../../../src/functions/accounts/actAsMember.js';
import { botManager, memberManager } from '../../../src/functions/accounts/managerFor.js';
import { deleteMedia } from '../../../src/functions/media/deleteMedia.js';
import { deletePost } from '../../../src/functions/posts/deletePost.js';
import type { DeleteAction } from '../../../src/store/index.js';
import { say, textFor } from '../../../src/text/index.js';

/** The action behind a Delete button, for its owner only; anyone else is told so. */
async function ownAction(interaction: ButtonInteraction, ctx: BotContext, id: string) {
  const action = await ctx.store.actions.getDelete(id);
  if (!action) throw new UserError(say('delete.unknown'));
  if (action.userId !== interaction.user.id) throw new UserError(say('delete.notOwner'));
  return { id, action };
}

/** The owner pressed Delete on a finished rehost: ask first, ephemerally. */
async function deletePressed(interaction: ButtonInteraction, ctx: BotContext, id: string) {
  const { action } = await ownAction(interaction, ctx, id);
  await interaction.reply({
    ...deleteConfirmation(
      { files: action.media.length, post: action.post !== null },
      {
        confirm: rehostDeleteId.encode({ action: 'confirm', id }),
        cancel: rehostDeleteId.encode({ action: 'cancel', id }),
      },
      textFor(interaction.locale),
    ),
    flags: MessageFlags.IsComponentsV2 | MessageFlags.Ephemeral,
  });
}

/**
 * The account that made what a Delete button deletes: the bot's, on its request budget; or the
 * member's own linked one, with their token and on their budget (imgpile decides what is
 * theirs), whose upload records are theirs alone, never the bot's of the same attachment.
 */
async function accountOf(ctx: BotContext, userId: string, action: DeleteAction) {
  if (action.account !== 'user') return botManager(ctx);
  const acting = await requireActing(ctx, userId, 'deleteFiles');
  return memberManager(ctx, acting, say('delete.notTheirs'));
}

/** Confirmed: the post and the files that rehost made are deleted from imgpile. */
async function deleteConfirmed(interaction: ButtonInteraction, ctx: BotContext, id: string) {
  const { action } = await ownAction(interaction, ctx, id);
  await interaction.deferUpdate();
  const account = await accountOf(ctx, interaction.user.id, action);
  // A thing already gone counts as deleted: its records go too.
  if (action.post) await deletePost(ctx, account, action.post, { goneIsFine: true });
  for (const { slug, attachmentId } of action.media)
    await deleteMedia(ctx, account, slug, { goneIsFine: true, attachmentId });
  await ctx.store.actions.forget(id);
  ctx.log.info(
    { userId: interaction.user.id, post: action.post, media: action.media.length },
    'rehost deleted by its owner',
  );
  await interaction.editReply({
    flags: MessageFlags.IsComponentsV2,
    components: [{ type: 10, content: textFor(interaction.locale)('delete.done') }],
  });
}

async function deleteCancelled(interaction: ButtonInteraction) {
  await interaction.update({
    flags: MessageFlags.IsComponentsV2,
    components: [{ type: 10, content: textFor(interaction.locale)('delete.kept') }],
  });
}

/** A finished rehost's Delete button, and its confirmation's Delete and Cancel. */
export const deleteRoutes = {
  buttons: [
    onButton(
      rehostDeleteId,
      (interaction, ctx, { action, id }: DeletePress) =>
        action === 'ask'
          ? deletePressed(interaction, ctx, id)
          : action === 'confirm'
            ? deleteConfirmed(interaction, ctx, id)
            : deleteCancelled(interaction),
      say('delete.unknown'),
    ),
  ],
};
