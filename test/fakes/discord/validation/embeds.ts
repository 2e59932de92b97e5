/** Embeds, as "Message" > "Embed Limits" bounds them. */
import { asRecord, length, type FormErrors, type Path } from './form.js';

/** Embed text as counted toward the 6000 total: trimmed, as Discord trims it. */
const trimmedLength = (v: unknown) => (typeof v === 'string' ? length(v.trim()) : 0);

export function validateEmbeds(errors: FormErrors, path: Path, embeds: unknown) {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.add(path, 'BASE_TYPE_LIST', 'Must be an array.');
    return;
  }
  if (embeds.length > 10)
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  let total = 0;
  embeds.forEach((raw, i) => {
    total += validateEmbed(errors, [...path, i], asRecord(raw));
  });
  // "the combined sum of characters in all title, description, field.name, field.value,
  // footer.text, and author.name fields across all embeds ... must not exceed 6000".
  if (total > 6000)
    errors.add(path, 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
}

function trimmedMax(errors: FormErrors, path: Path, value: unknown, max: number) {
  if (trimmedLength(value) > max)
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
}

/** One embed's limits; returns the characters it counts toward the 6000 total. */
function validateEmbed(errors: FormErrors, at: Path, e: Record<string, unknown>): number {
  trimmedMax(errors, [...at, 'title'], e.title, 256);
  trimmedMax(errors, [...at, 'description'], e.description, 4096);
  const footer = asRecord(e.footer);
  const author = asRecord(e.author);
  trimmedMax(errors, [...at, 'footer', 'text'], footer.text, 2048);
  trimmedMax(errors, [...at, 'author', 'name'], author.name, 256);
  let total =
    trimmedLength(e.title) +
    trimmedLength(e.description) +
    trimmedLength(footer.text) +
    trimmedLength(author.name);
  const fields = e.fields;
  if (Array.isArray(fields)) {
    if (fields.length > 25)
      errors.add([...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    fields.forEach((rawField, j) => {
      const f = asRecord(rawField);
      for (const [key, max] of [
        ['name', 256],
        ['value', 1024],
      ] as const) {
        if (trimmedLength(f[key]) === 0)
          errors.add([...at, 'fields', j, key], 'BASE_TYPE_REQUIRED', 'This field is required');
        else trimmedMax(errors, [...at, 'fields', j, key], f[key], max);
      }
      total += trimmedLength(f.name) + trimmedLength(f.value);
    });
  }
  return total;
}
