import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  MINE_WORD as WORD,
  mineDeleteConfirmation,
  mineList,
  type MineItem,
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

const KIND = { m: 'media', p: 'post' } as const;

export function mineSubcommand(sub: SlashCommandSubcommandBuilder) {
  return sub
    .setName('mine')
    .setDescription('What you rehosted, newest first, with delete buttons')
    .addStringOption((o) =>
      o
        .setName('source')
        .setDescription('Default: your linked imgpile account if any, else the bot’s records')
        .addChoices(
          { name: 'your linked imgpile account', value: 'own' },
          { name: "what you rehosted with the bot's account", value: 'bot' },
        ),
    );
}

export async function mine(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const asked = interaction.options.getString('source') as Source | null;
  // Their own account's listing when it works; a broken one leaves the bot's records to show.
  const linked = ctx.accounts.enabled && (await ctx.store.accounts.get(interaction.user.id));
  const source: Source = asked ?? (linked && !linked.broken ? 'own' : 'bot');
  const page = await listMine(ctx, interaction.user.id, source, 1);
  await interaction.editReply({ ...mineList(source, page), allowedMentions: { parse: [] } });
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
    const acting = await requireActing(ctx, userId, `delete a ${WORD[kind]}`);
    return { account: memberManager(ctx, acting, `That ${WORD[kind]} is not yours on imgpile.`) };
  }
  const record =
    kind === 'post'
      ? await ctx.store.ownership.getPostOwner(slug)
      : await ctx.store.ownership.getMediaOwner(slug);
  if (record?.userId !== userId) throw new UserError(`That ${WORD[kind]} is not yours.`);
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

/** `mine:page:<source>:<n>`, `mine:ask|del:<source>:<m|p>:<slug>`, `mine:keep`. */
export async function mineButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const [, action, source, a, b] = interaction.customId.split(':') as (string | undefined)[];
  const src: Source = source === 'own' ? 'own' : 'bot';
  if (action === 'page') {
    await interaction.deferUpdate();
    const page = await listMine(ctx, interaction.user.id, src, Math.max(1, Number(a) || 1));
    await interaction.editReply(mineList(src, page));
    return;
  }
  if (action === 'keep') {
    await interaction.update({ content: 'Nothing was deleted.', components: [] });
    return;
  }
  const kind = KIND[a as keyof typeof KIND];
  if (!kind || !b) throw new UserError('That button is out of date. Run `/imgpile mine` again.');
  if (action === 'ask') {
    // Confirmed apart, and to the presser alone.
    await interaction.reply({
      ...mineDeleteConfirmation(src, kind, a!, b),
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.deferUpdate();
  await deleteItem(ctx, interaction.user.id, src, kind, b);
  ctx.log.info(
    { userId: interaction.user.id, slug: b, kind, source: src },
    `${WORD[kind]} deleted from /imgpile mine`,
  );
  await interaction.editReply({ content: `Deleted the ${WORD[kind]} \`${b}\`.`, components: [] });
}
