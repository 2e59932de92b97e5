import type { AutocompleteInteraction } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { BotContext, Choice, Command } from './context.js';

/** Discord's limits on an autocomplete answer ("Autocomplete": at most 25 choices). */
export const MAX_CHOICES = 25;
/** A choice's name is 1 to 100 characters, a string value at most 100. */
export const MAX_CHOICE_LENGTH = 100;
/**
 * How long the choices may take: Discord drops an answer after 3 s, so what is not ready by
 * then is answered with no choices rather than not at all.
 */
export const COMPLETE_WITHIN_MS = 2_000;

/** Names cut to Discord's length (code points, whole), on one line; values that fit, each once. */
export function fitChoices(choices: readonly Choice[]): Choice[] {
  const seen = new Set<string>();
  const fit: Choice[] = [];
  for (const c of choices) {
    if (fit.length === MAX_CHOICES) break;
    if (c.value.length === 0 || c.value.length > MAX_CHOICE_LENGTH || seen.has(c.value)) continue;
    const oneLine = c.name.replace(/\s+/g, ' ').trim();
    const chars = [...oneLine];
    const name =
      chars.length > MAX_CHOICE_LENGTH
        ? `${chars.slice(0, MAX_CHOICE_LENGTH - 1).join('')}…`
        : oneLine;
    seen.add(c.value);
    fit.push({ name: name || c.value, value: c.value });
  }
  return fit;
}

/**
 * Answers an autocomplete interaction with its option's choices, fitted to Discord's limits, in
 * time: a completer that fails or is late is logged and answered with none (Discord shows
 * nothing rather than "loading failed"). Returns the command's name, for metrics.
 */
export async function answerAutocomplete(
  interaction: AutocompleteInteraction,
  command: Command | undefined,
  ctx: BotContext,
  log: Logger,
): Promise<{ ok: boolean }> {
  let choices: readonly Choice[] = [];
  let ok = true;
  if (command?.kind === 'slash') {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), COMPLETE_WITHIN_MS);
    });
    try {
      const result = await Promise.race([command.complete(interaction, ctx), late]);
      if (result === 'late') {
        ok = false;
        log.warn(
          { interactionId: interaction.id, userId: interaction.user.id },
          'autocomplete late',
        );
      } else choices = result;
    } catch (err) {
      ok = false;
      log.warn(
        { interactionId: interaction.id, userId: interaction.user.id, err },
        'autocomplete failed',
      );
    } finally {
      clearTimeout(timer);
    }
  }
  await interaction.respond(fitChoices(choices));
  return { ok };
}
