/** French words more than one area of the catalogue says. */
import type { Kind, Policy } from '../en/words.js';

/** How a member links their imgpile account (the command as a French member sees it). */
export const LINK_HINT = '`/imgpile compte lier`';

const POLICIES: Record<Policy, string> = {
  bot: 'les fichiers vont sur le compte imgpile du bot',
  own: `chaque membre doit lier son propre compte imgpile (${LINK_HINT})`,
  either: 'les fichiers vont sur le compte imgpile du membre s’il est lié, sinon sur celui du bot',
};

export const policyMeaning = (accounts: Policy) => POLICIES[accounts];
export const policyPhrase = (accounts: Policy) => `comptes **${accounts}** (${POLICIES[accounts]})`;

/** A kind of thing imgpile keeps: "le fichier", "le post". */
export const KIND_THE: Record<Kind, string> = { media: 'le fichier', post: 'le post' };
export const KIND_WORD: Record<Kind, string> = { media: 'fichier', post: 'post' };

const VISIBILITY: Record<string, string> = { public: 'public', hidden: 'masqué', private: 'privé' };
/** An imgpile visibility (a code) as a French word; an unknown one as it is. */
export const visibilityWord = (v: string) => VISIBILITY[v] ?? v;
