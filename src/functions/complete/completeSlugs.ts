import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext, Choice } from '../../discord/core/context.js';
import { readImgpileRef } from '../../imgpile/refs.js';
import { MINE_CAP } from '../../store/mine.js';
import { textFor } from '../../text/index.js';
import { refOrigins } from '../links/readSlugOption.js';
import { refreshOwnLists } from './refreshOwnLists.js';

type Candidate = { slug: string; title: string | null };

/** What the member typed, as a slug to look for: a pasted link's slug, or the text itself. */
function wanted(ctx: BotContext, typed: string): string {
  const read = readImgpileRef(typed, refOrigins(ctx));
  return (read.ok ? read.ref.slug : typed.trim()).toLowerCase();
}

const matches = (c: Candidate, needle: string) =>
  needle === '' ||
  c.slug.toLowerCase().includes(needle) ||
  (c.title ?? '').toLowerCase().includes(needle);

/**
 * The member's own posts or media whose slug or title holds what they typed: what the bot
 * rehosted for them (its records), then their linked account's (a short copy, read again off
 * the keystroke's path). Only their own: nobody else's slug, title or key is ever offered.
 */
async function completeOwn(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
  typed: string,
  kind: 'post' | 'media',
): Promise<Choice[]> {
  const userId = interaction.user.id;
  const [mine, own] = await Promise.all([
    ctx.store.mine.page(userId, 1, MINE_CAP),
    ctx.store.completions.getOwn(userId),
  ]);
  refreshOwnLists(ctx, userId, own);
  const candidates: Candidate[] = [
    ...mine.entries.filter((e) => e.kind === kind).map((e) => ({ slug: e.slug, title: null })),
    ...(own?.items ?? []).filter((i) => i.kind === kind),
  ];
  const needle = wanted(ctx, typed);
  const text = textFor(interaction.locale);
  const key = kind === 'post' ? 'complete.post' : 'complete.media';
  return candidates
    .filter((c) => matches(c, needle))
    .map((c) => ({ name: text(key, { slug: c.slug, title: c.title }), value: c.slug }));
}

/** The `slug` of the `post` subcommands. */
export const completePosts = (i: AutocompleteInteraction, ctx: BotContext, typed: string) =>
  completeOwn(i, ctx, typed, 'post');

/** The `slug` of the `media` subcommands. */
export const completeMedia = (i: AutocompleteInteraction, ctx: BotContext, typed: string) =>
  completeOwn(i, ctx, typed, 'media');
