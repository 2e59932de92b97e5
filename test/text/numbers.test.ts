import { afterEach, describe, expect, it } from 'vitest';
import { makeFormat } from '../../src/text/format.js';
import { LOCALES } from '../../src/text/index.js';

const CATALOGUE_LOCALES = ['en', ...LOCALES];

/** Doubles of every kind: halves, ties a double misses (1.15), carries, tiny and huge ones. */
function samples(): number[] {
  const fixed = [0, -0, 1, -1, 1.5, 1.15, 1.25, 1.005, 99.95, 9.96, 0.96, 0.05, -0.04, 0.1 + 0.2];
  const edges = [1e21, 1.5e-7, 1.5e-25, -1.5e-25, 5e-21, 123456789.125, 2 ** 53 + 2, 1e300];
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const random = Array.from({ length: 2000 }, (_, i) =>
    i % 2 ? (next() - 0.3) * 10 ** (Math.floor(next() * 30) - 12) : Math.round(next() * 1e5) / 100,
  );
  return [...fixed, ...edges, NaN, Infinity, -Infinity, ...random];
}

const NumberFormat = Intl.NumberFormat;

/** Counts the Intl.NumberFormat objects made from now on. */
function countNumberFormats(): { made: number } {
  const counter = { made: 0 };
  Intl.NumberFormat = new Proxy(NumberFormat, {
    construct(target, args: ConstructorParameters<typeof NumberFormat>) {
      counter.made += 1;
      return new target(...args);
    },
  });
  return counter;
}

describe('numbers in the catalogues’ locales', () => {
  afterEach(() => {
    Intl.NumberFormat = NumberFormat;
  });

  it('are written as Intl.NumberFormat writes them without grouping, to any decimals', () => {
    const values = samples();
    for (const locale of CATALOGUE_LOCALES) {
      const f = makeFormat(locale, () => '');
      for (const digits of [undefined, 0, 1, 2]) {
        const intl = new Intl.NumberFormat(locale, {
          useGrouping: false,
          ...(digits === undefined
            ? { maximumFractionDigits: 20 }
            : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
        });
        const wrong = values.filter((v) => f.num(v, digits) !== intl.format(v));
        expect({ locale, digits, wrong }).toEqual({ locale, digits, wrong: [] });
      }
    }
  });

  it('never load ICU’s number formatting (4 MB of RSS on the first progress line, issue 18)', () => {
    const numberFormats = countNumberFormats();
    for (const locale of CATALOGUE_LOCALES) makeFormat(locale, () => '').num(42.5, 1);
    expect(numberFormats.made).toBe(0);
  });

  it('in any other locale are Intl’s', () => {
    const expected = new NumberFormat('ar-EG', {
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(1.5);
    const numberFormats = countNumberFormats();
    expect(makeFormat('ar-EG', () => '').num(1.5, 1)).toBe(expected);
    expect(numberFormats.made).toBe(1);
  });
});
