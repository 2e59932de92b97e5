import {
  ButtonStyle,
  ComponentType,
  EmbedBuilder,
  MessageFlags,
  type APIButtonComponent,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { followButton, socialRow, unfollowButton } from '../../src/discord/views/social.js';
import { clip, literal, oneLine } from '../../src/discord/views/text.js';
import { UserError } from '../../src/errors.js';
import { takeReadSlot } from '../../src/functions/limits/takeCommandSlot.js';
import { isNotFound } from '../../src/imgpile/errors.js';
import { USERNAME } from '../../src/imgpile/params.js';
import type { Paginated, Post } from '../../src/imgpile/schemas.js';

const PAGE_SIZE = 5;

export function userSubcommand(sub: SlashCommandSubcommandBuilder) {
  return sub
    .setName('user')
    .setDescription("An imgpile user's profile: recent posts, followers and following")
    .addStringOption((o) =>
      o
        .setName('username')
        .setDescription('Their imgpile username')
        .setRequired(true)
        .setMaxLength(64),
    );
}

/** Public reads, on the budget of public requests, out of the reader's own share. */
const slot = (ctx: BotContext, member: string, slots = 1) =>
  takeReadSlot(ctx.publicLimiter, member, {
    busy: "imgpile's request budget is used up for now.",
    slots,
  });

/** How many a paginated list holds, as far as imgpile says. */
const countOf = (list: Paginated<unknown>) =>
  list.meta?.total !== undefined
    ? String(list.meta.total)
    : `${list.data.length}${list.links?.next ? '+' : ''}`;

/** A page of the user's posts (the caller took its slot), kept a minute for other readers. */
async function readPosts(ctx: BotContext, username: string, page: number) {
  try {
    const posts = (await ctx.imgpile.listUserPosts(username, { page, limit: PAGE_SIZE })).body;
    await ctx.store.feed.cacheRead('user-posts', { username, page }, posts);
    return posts;
  } catch (err) {
    if (isNotFound(err)) throw new UserError(`imgpile has no user named ${username}.`);
    throw err;
  }
}

type Counts = { posts: string; followers: string; following: string };

/**
 * A profile card's three reads (recent posts, followers, following), taken together from the
 * reader's share, or from the one-minute cache when anyone read the card just now.
 */
async function readCard(ctx: BotContext, member: string, username: string) {
  type Card = { posts: Paginated<Post>; counts: Counts };
  const cached = await ctx.store.feed.getCachedRead<Card>('user-card', { username });
  if (cached) return cached;
  await slot(ctx, member, 3);
  const posts = await readPosts(ctx, username, 1);
  const followers = (await ctx.imgpile.listUserFollowers(username, { limit: 1 })).body;
  const following = (await ctx.imgpile.listUserFollowing(username, { limit: 1 })).body;
  const card: Card = {
    posts,
    counts: { posts: countOf(posts), followers: countOf(followers), following: countOf(following) },
  };
  await ctx.store.feed.cacheRead('user-card', { username }, card);
  return card;
}

function render(
  ctx: BotContext,
  username: string,
  page: number,
  posts: Paginated<Post>,
  counts: Counts,
) {
  const lastPage = posts.meta?.last_page ?? (posts.links?.next ? page + 1 : page);
  const lines = posts.data.map((p, i) => {
    const title = literal(clip(oneLine(p.title ?? '') || 'Untitled', 80));
    return `${(page - 1) * PAGE_SIZE + i + 1}. **${title}** · score ${p.score ?? 0} · ${ctx.links.post(p.slug)}`;
  });
  const embed = new EmbedBuilder()
    .setTitle(clip(username, 256))
    .addFields(
      { name: 'Posts', value: counts.posts, inline: true },
      { name: 'Followers', value: counts.followers, inline: true },
      { name: 'Following', value: counts.following, inline: true },
    )
    .setDescription(lines.length ? lines.join('\n') : 'No public posts.')
    .setFooter({ text: `Recent posts, page ${page} of ${Math.max(1, lastPage)}` });
  const preview = posts.data[0]?.first_media;
  const thumb = preview?.urls.sm ?? preview?.urls.thumb;
  if (thumb) embed.setThumbnail(thumb);
  const nav = (label: string, to: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: `profile:${to}:${username}`,
    disabled,
  });
  return {
    embeds: [embed],
    components: [
      socialRow([
        nav('Previous', page - 1, page <= 1),
        nav('Next', page + 1, page >= lastPage),
        followButton(username),
        unfollowButton(username),
      ]),
    ],
    allowedMentions: { parse: [] },
  };
}

/** `/imgpile user username`: a profile card, to the invoker alone, on public reads. */
export async function profile(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const username = interaction.options.getString('username', true).trim().replace(/^@/, '');
  if (!USERNAME.test(username)) throw new UserError('That is not an imgpile username.');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { posts, counts } = await readCard(ctx, interaction.user.id, username);
  await interaction.editReply(render(ctx, username, 1, posts, counts));
}

/** `profile:<page>:<username>`: another page of posts; the counts are the card's own. */
export async function profileButton(interaction: ButtonInteraction, ctx: BotContext) {
  const [, pageText, username = ''] = interaction.customId.split(':');
  if (!USERNAME.test(username)) throw new UserError('That button is out of date.');
  const page = Math.max(1, Number(pageText) || 1);
  const fields = interaction.message.embeds[0]?.fields ?? [];
  const field = (name: string) => fields.find((f) => f.name === name)?.value ?? '?';
  await interaction.deferUpdate();
  const cached = await ctx.store.feed.getCachedRead<Paginated<Post>>('user-posts', {
    username,
    page,
  });
  if (!cached) await slot(ctx, interaction.user.id);
  const posts = cached ?? (await readPosts(ctx, username, page));
  const counts = {
    posts: countOf(posts),
    followers: field('Followers'),
    following: field('Following'),
  };
  await interaction.editReply(render(ctx, username, page, posts, counts));
}
