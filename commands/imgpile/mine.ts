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
import { asMember, requireActing } from '../../src/functions/accounts/actAsMember.js';
import { takeCommandSlot } from '../../src/functions/limits/takeCommandSlot.js';
import { listMine } from '../../src/functions/mine/listMine.js';
import { goneIsFine } from '../../src/imgpile/errors.js';

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

/** Deletes with the bot's account what the bot's records say the member rehosted. */
async function deleteAsBot(ctx: BotContext, userId: string, kind: MineItem['kind'], slug: string) {
  const record =
    kind === 'post'
      ? await ctx.store.ownership.getPostOwner(slug)
      : await ctx.store.ownership.getMediaOwner(slug);
  if (record?.userId !== userId) throw new UserError(`That ${WORD[kind]} is not yours.`);
  await takeCommandSlot(ctx.limiter, {
    maxWaitMs: 5_000,
    busy: "The bot is at imgpile's request limit.",
  });
  // Gone already (deleted on imgpile itself): the record goes too.
  await goneIsFine(() =>
    kind === 'post' ? ctx.imgpile.deletePost(slug) : ctx.imgpile.deleteMedia(slug),
  );
  if (kind === 'post') await ctx.store.ownership.forgetPost(slug);
  else await ctx.store.uploads.forgetMedia(slug, record.attachmentId);
}

async function deleteAsMember(
  ctx: BotContext,
  userId: string,
  kind: MineItem['kind'],
  slug: string,
) {
  const acting = await requireActing(ctx, userId, `delete a ${WORD[kind]}`);
  await asMember(
    ctx,
    acting,
    // Gone already (deleted on imgpile itself): deleted, as far as the member is concerned.
    (a) =>
      goneIsFine(() => (kind === 'post' ? a.client.deletePost(slug) : a.client.deleteMedia(slug))),
    { forbidden: `That ${WORD[kind]} is not yours on imgpile.` },
  );
  // So that rehosting the same attachment again uploads it again.
  if (kind === 'media') await ctx.store.uploads.forgetMedia(slug);
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
  if (src === 'bot') await deleteAsBot(ctx, interaction.user.id, kind, b);
  else await deleteAsMember(ctx, interaction.user.id, kind, b);
  ctx.log.info(
    { userId: interaction.user.id, slug: b, kind, source: src },
    `${WORD[kind]} deleted from /imgpile mine`,
  );
  await interaction.editReply({ content: `Deleted the ${WORD[kind]} \`${b}\`.`, components: [] });
}
