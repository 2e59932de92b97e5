import { describe, expect, it } from 'vitest';
import { en } from '../../src/text/en.js';
import {
  COMMAND_NAMES,
  LOCALES,
  catalogueOf,
  namesOf,
  textFor,
  type Key,
  type Text,
} from '../../src/text/index.js';
import { catalogueSamples } from './samples.js';

const samples = catalogueSamples();
const keys = Object.keys(en) as Key[];

/** Every set of values a message is rendered with: the first of each, then each other in turn. */
function variants(key: string): Record<string, unknown>[] {
  const params = samples[key];
  if (!params) return [{}];
  const base = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v[0]]));
  const out = [base];
  for (const [name, values] of Object.entries(params))
    for (const value of values.slice(1)) out.push({ ...base, [name]: value });
  return out;
}

const render = (text: Text, key: Key, params: Record<string, unknown>) =>
  (text as unknown as (k: string, p: unknown) => string)(key, params);

/** What a reader must find again in every language: the values, mentions, times and links. */
function kept(english: string, params: Record<string, unknown>): string[] {
  const values = Object.values(params)
    .flat()
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .map(String)
    // The sample's own values (numbers, ids, names), not codes a message says in words.
    .filter((v) => /^(Sample)?\d+$/.test(v) && english.includes(v));
  const markup = english.match(/<[@#]\d+>|<t:\d+:R>|https?:\/\/\S+/g) ?? [];
  return [...new Set([...values, ...markup])];
}

const count = (s: string, part: string) => s.split(part).length - 1;

describe.each(LOCALES)('the %s catalogue', (locale) => {
  const text = textFor(locale);

  it('is complete: every English key, and no other', () => {
    expect(text.locale).toBe(locale);
    expect(Object.keys(catalogueOf(locale)).sort()).toEqual([...keys].sort());
  });

  it('renders every key with every kind of value, keeping the values and the markup', () => {
    const problems: string[] = [];
    for (const key of keys) {
      for (const params of variants(key)) {
        const english = render(textFor('en'), key, params);
        const said = render(text, key, params);
        const where = `${key} ${JSON.stringify(params)}: ${said}`;
        if (!said.trim()) problems.push(`${where}: empty`);
        if (/undefined|\[object |NaN/.test(said)) problems.push(`${where}: a value went missing`);
        for (const token of kept(english, params))
          if (!said.includes(token)) problems.push(`${where}: lost ${token}`);
        if (count(said, '**') !== count(english, '**')) problems.push(`${where}: bold differs`);
        if (count(said, '`') % 2 !== 0) problems.push(`${where}: unbalanced code`);
        if (count(said, '\n') !== count(english, '\n')) problems.push(`${where}: lines differ`);
        if (english.startsWith('-# ') !== said.startsWith('-# '))
          problems.push(`${where}: subtext differs`);
        if (key.startsWith('def.') && [...said].length > 100)
          problems.push(`${where}: over Discord's 100 characters`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names commands in its replies as its members see them (`/imgpile …` in its names)', () => {
    const { by, ...names } = namesOf(locale);
    const words = new Set([...Object.values(names), ...Object.values(by ?? {})]);
    const wrong: string[] = [];
    for (const key of keys) {
      for (const params of variants(key)) {
        const said = render(text, key, params);
        for (const [, path] of said.matchAll(/`\/imgpile((?: [^`\s]+)*)`/g))
          for (const word of path!.trim().split(' ').filter(Boolean))
            // `option:` is how Discord writes an option to fill.
            if (!words.has(word.replace(/:$/, ''))) wrong.push(`${key}: ${word}`);
      }
    }
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('names every command, subcommand and option', () => {
    expect(
      Object.keys(namesOf(locale))
        .filter((k) => k !== 'by')
        .sort(),
    ).toEqual([...COMMAND_NAMES].sort());
  });
});

describe('a reader’s locale', () => {
  it('is Discord’s: de, fr, es-ES, pt-BR and ja are translated', () => {
    expect(LOCALES).toEqual(['de', 'fr', 'es-ES', 'pt-BR', 'ja']);
  });

  it('reads a language’s other Discord locale in its translation (es-419: es-ES)', () => {
    expect(textFor('es-419').locale).toBe('es-ES');
  });

  it('falls back to English for en-US, en-GB, an untranslated language and none', () => {
    for (const locale of ['en-US', 'en-GB', 'ko', 'zh-CN', 'xx', '', null, undefined])
      expect(textFor(locale).locale).toBe('en');
  });
});
