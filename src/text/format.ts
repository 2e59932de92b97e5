/**
 * A message inside another's values, as the catalogue can name it without naming itself (a
 * `Say`, loosely typed: the catalogue's own type cannot refer to its keys).
 */
export type Said = { key: string; params?: unknown };

/**
 * A count's forms by the locale's plural rules (`Intl.PluralRules`); `=0` and `=1` win for those
 * exact numbers (where one item is said apart, not as a grammatical singular). `#` is the number.
 */
export type Forms = { other: string; '=0'?: string; '=1'?: string } & Partial<
  Record<Intl.LDMLPluralRule, string>
>;

/** What a message may ask of its locale: numbers, counts, Discord's times, another message. */
export type Format = {
  readonly locale: string;
  /** A number as the locale writes it, without grouping; `digits`: exactly that many decimals. */
  num(n: number, digits?: number): string;
  /** The form of `forms` that `n` takes, its `#` replaced by the number. */
  count(n: number, forms: Forms): string;
  /** Discord's own relative time (`<t:…:R>`): each reader's client writes it in their language. */
  relative(at: Date | number): string;
  /** A message that a lower layer returned, in the same locale. */
  say(message: Said): string;
};

/**
 * The decimal separator of each catalogue's locale. These write numbers without grouping in
 * ASCII digits, so the separator is all that tells them apart, and `num` writes them itself:
 * ICU's number formatting pages in about 4 MB of the binary's ICU data on its first use (the
 * first progress line after a start, issue 18). Any other locale goes through Intl.
 */
const DECIMAL_SEPARATORS: Readonly<Record<string, string>> = {
  en: '.',
  ja: '.',
  de: ',',
  fr: ',',
  'es-ES': ',',
  'pt-BR': ',',
};

/**
 * `n` as `Intl.NumberFormat` writes it without grouping where `separator` separates decimals:
 * `minDigits` to `maxDigits` decimals, rounded half away from zero from the shortest decimal that
 * reads back as `n` (as ICU rounds: 1.15 to one decimal is 1.2, though the double is below it).
 */
export function plainNumber(n: number, separator: string, minDigits: number, maxDigits: number) {
  if (Number.isNaN(n)) return 'NaN';
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  if (!Number.isFinite(n)) return `${sign}∞`;
  const [mantissa, exponent] = Math.abs(n).toExponential().split('e') as [string, string];
  let digits = mantissa.replace('.', '');
  let point = Number(exponent) + 1; // digits before the decimal point
  if (point < 1) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  digits = digits.padEnd(point, '0');
  let whole = digits.slice(0, point);
  let decimals = digits.slice(point);
  if (decimals.length > maxDigits) {
    const up = decimals[maxDigits]! >= '5';
    decimals = decimals.slice(0, maxDigits);
    if (up) {
      const width = whole.length + decimals.length;
      const sum = (BigInt(whole + decimals) + 1n).toString().padStart(width, '0');
      whole = sum.slice(0, sum.length - decimals.length);
      decimals = sum.slice(sum.length - decimals.length);
    }
  }
  decimals = decimals.replace(/0+$/, '').padEnd(minDigits, '0');
  whole = whole.replace(/^0+(?=\d)/, '');
  return sign + whole + (decimals ? separator + decimals : '');
}

/** The formats of `locale`; `say` renders nested messages in the same locale. */
export function makeFormat(locale: string, say: (message: Said) => string): Format {
  const plurals = new Intl.PluralRules(locale);
  const separator = DECIMAL_SEPARATORS[locale];
  const numbers = new Map<number | undefined, Intl.NumberFormat>();
  const numberFormat = (digits: number | undefined) => {
    let nf = numbers.get(digits);
    if (!nf) {
      nf = new Intl.NumberFormat(locale, {
        useGrouping: false,
        ...(digits === undefined
          ? { maximumFractionDigits: 20 }
          : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
      });
      numbers.set(digits, nf);
    }
    return nf;
  };
  const num = (n: number, digits?: number) =>
    separator === undefined
      ? numberFormat(digits).format(n)
      : plainNumber(n, separator, digits ?? 0, digits ?? 20);
  return {
    locale,
    num,
    count(n, forms) {
      const exact = n === 0 ? forms['=0'] : n === 1 ? forms['=1'] : undefined;
      const form = exact ?? forms[plurals.select(n)] ?? forms.other;
      return form.replace(/#/g, num(n));
    },
    relative: (at) => `<t:${Math.floor((typeof at === 'number' ? at : at.getTime()) / 1000)}:R>`,
    say,
  };
}
