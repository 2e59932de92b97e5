import { en } from './en.js';
import { makeFormat, type Format, type Said } from './format.js';

export type { Format, Forms, Said } from './format.js';

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

/** Another language's catalogue: the same keys, each a string or a function of the same values. */
export type Translation = {
  [K in Key]: string | ((params: ParamsOf<K>, f: Format) => string);
};

/** The catalogues by locale; issue 21 adds de, fr, es, pt-BR and ja. */
const catalogues: Record<string, Translation> = { en };

/** The words of one locale: `text(key, values)`, and `text.say(said)` for a lower layer's. */
export type Text = {
  <K extends Key>(key: K, ...args: Args<K>): string;
  readonly locale: string;
  say(message: Say): string;
};

/** The catalogue's locale for a Discord locale (`pt-BR`, `en-US`…): itself, its language, or en. */
function resolve(locale: string | null | undefined): string {
  if (locale && locale in catalogues) return locale;
  const language = locale?.split('-')[0];
  return language && language in catalogues ? language : 'en';
}

type Message = string | ((params: unknown, f: Format) => string);

function makeText(locale: string): Text {
  const catalogue = catalogues[locale] as Record<string, Message | undefined>;
  const render = (key: string, params: unknown): string => {
    const message = catalogue[key] ?? (en as Record<string, Message | undefined>)[key];
    if (message === undefined) throw new RangeError(`no message ${key}`);
    return typeof message === 'string' ? message : message(params, format);
  };
  const sayIt = (message: Said) => render(message.key, message.params ?? {});
  const format = makeFormat(locale, sayIt);
  const text = (key: string, ...args: unknown[]) => render(key, args[0] ?? {});
  return Object.assign(text, { locale, say: sayIt });
}

const texts = new Map<string, Text>();

/** The words for a reader of `locale` (an interaction's, a server's); English when unknown. */
export function textFor(locale: string | null | undefined): Text {
  const resolved = resolve(locale);
  let text = texts.get(resolved);
  if (!text) texts.set(resolved, (text = makeText(resolved)));
  return text;
}

/** English: logs, and the words kept beside a code for readers of the previous version. */
export const english: Text = textFor('en');

/** A message to say later: its key and values, checked against the catalogue. */
export function say<K extends Key>(key: K, ...args: Args<K>): Say {
  return (args.length > 0 ? { key, params: args[0] } : { key }) as Say;
}

/** Whether a stored message names a key this version knows (data may come from another). */
export function isSay(value: unknown): value is Say {
  if (typeof value !== 'object' || value === null) return false;
  const { key } = value as { key?: unknown };
  return typeof key === 'string' && Object.hasOwn(en, key);
}
export type { Act } from './en/accounts.js';
export type { Permission } from './en/server.js';
export type { Kind, Policy } from './en/words.js';
