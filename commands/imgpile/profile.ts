import { MessageFlags, type ButtonInteraction, type ChatInputCommandInteraction } from 'discord.js';
import { choice, described, onButton, type Subcommand } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  COUNT_FIELDS,
  PROFILE_PAGE_SIZE,
  profileCard,
  profilePageId,
  type ProfileCounts,
  type ProfilePress,
} from '../../src/discord/views/browse/profile-card.js';
import {
  USER_LISTS,
  userListCard,
  userListId,
  type UserList,
  type UserListPress,
} from '../../src/discord/views/browse/profile-lists.js';
import { UserError } from '../../src/errors.js';
import { completeUsernames, noteSeen } from '../../src/functions/complete/completeNames.js';
import { takeReadSlot } from '../../src/functions/limits/takeCommandSlot.js';
import { isNotFound } from '../../src/imgpile/errors.js';
import { USERNAME } from '../../src/imgpile/params.js';
import type { Media, Paginated, Post } from '../../src/imgpile/schemas.js';
import { say, textFor } from '../../src/text/index.js';

const PAGE_SIZE = PROFILE_PAGE_SIZE;

/** Public reads, on the budget of public requests, out of the reader's own share. */
const slot = (ctx: BotContext, member: string, slots = 1) =>
  takeReadSlot(ctx.publicLimiter, member, { busy: say('busy.reads'), slots });

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
    if (isNotFound(err)) throw new UserError(say('profile.noUser', { username }));
    throw err;
  }
}

type Counts = ProfileCounts;

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

/**
 * A page of a user's media, followers or following (the caller took its slot), kept a minute
 * for other readers. An unknown user is said so.
 */
async function readList(ctx: BotContext, press: UserListPress) {
  const { username, list, page } = press;
  const query = { page, limit: PAGE_SIZE };
  try {
    const { body } =
      list === 'media'
        ? await ctx.imgpile.listUserMedia(username, query)
        : list === 'followers'
          ? await ctx.imgpile.listUserFollowers(username, query)
          : await ctx.imgpile.listUserFollowing(username, query);
    await ctx.store.feed.cacheRead(`user-${list}`, press, body);
    return body;
  } catch (err) {
    if (isNotFound(err)) throw new UserError(say('profile.noUser', { username }));
    throw err;
  }
}

async function showList(interaction: RepliedTo, ctx: BotContext, press: UserListPress) {
  const cached = await ctx.store.feed.getCachedRead<Listed>(`user-${press.list}`, press);
  if (!cached) await slot(ctx, interaction.user.id);
  const items = cached ?? (await readList(ctx, press));
  const text = textFor(interaction.locale);
  await interaction.editReply(userListCard({ ...press, items }, text));
}

type RepliedTo = ChatInputCommandInteraction | ButtonInteraction;
type Listed = Paginated<Media> | Paginated<Record<string, unknown>>;

/** A list's Previous, Next, or another list of the same user: the card changes in place. */
async function listButton(interaction: ButtonInteraction, ctx: BotContext, press: UserListPress) {
  await interaction.deferUpdate();
  await showList(interaction, ctx, press);
}

/**
 * `/imgpile user username [show]`: a profile card (or, with `show`, a page of their media,
 * followers or following), to the invoker alone, on public reads.
 */
async function profile(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const username = interaction.options.getString('username', true).trim().replace(/^@/, '');
  if (!USERNAME.test(username)) throw new UserError(say('account.badUsername'));
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const show = interaction.options.getString('show') as UserList | 'posts' | null;
  if (show && show !== 'posts')
    return showList(interaction, ctx, { list: show, page: 1, username });
  const { posts, counts } = await readCard(ctx, interaction.user.id, username);
  noteSeen(ctx, interaction.user.id, 'authors', [username]);
  const text = textFor(interaction.locale);
  await interaction.editReply(profileCard({ username, page: 1, posts, counts }, ctx.links, text));
}

/** Another page of a card's posts; the counts are the card's own. */
async function profileButton(interaction: ButtonInteraction, ctx: BotContext, press: ProfilePress) {
  const { username, page } = press;
  // By place, not by name: the card may be in another reader's language.
  const fields = interaction.message.embeds[0]?.fields ?? [];
  const field = (name: (typeof COUNT_FIELDS)[number]) =>
    fields[COUNT_FIELDS.indexOf(name)]?.value ?? '?';
  await interaction.deferUpdate();
  const cached = await ctx.store.feed.getCachedRead<Paginated<Post>>('user-posts', {
    username,
    page,
  });
  if (!cached) await slot(ctx, interaction.user.id);
  const posts = cached ?? (await readPosts(ctx, username, page));
  const counts = {
    posts: countOf(posts),
    followers: field('followers'),
    following: field('following'),
  };
  const text = textFor(interaction.locale);
  await interaction.editReply(profileCard({ username, page, posts, counts }, ctx.links, text));
}

export const userSubcommand: Subcommand = {
  name: 'user',
  description: 'def.user',
  options: (sub) =>
    sub
      .addStringOption((o) =>
        described(o, 'username', 'def.user.username').setRequired(true).setMaxLength(64),
      )
      .addStringOption((o) =>
        described(o, 'show', 'def.user.show').addChoices(
          ...(['posts', ...USER_LISTS] as const).map((v) => choice(v, `def.user.show.${v}`)),
        ),
      ),
  run: profile,
  autocomplete: { username: completeUsernames },
  buttons: [onButton(profilePageId, profileButton), onButton(userListId, listButton)],
};
