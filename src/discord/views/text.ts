/**
 * Text shown in Discord that the bot did not write (file names, titles, usernames, reasons) or
 * that must fit: cut by code points as Discord counts them, kept on one line, shown literally.
 */

/** Characters as Discord counts them: code points, not UTF-16 units. */
export const charCount = (s: string) => [...s].length;

/** Cuts to `max` characters (code points), marking the cut with an ellipsis. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** Line breaks, control and bidi characters: nothing that can break a line or reorder it. */
const UNSAFE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function oneLine(s: string): string {
  return s.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
}

/** A filename inside inline code: no backtick to close the span, so no markdown and no mention. */
export function codeName(name: string, max: number): string {
  const clean = oneLine(name).replace(/`/g, "'");
  return `\`${clip(clean || 'file', max)}\``;
}

/**
 * Someone else's text (titles, usernames, descriptions) shown literally: every markdown, mention,
 * masked link and list character escaped with a backslash, which Discord renders as the bare
 * character (a masked link needs its brackets, so parentheses are left alone).
 */
export function literal(s: string): string {
  return s.replace(/[\\`*_~|<>#\-+[\]@:]/g, '\\$&').replace(/^(\s*\d+)\./gm, '$1\\.');
}

/**
 * A refusal's reason, shown literally but for its inline code spans (`/imgpile account link`):
 * nothing renders inside a code span, so those stay as they are and everything around them is
 * escaped. Reasons carry others' words too (imgpile's, a site's).
 */
export function reasonText(reason: string, max = 300): string {
  return clip(oneLine(reason), max)
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 === 1 ? part : literal(part)))
    .join('');
}
