import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { deleteConfirmation } from '../../src/discord/views/delete-confirmation.js';
import { UserError } from '../../src/errors.js';
import { asMember, requireActing } from '../../src/functions/accounts/actAsMember.js';
import { takeCommandSlot } from '../../src/functions/limits/takeCommandSlot.js';
import { goneIsFine } from '../../src/imgpile/errors.js';
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

/** Deletes what the bot's own account made, on the bot's request budget, and its records. */
async function deleteAsBot(ctx: BotContext, action: DeleteAction) {
  const remove = async (call: () => Promise<unknown>) => {
    await takeCommandSlot(ctx.limiter, {
      maxWaitMs: 5_000,
      busy: "The bot is at imgpile's request limit.",
    });
    await goneIsFine(call);
  };
  if (action.post) {
    await remove(() => ctx.imgpile.deletePost(action.post!));
    await ctx.store.ownership.forgetPost(action.post);
  }
  for (const { slug, attachmentId } of action.media) {
    await remove(() => ctx.imgpile.deleteMedia(slug));
    // Forgotten, so the same attachment could be rehosted again.
    await ctx.store.uploads.forgetMedia(slug, attachmentId);
  }
}

/**
 * Deletes what the member's own linked account made: with their token and on their budget
 * (imgpile decides what is theirs), forgetting only their account's upload records, never the
 * bot's record of the same attachment.
 */
async function deleteAsMember(ctx: BotContext, userId: string, action: DeleteAction) {
  const acting = await requireActing(ctx, userId, 'delete these files');
  const forbidden =
    "imgpile says these files are not your linked account's: were they made with an account you linked before?";
  if (action.post) {
    const post = action.post;
    await asMember(ctx, acting, (a) => goneIsFine(() => a.client.deletePost(post)), { forbidden });
  }
  for (const { slug } of action.media) {
    await asMember(ctx, acting, (a) => goneIsFine(() => a.client.deleteMedia(slug)), {
      forbidden,
    });
    // By the slug: the record is under the token that made it, which may not be today's.
    await ctx.store.uploads.forgetMedia(slug);
  }
}

/** Confirmed: the post and the files that rehost made are deleted from imgpile. */
export async function deleteConfirmed(interaction: ButtonInteraction, ctx: BotContext) {
  const { id, action } = await ownAction(interaction, ctx);
  await interaction.deferUpdate();
  if (action.account === 'user') await deleteAsMember(ctx, interaction.user.id, action);
  else await deleteAsBot(ctx, action);
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
