import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { deleteConfirmation } from '../../src/discord/views/delete-confirmation.js';
import { UserError } from '../../src/errors.js';
import { requireActing } from '../../src/functions/accounts/actAsMember.js';
import { botManager, memberManager } from '../../src/functions/accounts/managerFor.js';
import { deleteMedia } from '../../src/functions/media/deleteMedia.js';
import { deletePost } from '../../src/functions/posts/deletePost.js';
import type { DeleteAction } from '../../src/store/index.js';

/** The action behind a Delete button, for its owner only; anyone else is told so. */
async function ownAction(interaction: ButtonInteraction, ctx: BotContext) {
  const id = interaction.customId.split(':')[1] ?? '';
  const action = await ctx.store.actions.getDelete(id);
  if (!action)
    throw new UserError('These files are no longer known to the bot: nothing to delete here.');
  if (action.userId !== interaction.user.id)
    throw new UserError('Only the person who rehosted these files can delete them.');
  return { id, action };
}

/** The owner pressed Delete on a finished rehost: ask first, ephemerally. */
export async function deletePressed(interaction: ButtonInteraction, ctx: BotContext) {
  const { id, action } = await ownAction(interaction, ctx);
  await interaction.reply({
    ...deleteConfirmation(
      { files: action.media.length, post: action.post !== null },
      { confirm: `rdelok:${id}`, cancel: `rdelno:${id}` },
    ),
    flags: MessageFlags.IsComponentsV2 | MessageFlags.Ephemeral,
  });
}

const NOT_THEIRS =
  "imgpile says these files are not your linked account's: were they made with an account you linked before?";

/**
 * The account that made what a Delete button deletes: the bot's, on its request budget; or the
 * member's own linked one, with their token and on their budget (imgpile decides what is
 * theirs), whose upload records are theirs alone, never the bot's of the same attachment.
 */
async function accountOf(ctx: BotContext, userId: string, action: DeleteAction) {
  if (action.account !== 'user') return botManager(ctx);
  const acting = await requireActing(ctx, userId, 'delete these files');
  return memberManager(ctx, acting, NOT_THEIRS);
}

/** Confirmed: the post and the files that rehost made are deleted from imgpile. */
export async function deleteConfirmed(interaction: ButtonInteraction, ctx: BotContext) {
  const { id, action } = await ownAction(interaction, ctx);
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
    components: [{ type: 10, content: 'Deleted from imgpile.' }],
  });
}

export async function deleteCancelled(interaction: ButtonInteraction) {
  await interaction.update({
    flags: MessageFlags.IsComponentsV2,
    components: [{ type: 10, content: 'Nothing was deleted.' }],
  });
}
