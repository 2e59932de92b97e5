import type { ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { described } from '../../../src/discord/core/commands.js';
import type { BotContext } from '../../../src/discord/core/context.js';
import { readSlugOption } from '../../../src/functions/links/readSlugOption.js';
import { UserError } from '../../../src/errors.js';
import { managerFor, type Manager } from '../../../src/functions/accounts/managerFor.js';
import { say } from '../../../src/text/index.js';

/** Media read per page of the post, and the most pages read (a post of 500 files). */
const PER_PAGE = 50;
const MAX_PAGES = 10;

/**
 * The post a member changes the files of, and the account to do it with: a post the bot made
 * only by the member it made it for (a moderator may edit or delete, not rearrange); any other
 * with the member's own token (imgpile decides).
 */
export async function ownPost(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const { slug } = readSlugOption(ctx, interaction.options.getString('slug', true), 'post');
  const record = await ctx.store.ownership.getPostOwner(slug);
  if (record && record.userId !== interaction.user.id) throw new UserError(say('manage.onlyMaker'));
  return { slug, manager: await managerFor(ctx, interaction, record, 'post') };
}

/** Every media slug of the post, in its order, read with the managing account. */
async function mediaOrder(manager: Manager, slug: string): Promise<string[]> {
  const slugs: string[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { body } = await manager.run((imgpile) =>
      imgpile.getPost(slug, { mediaPage: page, perPage: PER_PAGE }, { authenticated: true }),
    );
    const media = body.data.media ?? [];
    slugs.push(...media.map((m) => m.slug));
    const count = body.data.media_count;
    if (media.length < PER_PAGE || (count !== undefined && slugs.length >= count)) break;
  }
  return slugs;
}

/**
 * The new order from what the member typed: file numbers (1 = the first now), those named
 * first in the order given, the others after them as they were. Null for anything else.
 */
export function reordered(current: readonly string[], typed: string): string[] | null {
  const parts = typed.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d{1,4}$/.test(p))) return null;
  const picked = parts.map(Number);
  if (picked.some((n) => n < 1 || n > current.length)) return null;
  if (new Set(picked).size !== picked.length) return null;
  const first = picked.map((n) => current[n - 1]!);
  return [...first, ...current.filter((s) => !first.includes(s))];
}

/**
 * The post's new order from what the member typed (`post edit order:`), or null when it is
 * the order it has; a UserError saying what is taken when it does not read.
 */
export async function newMediaOrder(manager: Manager, slug: string, typed: string) {
  const current = await mediaOrder(manager, slug);
  const order = reordered(current, typed);
  if (!order) throw new UserError(say('manage.badOrder', { count: current.length }));
  return order.every((s, i) => s === current[i]) ? null : order;
}

/** `post edit`'s `order` option. */
export const orderOption = (o: SlashCommandStringOption) =>
  described(o, 'order', 'def.post.edit.order').setMaxLength(1000);
