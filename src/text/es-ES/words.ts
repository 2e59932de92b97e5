/** Spanish words more than one area of the catalogue says. */
import type { Kind, Policy } from '../en/words.js';

/** How a member links their imgpile account (the command as a Spanish member sees it). */
export const LINK_HINT = '`/imgpile cuenta vincular`';

const POLICIES: Record<Policy, string> = {
  bot: 'los archivos van a la cuenta de imgpile del bot',
  own: `cada miembro debe vincular su propia cuenta de imgpile (${LINK_HINT})`,
  either:
    'los archivos van a la cuenta de imgpile del miembro si la ha vinculado; si no, a la del bot',
};

export const policyMeaning = (accounts: Policy) => POLICIES[accounts];
export const policyPhrase = (accounts: Policy) => `cuentas **${accounts}** (${POLICIES[accounts]})`;

/** A kind of thing imgpile keeps: "el archivo", "la publicación". */
export const KIND_THE: Record<Kind, string> = { media: 'el archivo', post: 'la publicación' };

const VISIBILITY: Record<string, string> = {
  public: 'pública',
  hidden: 'oculta',
  private: 'privada',
};
/** An imgpile visibility (a code) as a Spanish word; an unknown one as it is. */
export const visibilityWord = (v: string) => VISIBILITY[v] ?? v;
