/**
 * APPLICATION_COMMAND_AUTOCOMPLETE_RESULT's data as Discord checks it ("Receiving and
 * Responding" > "Autocomplete": `choices`, at most 25; "Application Command Option Choice
 * Structure": `name` 1-100 characters, a string `value` at most 100, or a number).
 */
import type { Refusal } from '../validation.js';
import { FormErrors } from './form.js';

const MAX_CHOICES = 25;
const MAX_LENGTH = 100;

/** Discord counts characters as code points. */
const lengthOf = (s: string) => [...s].length;

function checkChoice(errors: FormErrors, raw: unknown, n: number) {
  const at = ['data', 'choices', n];
  const c = (raw ?? {}) as { name?: unknown; value?: unknown };
  if (typeof c.name !== 'string' || lengthOf(c.name) < 1 || lengthOf(c.name) > MAX_LENGTH)
    errors.add([...at, 'name'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  if (typeof c.value === 'string') {
    if (lengthOf(c.value) > MAX_LENGTH)
      errors.add([...at, 'value'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 0 and 100 in length.');
  } else if (typeof c.value !== 'number' || !Number.isFinite(c.value))
    errors.add([...at, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
}

/** The choices of an autocomplete answer, or why Discord refuses them. */
export function validateAutocomplete(data: Record<string, unknown>): Refusal | null {
  const errors = new FormErrors();
  const choices = data.choices;
  if (!Array.isArray(choices)) {
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    if (choices.length > MAX_CHOICES)
      errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    choices.forEach((c, n) => checkChoice(errors, c, n));
  }
  return errors.empty ? null : { status: 400, body: errors.body() };
}
