import type { en } from './en.js';
import type { Format } from './format.js';

/**
 * Every sentence a user reads, by key. The English catalogue (`en.ts`) is the source of truth:
 * its keys, and the values each message takes, type every other. Lower layers return a `Say`
 * (a key and its values, JSON-safe: job data keeps it); whoever answers the reader renders it
 * with the reader's `Text`.
 */
export type Catalogue = typeof en;
export type Key = keyof Catalogue;
export type ParamsOf<K extends Key> = Catalogue[K] extends (params: infer P, f: Format) => string
  ? P
  : never;
/** What `text(key, …)` takes after the key: the message's values, or nothing. */
export type Args<K extends Key> = [ParamsOf<K>] extends [never] ? [] : [params: ParamsOf<K>];

/** A message to say later, in the reader's language: its key and its values. */
export type Say = {
  [K in Key]: [ParamsOf<K>] extends [never] ? { key: K } : { key: K; params: ParamsOf<K> };
}[Key];

/** One message of another language: a string, or a function of the English message's values. */
export type Message<K extends Key> = string | ((params: ParamsOf<K>, f: Format) => string);

/** Another language's catalogue: the same keys, each a string or a function of the same values. */
export type Translation = { [K in Key]: Message<K> };

/**
 * One area of another language (`de/errors.ts`…): exactly the keys of the English area `T`
 * (`satisfies TranslationOf<typeof errors>` refuses a missing key and an extra one).
 */
export type TranslationOf<T> = { [K in keyof T & Key]: Message<K> };
