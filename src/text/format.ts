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

/** The formats of `locale`; `say` renders nested messages in the same locale. */
export function makeFormat(locale: string, say: (message: Said) => string): Format {
  const plurals = new Intl.PluralRules(locale);
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
  const num = (n: number, digits?: number) => numberFormat(digits).format(n);
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
