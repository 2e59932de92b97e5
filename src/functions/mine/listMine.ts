import type { Acting } from '../../accounts/linked.js';
import type { BotContext } from '../../discord/core/context.js';
import { MAX_PAGE_LIMIT } from '../../imgpile/params.js';
import type { Media, Paginated, Post } from '../../imgpile/schemas.js';
import {
  MINE_PAGE_SIZE,
  type MineItem,
  type MinePage,
  type MineSource,
} from '../../discord/views/mine-list.js';
import { asMember, requireActing } from '../accounts/actAsMember.js';

/** imgpile's listing is merged from two lists of at most 250: 50 pages of 5. */
const MAX_PAGE = Math.floor(MAX_PAGE_LIMIT / MINE_PAGE_SIZE);

const cdnFile = (ctx: BotContext, slug: string, ext: string | null) =>
  `${new URL(ctx.config.imgpile.uploadUrl).origin}/f/${slug}${ext ? `.${ext}` : ''}`;

/** What the bot rehosted for `userId` with its own account: the per-user index, newest first. */
async function botItems(ctx: BotContext, userId: string, page: number): Promise<MinePage> {
  const { entries, total } = await ctx.store.mine.page(userId, page, MINE_PAGE_SIZE);
  const items = entries.map((e): MineItem => ({
    kind: e.kind,
    slug: e.slug,
    url: e.kind === 'post' ? ctx.links.post(e.slug) : cdnFile(ctx, e.slug, e.ext),
    title: null,
    at: e.at,
  }));
  return { items, page, lastPage: Math.max(1, Math.ceil(total / MINE_PAGE_SIZE)) };
}

const dateOf = (s: string | undefined) => (s && Date.parse(s) ? new Date(s) : null);

/**
 * A linked member's own account, as imgpile lists it: their posts and their media merged, newest
 * first. Page `n` needs the newest `5n` of each list (one request each, at most 250).
 */
async function ownItems(ctx: BotContext, acting: Acting, page: number): Promise<MinePage> {
  const at = Math.min(page, MAX_PAGE);
  const limit = Math.min(MAX_PAGE_LIMIT, at * MINE_PAGE_SIZE);
  const read = { limit };
  const auth = { authenticated: true };
  const posts: Paginated<Post> = (
    await asMember(ctx, acting, (a) => a.client.listUserPosts(a.username, read, auth))
  ).body;
  const media: Paginated<Media> = (
    await asMember(ctx, acting, (a) => a.client.listUserMedia(a.username, read, auth))
  ).body;
  const all: MineItem[] = [
    ...posts.data.map((p) => ({
      kind: 'post' as const,
      slug: p.slug,
      url: ctx.links.post(p.slug),
      title: p.title ?? null,
      at: dateOf(p.created_at),
    })),
    ...media.data.map((m) => ({
      kind: 'media' as const,
      slug: m.slug,
      url: m.urls.original,
      title: m.title ?? null,
      at: dateOf(m.created_at),
    })),
  ].sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0));
  const total = (posts.meta?.total ?? posts.data.length) + (media.meta?.total ?? media.data.length);
  const lastPage = Math.min(MAX_PAGE, Math.max(1, Math.ceil(total / MINE_PAGE_SIZE)));
  const items = all.slice((at - 1) * MINE_PAGE_SIZE, at * MINE_PAGE_SIZE);
  return { items, page: at, lastPage };
}

/**
 * A page of `/imgpile mine`: the bot's records of what it rehosted for the member, or their own
 * linked account as imgpile lists it (an account that cannot be used is said why).
 */
export async function listMine(
  ctx: BotContext,
  userId: string,
  source: MineSource,
  page: number,
): Promise<MinePage> {
  if (source === 'bot') return botItems(ctx, userId, page);
  return ownItems(ctx, await requireActing(ctx, userId, 'listOwn'), page);
}
