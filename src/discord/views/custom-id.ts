/** Discord's limit on a component's custom_id. */
export const CUSTOM_ID_MAX = 100;

/**
 * A button's or a form's custom id, typed: `encode` writes it, `parse` reads it back, or null
 * (cut, forged, or written by a version that said something else: anyone can send any id).
 * `prefixes`: the first parts of the ids it reads, the one `encode` writes first, then older
 * ones still on Discord's messages. The dispatcher routes an id by its first part.
 */
export type CustomId<T> = {
  readonly prefixes: readonly [string, ...string[]];
  encode(value: T): string;
  parse(customId: string): T | null;
};

/** A page number as ids carry it: at least 1, and 1 for anything that is not a number. */
export const pageOf = (text: string | undefined) => Math.max(1, Number(text) || 1);
