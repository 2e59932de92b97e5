import { en } from './en.js';
import { makeFormat, type Format, type Said } from './format.js';

export type { Format, Forms, Said } from './format.js';

import type { Args, Key, Say, Translation } from './catalogue.js';
import { de } from './de.js';
import { names as deNames } from './de/names.js';
import { fr } from './fr.js';
import { names as frNames } from './fr/names.js';
import { esES } from './es-ES.js';
import { names as esESNames } from './es-ES/names.js';
import { ptBR } from './pt-BR.js';
import { names as ptBRNames } from './pt-BR/names.js';
import { ja } from './ja.js';
import { names as jaNames } from './ja/names.js';
import type { CommandName, DefinitionName, Names } from './names.js';

export type {
  Args,
  Catalogue,
  Key,
  Message,
  ParamsOf,
  Say,
  Translation,
  TranslationOf,
} from './catalogue.js';
export { COMMAND_NAMES, type CommandName, type DefinitionName, type Names } from './names.js';

/**
 * The translated languages, by their Discord locale (discord.com/developers/docs/reference#locales),
 * each a whole catalogue and the commands' names in it.
 */
const translations = {
  de: { catalogue: de, names: deNames },
  fr: { catalogue: fr, names: frNames },
  'es-ES': { catalogue: esES, names: esESNames },
  'pt-BR': { catalogue: ptBR, names: ptBRNames },
  ja: { catalogue: ja, names: jaNames },
} as const satisfies Record<string, { catalogue: Translation; names: Names }>;

/** The Discord locales the bot speaks besides English (its commands are named in each). */
export type Locale = keyof typeof translations;
export const LOCALES = Object.keys(translations) as Locale[];

const catalogues: Record<string, Translation> = { en, ...mapValues((t) => t.catalogue) };

/** A translated locale's whole catalogue (its tests read every key). */
export const catalogueOf = (locale: Locale): Translation => translations[locale].catalogue;
/** A translated locale's names of the commands. */
export const namesOf = (locale: Locale): Names => translations[locale].names;

function mapValues<V>(f: (t: (typeof translations)[Locale], locale: Locale) => V) {
  return Object.fromEntries(LOCALES.map((l) => [l, f(translations[l], l)])) as Record<Locale, V>;
}

/** The words of one locale: `text(key, values)`, and `text.say(said)` for a lower layer's. */
export type Text = {
  <K extends Key>(key: K, ...args: Args<K>): string;
  readonly locale: string;
  say(message: Say): string;
};

/**
 * The catalogue's locale for a Discord locale: itself, else one of its language (`es-419` reads
 * `es-ES`), else English (`en-US`, `en-GB`, a language without a translation, none).
 */
function resolve(locale: string | null | undefined): string {
  if (!locale) return 'en';
  if (Object.hasOwn(catalogues, locale)) return locale;
  const language = locale.split('-')[0];
  return Object.keys(catalogues).find((l) => l.split('-')[0] === language) ?? 'en';
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

/** The definitions' words (`def.…`): a description's, a choice's, a context menu's name. */
export type DefinitionKey = Extract<Key, `def.${string}`>;

/** A definition's words in every translated locale: Discord's `*_localizations` map. */
export function definitionLocalizations(key: DefinitionKey): Record<Locale, string> {
  return mapValues((_, locale) => textFor(locale)(key));
}

/**
 * A command's, subcommand's or option's name in every translated locale (`file2`: `datei2`);
 * a language may name one apart by its description key (`names.by`).
 */
export function nameLocalizations(
  name: DefinitionName,
  key?: DefinitionKey,
): Record<Locale, string> {
  const [, word, number] = /^(.*?)(\d*)$/.exec(name) ?? [name, name, ''];
  return mapValues((t) => `${(key && t.names.by?.[key]) ?? t.names[word as CommandName]}${number}`);
}
