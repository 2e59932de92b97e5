/** English words more than one area of the catalogue says. */

/** How a member links their imgpile account, or links it again. */
export const LINK_HINT = '`/imgpile account link`';

const POLICIES = {
  bot: "files go to the bot's imgpile account",
  own: `members must link their own imgpile account (${LINK_HINT})`,
  either: "files go to a member's own imgpile account when linked, else to the bot's",
} as const;

/** A server's account policy: whose imgpile account members' files go to. */
export type Policy = keyof typeof POLICIES;

/** What a policy means, as a clause. */
export const policyMeaning = (accounts: Policy) => POLICIES[accounts];

/** The server's account policy in a phrase: `accounts **either** (...)`. */
export const policyPhrase = (accounts: Policy) =>
  `accounts **${accounts}** (${POLICIES[accounts]})`;

/** What a user calls each kind of thing imgpile keeps. */
export const KIND_WORD = { media: 'file', post: 'post' } as const;
export type Kind = keyof typeof KIND_WORD;
