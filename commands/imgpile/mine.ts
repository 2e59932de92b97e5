import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { choice, described, onButton, type Subcommand } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  mineDeleteConfirmation,
  mineId,
  mineList,
  type MineItem,
  type MinePress,
  type MineSource as Source,
} from '../../src/discord/views/mine-list.js';
import { UserError } from '../../src/errors.js';
import { requireActing } from '../../src/functions/accounts/actAsMember.js';
import {
  botManager,
  memberManager,
  type Manager,
} from '../../src/functions/accounts/managerFor.js';
import { deleteMedia } from '../../src/functions/media/deleteMedia.js';
import { listMine } from '../../src/functions/mine/listMine.js';
import { deletePost } from '../../src/functions/posts/deletePost.js';
import { say, textFor } from '../../src/text/index.js';

async function mine(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const asked = interaction.options.getString('source') as Source | null;
  // Their own account's listing when it works; a broken one leaves the bot's records to show.
  const linked = ctx.accounts.enabled && (await ctx.store.accounts.get(interaction.user.id));
  const source: Source = asked ?? (linked && !linked.broken ? 'own' : 'bot');
  const page = await listMine(ctx, interaction.user.id, source, 1);
  const text = textFor(interaction.locale);
  await interaction.editReply({ ...mineList(source, page, text), allowedMentions: { parse: [] } });
}

/**
 * The account to delete one item with: the bot's, for what the bot's records say the member
 * rehosted with it; or the member's own linked one (imgpile decides what is theirs).
 */
async function accountFor(
  ctx: BotContext,
  userId: string,
  source: Source,
  kind: MineItem['kind'],
  slug: string,
): Promise<{ account: Manager; attachmentId?: string }> {
  if (source === 'own') {
    const acting = await requireActing(ctx, userId, kind === 'post' ? 'deletePost' : 'deleteFile');
    return { account: memberManager(ctx, acting, say('manage.notYoursOnImgpile', { kind })) };
  }
  const record =
    kind === 'post'
      ? await ctx.store.ownership.getPostOwner(slug)
      : await ctx.store.ownership.getMediaOwner(slug);
  if (record?.userId !== userId) throw new UserError(say('manage.notYours', { kind }));
  return { account: botManager(ctx), attachmentId: record.attachmentId };
}

/** Deletes one item; gone already (deleted on imgpile itself), its record goes too. */
async function deleteItem(
  ctx: BotContext,
  userId: string,
  source: Source,
  kind: MineItem['kind'],
  slug: string,
) {
  const { account, attachmentId } = await accountFor(ctx, userId, source, kind, slug);
  if (kind === 'post') await deletePost(ctx, account, slug, { goneIsFine: true });
  // So that rehosting the same attachment again uploads it again.
  else await deleteMedia(ctx, account, slug, { goneIsFine: true, attachmentId });
}

/** A press on a listing (a page, a Delete) or on a delete's confirmation (delete, keep). */
async function mineButton(interaction: ButtonInteraction, ctx: BotContext, press: MinePress) {
  const text = textFor(interaction.locale);
  if (press.action === 'keep') {
    await interaction.update({ content: text('delete.kept'), components: [] });
    return;
  }
  const { source } = press;
  if (press.action === 'page') {
    await interaction.deferUpdate();
    const page = await listMine(ctx, interaction.user.id, source, press.page);
    await interaction.editReply(mineList(source, page, text));
    return;
  }
  const { kind, slug } = press;
  if (press.action === 'ask') {
    // Confirmed apart, and to the presser alone.
    await interaction.reply({
      ...mineDeleteConfirmation(source, kind, slug, text),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.deferUpdate();
  await deleteItem(ctx, interaction.user.id, source, kind, slug);
  ctx.log.info({ userId: interaction.user.id, slug, kind, source }, 'deleted from /imgpile mine');
  await interaction.editReply({ content: text('manage.deleted', { kind, slug }), components: [] });
}

export const mineSubcommand: Subcommand = {
  name: 'mine',
  description: 'def.mine',
  options: (sub) =>
    sub.addStringOption((o) =>
      described(o, 'source', 'def.mine.source').addChoices(
        choice('own', 'def.mine.source.own'),
        choice('bot', 'def.mine.source.bot'),
      ),
    ),
  run: mine,
  buttons: [onButton(mineId, mineButton, say('mine.stale'))],
};
