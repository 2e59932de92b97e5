import { UserError } from '../errors.js';
import { ImgpileError } from '../imgpile/errors.js';
import type { Store } from '../store/index.js';

/**
 * Whether a member's own imgpile account may be used, and what they are told when it may not.
 * The one module that marks an account broken (imgpile's 401 to its token), that takes the
 * "tell them once" notices, and that names the way back (`/imgpile account link`): commands,
 * the producer and the workers ask it, each for the answer it gives.
 */

/** How a member links their imgpile account, or links it again. */
export const LINK_HINT = '`/imgpile account link`';

/** Why a member's own account cannot be used now. */
export type NotActing = 'off' | 'unlinked' | 'broken' | 'unreadable';

/** Only the linked-account records are read or written. */
type Records = Pick<Store, 'accounts'>;

/** A linked record as a call met it: whose, and the sealed token it held then. */
type Owner = { userId: string; sealed: string };

/** imgpile refused the token (401). */
export const isTokenRefused = (err: unknown): err is ImgpileError =>
  err instanceof ImgpileError && err.kind === 'unauthenticated';

/**
 * imgpile refused a linked token (401): the account is marked broken, only while it still holds
 * that token (a late 401 of an old token never breaks one linked since). `told`: the member
 * learns it in the answer at hand; otherwise their next reply of their own tells them.
 */
export async function tokenRefused(store: Records, owner: Owner, told: boolean): Promise<void> {
  await store.accounts.markBroken(owner.userId, !told, owner.sealed);
}

// In a command: the member asked to act as themselves, and reads the answer alone.

const CANNOT: Record<NotActing, (what: string) => string> = {
  off: (what) => `Linking imgpile accounts is turned off on this bot, so you cannot ${what} here.`,
  unlinked: (what) => `To ${what} as yourself, link your imgpile account first: ${LINK_HINT}.`,
  broken: (what) =>
    `imgpile refused your linked account's token, so you cannot ${what} until you link it again: ${LINK_HINT}.`,
  unreadable: (what) =>
    `Your linked imgpile account could not be read, so you cannot ${what}: link it again with ${LINK_HINT}.`,
};

export const TOKEN_REFUSED = `imgpile refused your linked account's token, so it is marked broken. Link it again with ${LINK_HINT}.`;

/**
 * Why the member cannot `what` (completing "you cannot …") as themselves, as a command answers
 * it; a broken account is being said now, so not again in a later reply.
 */
export async function cannotAct(
  store: Records,
  userId: string,
  why: NotActing,
  what: string,
): Promise<UserError> {
  if (why === 'broken') await store.accounts.takeNotice(userId);
  return new UserError(CANNOT[why](what));
}

/** A 401 met by a command acting as the member: they are told now, and not again later. */
export async function refusedInCommand(store: Records, owner: Owner): Promise<UserError> {
  await tokenRefused(store, owner, true);
  return new UserError(TOKEN_REFUSED);
}

/** `/imgpile account status`: why a linked account is not used, on a line of its own, or ''. */
export async function statusNote(
  store: Records,
  userId: string,
  state: { broken: boolean; unreadable: boolean },
): Promise<string> {
  if (state.broken) {
    // Said here, so not again in a later reply.
    await store.accounts.takeNotice(userId);
    return `\n⚠️ imgpile refused its token, so it is not used: your files go to the bot's account where a server allows it. Link it again with ${LINK_HINT}.`;
  }
  if (state.unreadable)
    return `\n⚠️ The bot can no longer read its token (its encryption key changed), so it is not used: your files go to the bot's account where a server allows it. Link it again with ${LINK_HINT}.`;
  return '';
}

// In a job: the reason a file or post of the member's is refused, in the reply it goes to.

const UNUSABLE: Record<NotActing, string> = {
  off: 'linking imgpile accounts was turned off on this bot before this file was sent',
  unlinked: 'your imgpile account was unlinked before this file was sent',
  broken: `imgpile refused your linked account's token; link it again with ${LINK_HINT}`,
  unreadable: `your linked imgpile account could not be read (the bot's encryption key changed); link it again with ${LINK_HINT}`,
};

/** Said in a reply that is not the member's own (a watched channel's): they are told later. */
const BROKEN_PUBLIC = "imgpile refused the linked account's token";
const UNREADABLE_PUBLIC = "the sender's linked imgpile account could not be used";

/** Why nothing is sent for a member whose account cannot be used, in the reply it goes to. */
export const unusableReason = (why: NotActing, ownReply: boolean) =>
  why === 'unreadable' && !ownReply ? UNREADABLE_PUBLIC : UNUSABLE[why];

/**
 * A 401 met by a job acting as the member: the reason its file or post is refused. In a reply
 * of their own they are told there (and not again later); in a watched channel's public reply
 * the reason is plain, and their next own reply tells them.
 */
export async function refusedInJob(
  store: Records,
  owner: Owner,
  ownReply: boolean,
): Promise<string> {
  if (!ownReply) return BROKEN_PUBLIC;
  await tokenRefused(store, owner, true);
  return UNUSABLE.broken;
}

// When a request is queued: whose account takes its files (see choose.ts).

export const BROKEN_NOTICE = `Your linked imgpile account no longer works: imgpile refused its token. Until you link it again (${LINK_HINT}), your files go to the bot's imgpile account.`;

export const UNREADABLE_NOTICE = `Your linked imgpile account could not be read by the bot: its encryption key changed since you linked it. Until you link it again (${LINK_HINT}), your files go to the bot's imgpile account.`;

/** What choose.ts found of the member's linked account. */
export type LinkedState = {
  /** Linking is on (ACCOUNT_ENCRYPTION_KEY set). */
  linking: boolean;
  record: { broken: boolean } | null;
  /** The configured keys do not open the record. */
  unreadable: boolean;
};

/** Why a server that takes members' own accounts only refuses this member's request. */
export async function ownOnlyRefusal(
  store: Records,
  userId: string,
  found: LinkedState,
  canTell: boolean,
): Promise<UserError> {
  if (!found.linking)
    return new UserError(
      'This server rehosts to members’ own imgpile accounts, but linking accounts is turned off on this bot. Nothing was uploaded; a server admin can change `/imgpile settings accounts`.',
    );
  const unusable = found.record?.broken || found.unreadable;
  if (unusable && !canTell)
    return new UserError(
      'This server rehosts to members’ own imgpile accounts, and the sender’s could not be used. Nothing was uploaded.',
    );
  if (found.unreadable) {
    await store.accounts.takeUnreadableNotice(userId);
    return new UserError(
      `Your linked imgpile account could not be read by the bot (its encryption key changed since you linked it), and this server rehosts to members’ own accounts. Link it again with ${LINK_HINT}. Nothing was uploaded.`,
    );
  }
  if (found.record?.broken) {
    await store.accounts.takeNotice(userId);
    return new UserError(
      `Your linked imgpile account no longer works (imgpile refused its token), and this server rehosts to members’ own accounts. Link it again with ${LINK_HINT}. Nothing was uploaded.`,
    );
  }
  return new UserError(
    `This server rehosts to members’ own imgpile accounts: link yours with ${LINK_HINT}, then try again. Nothing was uploaded.`,
  );
}

/**
 * What the sender of a request queued on `choice` must be told, once: that their own account
 * broke, or can no longer be read, and files go to the bot's. Only in a reply that is theirs
 * (`canTell`: an interaction); a watched channel's public reply keeps it for their next one.
 */
export async function accountNotice(
  store: Records,
  choice: { broken: boolean; unreadable: boolean },
  userId: string,
  canTell: boolean,
): Promise<string | null> {
  if (!canTell) return null;
  if (choice.unreadable)
    return (await store.accounts.takeUnreadableNotice(userId)) ? UNREADABLE_NOTICE : null;
  if (!choice.broken) return null;
  return (await store.accounts.takeNotice(userId)) ? BROKEN_NOTICE : null;
}
