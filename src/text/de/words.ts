/** German words more than one area of the catalogue says. */
import type { Kind, Policy } from '../en/words.js';

/** How a member links their imgpile account (the command's name as a German member sees it). */
export const LINK_HINT = '`/imgpile konto verknüpfen`';

const POLICIES: Record<Policy, string> = {
  bot: 'Dateien landen im imgpile-Konto des Bots',
  own: `Mitglieder müssen ihr eigenes imgpile-Konto verknüpfen (${LINK_HINT})`,
  either: 'Dateien landen im eigenen imgpile-Konto, wenn eins verknüpft ist, sonst in dem des Bots',
};

export const policyMeaning = (accounts: Policy) => POLICIES[accounts];
export const policyPhrase = (accounts: Policy) => `Konten **${accounts}** (${POLICIES[accounts]})`;

/** A kind of thing imgpile keeps, with its article. */
export const KIND_THE: Record<Kind, string> = { media: 'die Datei', post: 'den Post' };
export const KIND_WORD: Record<Kind, string> = { media: 'Datei', post: 'Post' };

const VISIBILITY: Record<string, string> = {
  public: 'öffentlich',
  hidden: 'versteckt',
  private: 'privat',
};
/** An imgpile visibility (a code) as a German word; an unknown one as it is. */
export const visibilityWord = (v: string) => VISIBILITY[v] ?? v;
