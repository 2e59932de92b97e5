import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { ageRestrictedHere } from '../../src/discord/core/channels.js';
import { choice, described, onButton, type Subcommand } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { feedPage, feedPageId, type FeedPress } from '../../src/discord/views/browse/feed-page.js';
import { openSocialButton } from '../../src/discord/views/browse/social.js';
import { UserError } from '../../src/errors.js';
import {
  completeTags,
  completeUsernames,
  noteSeen,
} from '../../src/functions/complete/completeNames.js';
import { takeReadSlot } from '../../src/functions/limits/takeCommandSlot.js';
import type { ListQuery, Paginated, Post } from '../../src/imgpile/index.js';
import { say, textFor, type Text } from '../../src/text/index.js';

const FEED_PAGE_SIZE = 5;

type FeedState = { userId: string; query: Omit<ListQuery, 'page' | 'limit'> };

const PERIODS = ['day', 'week', 'month', 'year', 'all'] as const;

function feedOptions(sub: SlashCommandSubcommandBuilder) {
  return sub
    .addStringOption((o) => described(o, 'tag', 'def.feed.tag').setMaxLength(100))
    .addStringOption((o) =>
      described(o, 'sort', 'def.feed.sort').addChoices(
        choice('latest', 'def.sort.latest'),
        choice('random', 'def.sort.random'),
      ),
    )
    .addStringOption((o) =>
      described(o, 'period', 'def.feed.period').addChoices(
        ...PERIODS.map((v) => choice(v, `def.period.${v}`)),
      ),
    )
    .addStringOption((o) => described(o, 'user', 'def.feed.user').setMaxLength(64))
    .addBooleanOption((o) => described(o, 'nsfw', 'def.feed.nsfw'));
}

async function feed(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const nsfw = interaction.options.getBoolean('nsfw') ?? false;
  if (nsfw && !(await ageRestrictedHere(interaction, false))) {
    throw new UserError(say('feed.adultHere'));
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
  const text = textFor(interaction.locale);
  await interaction.editReply(await render(ctx, interaction.id, state, 1, text));
}

/** Previous or Next: a page of the feed, for the member who opened it only. */
async function feedButton(interaction: ButtonInteraction, ctx: BotContext, press: FeedPress) {
  const state = await ctx.store.feed.getState<FeedState>(press.feedId);
  if (!state) throw new UserError(say('feed.expired'));
  const text = textFor(interaction.locale);
  if (state.userId !== interaction.user.id) {
    await interaction.reply({ content: text('feed.notYours'), flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferUpdate();
  await interaction.editReply(await render(ctx, press.feedId, state, press.page, text));
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
  if (cached) return seen(ctx, state, cached);
  await takeReadSlot(ctx.publicLimiter, state.userId, { busy: say('busy.feed') });
  const { body } = await ctx.imgpile.listPosts({ ...state.query, page, limit: FEED_PAGE_SIZE });
  if (state.query.sort !== 'random') await ctx.store.feed.cachePage(state.query, page, body);
  return seen(ctx, state, body);
}

/** The page's authors, and its tag when it found posts, for the viewer's autocomplete. */
function seen(ctx: BotContext, state: FeedState, body: Paginated<Post>) {
  const authors = body.data.flatMap((p) => (p.user?.username ? [p.user.username] : []));
  noteSeen(ctx, state.userId, 'authors', authors);
  if (state.query.tag && body.data.length > 0)
    noteSeen(ctx, state.userId, 'tags', [state.query.tag]);
  return body;
}

/** A page of the feed as cards with a gallery each; adult posts spoilered where allowed. */
async function render(ctx: BotContext, id: string, state: FeedState, page: number, text: Text) {
  const body = await fetchPage(ctx, state, page);
  const lastPage = body.meta?.last_page ?? (body.links?.next ? page + 1 : page);
  return {
    ...feedPage({
      posts: body.data,
      page,
      lastPage,
      buttons: {
        previous: feedPageId.encode({ feedId: id, page: page - 1 }),
        next: feedPageId.encode({ feedId: id, page: page + 1 }),
      },
      links: ctx.links,
      text,
      // Voting, comments and follows: one button per card opens its actions to the presser alone.
      cardOptions: (post) => ({
        spoiler: post.moderation_status === 'nsfw',
        buttons: [openSocialButton(post.slug, text)],
      }),
    }),
    // A page first sent with text and embeds (before an upgrade) becomes a V2 message.
    content: null,
    embeds: [],
    allowedMentions: { parse: [] },
  };
}

export const feedSubcommand: Subcommand = {
  name: 'feed',
  description: 'def.feed',
  options: feedOptions,
  run: feed,
  autocomplete: { tag: completeTags, user: completeUsernames },
  buttons: [onButton(feedPageId, feedButton, say('feed.expired'))],
};
