import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { clip, literal, oneLine } from '../../src/discord/views/text.js';
import { UserError } from '../../src/errors.js';
import { asMember, requireActing } from '../../src/functions/accounts/actAsMember.js';
import { takeCommandSlot } from '../../src/functions/limits/takeCommandSlot.js';
import {
  botItems,
  ownItems,
  type MineItem,
  type MinePage,
} from '../../src/functions/mine/listMine.js';
import { goneIsFine } from '../../src/imgpile/errors.js';

/** Whose listing: imgpile's own of the member's linked account, or the bot's records. */
type Source = 'own' | 'bot';
const KIND = { m: 'media', p: 'post' } as const;
const WORD = { media: 'file', post: 'post' } as const;

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

async function pageOf(ctx: BotContext, userId: string, source: Source, page: number) {
  if (source === 'bot') return botItems(ctx, userId, page);
  return ownItems(ctx, await requireActing(ctx, userId, 'list your own account'), page);
}

function line(item: MineItem, n: number): string {
  const title = item.title ? ` **${literal(clip(oneLine(item.title), 80))}**` : '';
  const when = item.at ? ` · <t:${Math.floor(item.at.getTime() / 1000)}:R>` : '';
  return `${n}. ${item.kind === 'post' ? 'Post' : 'File'}${title} ${item.url}${when}`;
}

function render(source: Source, p: MinePage) {
  const whose = source === 'own' ? 'on your imgpile account' : "with the bot's imgpile account";
  if (p.items.length === 0)
    return {
      content: `Nothing rehosted ${whose} yet${p.page > 1 ? ' on this page' : ''}.`,
      components: [],
    };
  const first = (p.page - 1) * 5;
  const lines = p.items.map((item, i) => line(item, first + i + 1));
  const deletes = new ActionRowBuilder<ButtonBuilder>().addComponents(
    p.items.map((item, i) =>
      new ButtonBuilder()
        .setCustomId(`mine:ask:${source}:${item.kind === 'post' ? 'p' : 'm'}:${item.slug}`)
        .setLabel(`Delete ${first + i + 1}`)
        .setStyle(ButtonStyle.Secondary),
    ),
  );
  const nav = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`mine:page:${source}:${p.page - 1}`)
      .setLabel('Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(p.page <= 1),
    new ButtonBuilder()
      .setCustomId(`mine:page:${source}:${p.page + 1}`)
      .setLabel('Next')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(p.page >= p.lastPage),
  );
  const head = `What you rehosted ${whose}, newest first (page ${p.page} of ${p.lastPage}):`;
  return { content: [head, ...lines].join('\n').slice(0, 2000), components: [deletes, nav] };
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
  const page = await pageOf(ctx, interaction.user.id, source, 1);
  await interaction.editReply({ ...render(source, page), allowedMentions: { parse: [] } });
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
    const page = await pageOf(ctx, interaction.user.id, src, Math.max(1, Number(a) || 1));
    await interaction.editReply(render(src, page));
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
    const confirm = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder()
        .setCustomId(`mine:del:${src}:${a}:${b}`)
        .setLabel(`Delete the ${WORD[kind]}`)
        .setStyle(ButtonStyle.Danger),
      new ButtonBuilder()
        .setCustomId('mine:keep')
        .setLabel('Keep it')
        .setStyle(ButtonStyle.Secondary),
    );
    await interaction.reply({
      content: `Delete the ${WORD[kind]} \`${b}\` from imgpile? This cannot be undone.`,
      components: [confirm],
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
