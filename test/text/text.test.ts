import { describe, expect, it } from 'vitest';
import { english, isSay, say, textFor } from '../../src/text/index.js';
import { makeFormat } from '../../src/text/format.js';

describe('a reader’s words', () => {
  it('come in the reader’s locale, or English when the catalogue has none for it', () => {
    // Issue 21 translated de, fr, es-ES, pt-BR and ja: those read their own now.
    for (const locale of ['en-US', 'en-GB', 'ko', 'zh-CN', null, undefined])
      expect(textFor(locale).locale).toBe('en');
    expect(textFor('ko')('error.staleButton')).toBe('That button is out of date.');
    expect(textFor('de')('error.staleButton')).toBe('Dieser Button ist veraltet.');
  });

  it('fill a message with its values, and a message said inside another in the same words', () => {
    expect(english('upload.tooMany', { count: 12, max: 10 })).toBe(
      'That is 12 files and links: at most 10 at once.',
    );
    const reason = say('post.tryLater', { reason: say('imgpile.unreachable') });
    expect(english.say(reason)).toBe('imgpile could not be reached; try again later');
  });

  it('count by the locale’s plural rules, one said apart from a grammatical singular', () => {
    expect([0, 1, 2].map((count) => english('post.views', { count }))).toEqual([
      '0 views',
      '1 view',
      '2 views',
    ]);
    // Intl.PluralRules: 21 is "one" in Russian, 1 is said apart with `=1`.
    const ru = makeFormat('ru', () => '');
    const forms = {
      '=1': 'один файл',
      one: '# файл',
      few: '# файла',
      many: '# файлов',
      other: '# файла',
    };
    expect([1, 21, 3, 5].map((n) => ru.count(n, forms))).toEqual([
      'один файл',
      '21 файл',
      '3 файла',
      '5 файлов',
    ]);
  });

  it('write numbers as the locale does, without grouping, and Discord’s times as its markup', () => {
    const en = makeFormat('en', () => '');
    const de = makeFormat('de', () => '');
    expect([en.num(123456), en.num(1.5, 1), de.num(1.5, 1), de.num(10, 0)]).toEqual([
      '123456',
      '1.5',
      '1,5',
      '10',
    ]);
    expect(en.relative(new Date(1_700_000_000_500))).toBe('<t:1700000000:R>');
  });

  it('know a stored message by its key, and not one another version wrote', () => {
    expect(isSay(say('error.generic'))).toBe(true);
    expect(isSay({ key: 'error.fromAnotherVersion' })).toBe(false);
    expect(isSay('error.generic')).toBe(false);
    expect(isSay(null)).toBe(false);
  });
});
