/** Japanese words more than one area of the catalogue says. */
import type { Kind, Policy } from '../en/words.js';

/** How a member links their imgpile account (the command as a Japanese member sees it). */
export const LINK_HINT = '`/imgpile アカウント 連携`';

const POLICIES: Record<Policy, string> = {
  bot: 'ファイルはボットの imgpile アカウントに保存されます',
  own: `メンバーは自分の imgpile アカウントを連携する必要があります（${LINK_HINT}）`,
  either:
    'ファイルは連携済みならメンバー自身の imgpile アカウントに、なければボットのアカウントに保存されます',
};

export const policyMeaning = (accounts: Policy) => POLICIES[accounts];
export const policyPhrase = (accounts: Policy) =>
  `アカウント **${accounts}**（${POLICIES[accounts]}）`;

/** A kind of thing imgpile keeps. */
export const KIND_WORD: Record<Kind, string> = { media: 'ファイル', post: '投稿' };

const VISIBILITY: Record<string, string> = {
  public: '公開',
  hidden: '限定公開',
  private: '非公開',
};
/** An imgpile visibility (a code) as a Japanese word; an unknown one as it is. */
export const visibilityWord = (v: string) => VISIBILITY[v] ?? v;
