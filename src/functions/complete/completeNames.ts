import type { AutocompleteInteraction } from 'discord.js';
import type { BotContext, Choice } from '../../discord/core/context.js';
import { USERNAME } from '../../imgpile/params.js';
import type { SeenKind } from '../../store/index.js';
import { refreshOwnLists } from './refreshOwnLists.js';

const asChoices = (names: readonly string[], typed: string): Choice[] => {
  const needle = typed.trim().replace(/^@/, '').toLowerCase();
  return names.filter((n) => n.toLowerCase().includes(needle)).map((n) => ({ name: n, value: n }));
};

/**
 * imgpile usernames for the member: the accounts their linked account follows (a short copy,
 * read again off the keystroke's path), then the authors they saw lately in feeds and profiles.
 */
export async function completeUsernames(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
  typed: string,
): Promise<Choice[]> {
  const userId = interaction.user.id;
  const [own, seen] = await Promise.all([
    ctx.store.completions.getOwn(userId),
    ctx.store.completions.seen('authors', userId),
  ]);
  refreshOwnLists(ctx, userId, own);
  const names = [...(own?.following ?? []), ...seen].filter((n) => USERNAME.test(n));
  return asChoices(names, typed);
}

/** The tags the member's feeds found posts with lately. */
export async function completeTags(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
  typed: string,
): Promise<Choice[]> {
  return asChoices(await ctx.store.completions.seen('tags', interaction.user.id), typed);
}

/** Notes what a member just saw, for their autocomplete; a failure to note costs them nothing. */
export function noteSeen(ctx: BotContext, userId: string, kind: SeenKind, names: string[]) {
  const unique = [...new Set(names.filter((n) => n.length > 0 && n.length <= 100))];
  void ctx.store.completions
    .noteSeen(kind, userId, unique)
    .catch((err: unknown) =>
      ctx.log.info({ userId, err: { message: (err as Error).message } }, 'seen names not noted'),
    );
}
