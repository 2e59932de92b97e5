/** Brazilian Portuguese words more than one area of the catalogue says. */
import type { Kind, Policy } from '../en/words.js';

/** How a member links their imgpile account (the command as a Brazilian member sees it). */
export const LINK_HINT = '`/imgpile conta vincular`';

const POLICIES: Record<Policy, string> = {
  bot: 'os arquivos vão para a conta do imgpile do bot',
  own: `cada membro precisa vincular a própria conta do imgpile (${LINK_HINT})`,
  either: 'os arquivos vão para a conta do imgpile do membro, se vinculada; senão, para a do bot',
};

export const policyMeaning = (accounts: Policy) => POLICIES[accounts];
export const policyPhrase = (accounts: Policy) => `contas **${accounts}** (${POLICIES[accounts]})`;

/** A kind of thing imgpile keeps: "o arquivo", "o post". */
export const KIND_THE: Record<Kind, string> = { media: 'o arquivo', post: 'o post' };

const VISIBILITY: Record<string, string> = {
  public: 'público',
  hidden: 'oculto',
  private: 'privado',
};
/** An imgpile visibility (a code) as a Portuguese word; an unknown one as it is. */
export const visibilityWord = (v: string) => VISIBILITY[v] ?? v;
