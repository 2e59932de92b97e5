import { createHash } from 'node:crypto';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { UserError } from '../../src/errors.js';
import type { BotContext } from '../../src/discord/context.js';
import { RateLimitWait } from '../../src/limits/rate-limiter.js';
import type { ListQuery, Paginated, Post } from '../../src/imgpile/index.js';

export const FEED_PAGE_SIZE = 5;
const STATE_TTL_S = 15 * 60;
const CACHE_TTL_S = 60;

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

const stateKey = (ctx: BotContext, id: string) => `${ctx.namespace}:feed:${id}`;

export async function feed(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const nsfw = interaction.options.getBoolean('nsfw') ?? false;
  if (nsfw && !isAgeRestricted(interaction)) {
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
  await ctx.redis.set(stateKey(ctx, interaction.id), JSON.stringify(state), 'EX', STATE_TTL_S);
  await interaction.editReply(await render(ctx, interaction.id, state, 1));
}

export async function feedButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const [, id, pageText] = interaction.customId.split(':');
  const raw = id ? await ctx.redis.get(stateKey(ctx, id)) : null;
  if (!raw) throw new UserError('This feed has expired. Run `/imgpile feed` again.');
  const state = JSON.parse(raw) as FeedState;
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

function isAgeRestricted(interaction: ChatInputCommandInteraction): boolean {
  const channel = interaction.channel;
  return channel !== null && 'nsfw' in channel && channel.nsfw === true;
}

/** One page of posts, from a short Redis cache when another viewer just fetched it. */
async function fetchPage(
  ctx: BotContext,
  state: FeedState,
  page: number,
): Promise<Paginated<Post>> {
  const hash = createHash('sha1')
    .update(JSON.stringify([state.query, page]))
    .digest('hex');
  const key = `${ctx.namespace}:feed-cache:${hash}`;
  const cached = await ctx.redis.get(key);
  if (cached) return JSON.parse(cached) as Paginated<Post>;
  try {
    await ctx.publicLimiter.acquire({ maxWaitMs: 2_000 });
  } catch (err) {
    if (err instanceof RateLimitWait) {
      throw new UserError(
        `imgpile's feed is busy. Try again in ${Math.ceil(err.waitMs / 1000)} seconds.`,
      );
    }
    throw err;
  }
  const { body } = await ctx.imgpile.listPosts({ ...state.query, page, limit: FEED_PAGE_SIZE });
  if (state.query.sort !== 'random')
    await ctx.redis.set(key, JSON.stringify(body), 'EX', CACHE_TTL_S);
  return body;
}

async function render(ctx: BotContext, id: string, state: FeedState, page: number) {
  const body = await fetchPage(ctx, state, page);
  const lastPage = body.meta?.last_page ?? (body.links?.next ? page + 1 : page);
  const embeds = body.data.map((post) => postEmbed(ctx, post));
  const content = embeds.length === 0 ? 'No posts match.' : `Page ${page} of ${lastPage}`;
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`feed:${id}:${page - 1}`)
      .setLabel('Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page <= 1),
    new ButtonBuilder()
      .setCustomId(`feed:${id}:${page + 1}`)
      .setLabel('Next')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(page >= lastPage),
  );
  return { content, embeds, components: [row], allowedMentions: { parse: [] } };
}

function postEmbed(ctx: BotContext, post: Post): EmbedBuilder {
  const media = post.first_media;
  const image = media
    ? media.type?.startsWith('video/')
      ? media.urls.thumb
      : (media.urls.md ?? media.urls.original)
    : undefined;
  const embed = new EmbedBuilder()
    .setTitle((post.title ?? 'Untitled').slice(0, 256))
    .setURL(`${ctx.imgpileOrigin}/p/${post.slug}`)
    .addFields(
      { name: 'Score', value: String(post.score ?? 0), inline: true },
      { name: 'Views', value: String(post.view_count ?? 0), inline: true },
    );
  if (post.user?.username) embed.setAuthor({ name: post.user.username });
  if (image) embed.setImage(image);
  return embed;
}
