import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { ageRestrictedHere } from '../../src/discord/core/channels.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { feedPage } from '../../src/discord/views/feed-page.js';
import { openSocialButton } from '../../src/discord/views/social.js';
import { UserError } from '../../src/errors.js';
import { takeReadSlot } from '../../src/functions/limits/takeCommandSlot.js';
import type { ListQuery, Paginated, Post } from '../../src/imgpile/index.js';

const FEED_PAGE_SIZE = 5;

type FeedState = { userId: string; query: Omit<ListQuery, 'page' | 'limit'> };

export function feedSubcommand(sub: SlashCommandSubcommandBuilder) {
  return sub
    .setName('feed')
    .setDescription('Browse imgpile')
    .addStringOption((o) =>
      o.setName('tag').setDescription('Only posts with this tag').setMaxLength(100),
    )
    .addStringOption((o) =>
      o
        .setName('sort')
        .setDescription('Order')
        .addChoices({ name: 'latest', value: 'latest' }, { name: 'random', value: 'random' }),
    )
    .addStringOption((o) =>
      o
        .setName('period')
        .setDescription('Time span')
        .addChoices(...['day', 'week', 'month', 'year', 'all'].map((v) => ({ name: v, value: v }))),
    )
    .addStringOption((o) =>
      o.setName('user').setDescription('Only posts by this imgpile user').setMaxLength(64),
    )
    .addBooleanOption((o) =>
      o.setName('nsfw').setDescription('Include adult content (age-restricted channels only)'),
    );
}

export async function feed(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const nsfw = interaction.options.getBoolean('nsfw') ?? false;
  if (nsfw && !(await ageRestrictedHere(interaction, false))) {
    throw new UserError(
      'Adult content can only be shown in age-restricted channels. Run the feed without `nsfw` here.',
    );
  }
  const query: FeedState['query'] = {
    tag: interaction.options.getString('tag') ?? undefined,
    sort: (interaction.options.getString('sort') ?? undefined) as ListQuery['sort'],
    period: (interaction.options.getString('period') ?? undefined) as ListQuery['period'],
    username: interaction.options.getString('user') ?? undefined,
    nsfw: nsfw || undefined,
  };
  await interaction.deferReply();
  const state: FeedState = { userId: interaction.user.id, query };
  await ctx.store.feed.saveState(interaction.id, state);
  await interaction.editReply(await render(ctx, interaction.id, state, 1));
}

export async function feedButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const [, id, pageText] = interaction.customId.split(':');
  const state = id ? await ctx.store.feed.getState<FeedState>(id) : null;
  if (!state) throw new UserError('This feed has expired. Run `/imgpile feed` again.');
  if (state.userId !== interaction.user.id) {
    await interaction.reply({
      content:
        'Only the person who opened this feed can page it. Run `/imgpile feed` for your own.',
      flags: MessageFlags.Ephemeral,
    });
    return;
  }
  await interaction.deferUpdate();
  await interaction.editReply(await render(ctx, id!, state, Math.max(1, Number(pageText) || 1)));
}

/**
 * One page of posts, from a short Redis cache when another viewer just fetched it; otherwise a
 * public read out of the viewer's own share.
 */
async function fetchPage(
  ctx: BotContext,
  state: FeedState,
  page: number,
): Promise<Paginated<Post>> {
  const cached = await ctx.store.feed.getCachedPage<Paginated<Post>>(state.query, page);
  if (cached) return cached;
  await takeReadSlot(ctx.publicLimiter, state.userId, { busy: "imgpile's feed is busy." });
  const { body } = await ctx.imgpile.listPosts({ ...state.query, page, limit: FEED_PAGE_SIZE });
  if (state.query.sort !== 'random') await ctx.store.feed.cachePage(state.query, page, body);
  return body;
}

/** A page of the feed as cards with a gallery each; adult posts spoilered where allowed. */
async function render(ctx: BotContext, id: string, state: FeedState, page: number) {
  const body = await fetchPage(ctx, state, page);
  const lastPage = body.meta?.last_page ?? (body.links?.next ? page + 1 : page);
  return {
    ...feedPage({
      posts: body.data,
      page,
      lastPage,
      buttons: { previous: `feed:${id}:${page - 1}`, next: `feed:${id}:${page + 1}` },
      links: ctx.links,
      // Voting, comments and follows: one button per card opens its actions to the presser alone.
      cardOptions: (post) => ({
        spoiler: post.moderation_status === 'nsfw',
        buttons: [openSocialButton(post.slug)],
      }),
    }),
    // A page first sent with text and embeds (before an upgrade) becomes a V2 message.
    content: null,
    embeds: [],
    allowedMentions: { parse: [] },
  };
}
