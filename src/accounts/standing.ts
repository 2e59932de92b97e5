import { UserError } from '../errors.js';
import { ImgpileError } from '../imgpile/errors.js';
import type { Store } from '../store/index.js';
import { say, type Key, type Say } from '../text/index.js';
import type { Act } from '../text/en/accounts.js';

/**
 * Whether a member's own imgpile account may be used, and what they are told when it may not
 * (as messages of the catalogue, which name the way back: `/imgpile account link`). The one
 * module that marks an account broken (imgpile's 401 to its token) and that takes the "tell
 * them once" notices: commands, the producer and the workers ask it, each for the answer it
 * gives.
 */

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

const CANNOT = {
  off: 'act.off',
  unlinked: 'act.unlinked',
  broken: 'act.broken',
  unreadable: 'act.unreadable',
} as const satisfies Record<NotActing, Key>;

/**
 * Why the member cannot `act` as themselves, as a command answers it; a broken account is being
 * said now, so not again in a later reply.
 */
export async function cannotAct(
  store: Records,
  userId: string,
  why: NotActing,
  act: Act,
): Promise<UserError> {
  if (why === 'broken') await store.accounts.takeNotice(userId);
  return new UserError(say(CANNOT[why], { act }));
}

/** A 401 met by a command acting as the member: they are told now, and not again later. */
export async function refusedInCommand(store: Records, owner: Owner): Promise<UserError> {
  await tokenRefused(store, owner, true);
  return new UserError(say('account.tokenRefused'));
}

/** `/imgpile account status`: why a linked account is not used, or null. */
export async function statusNote(
  store: Records,
  userId: string,
  state: { broken: boolean; unreadable: boolean },
): Promise<Say | null> {
  if (state.broken) {
    // Said here, so not again in a later reply.
    await store.accounts.takeNotice(userId);
    return say('account.statusBroken');
  }
  if (state.unreadable) return say('account.statusUnreadable');
  return null;
}

// In a job: the reason a file or post of the member's is refused, in the reply it goes to.

const UNUSABLE = {
  off: 'refusal.accountOff',
  unlinked: 'refusal.accountUnlinked',
  broken: 'refusal.accountBroken',
  unreadable: 'refusal.accountUnreadable',
} as const satisfies Record<NotActing, Key>;

/** Why nothing is sent for a member whose account cannot be used, in the reply it goes to. */
export const unusableReason = (why: NotActing, ownReply: boolean): Say =>
  say(why === 'unreadable' && !ownReply ? 'refusal.senderAccountUnusable' : UNUSABLE[why]);

/**
 * A 401 met by a job acting as the member: the reason its file or post is refused. In a reply
 * of their own they are told there (and not again later); in a watched channel's public reply
 * the reason is plain, and their next own reply tells them.
 */
export async function refusedInJob(store: Records, owner: Owner, ownReply: boolean): Promise<Say> {
  if (!ownReply) return say('refusal.linkedTokenRefused');
  await tokenRefused(store, owner, true);
  return say(UNUSABLE.broken);
}

// When a request is queued: whose account takes its files (see choose.ts).

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
  if (!found.linking) return new UserError(say('account.ownOnlyOff'));
  const unusable = found.record?.broken || found.unreadable;
  if (unusable && !canTell) return new UserError(say('account.ownOnlySender'));
  if (found.unreadable) {
    await store.accounts.takeUnreadableNotice(userId);
    return new UserError(say('account.ownOnlyUnreadable'));
  }
  if (found.record?.broken) {
    await store.accounts.takeNotice(userId);
    return new UserError(say('account.ownOnlyBroken'));
  }
  return new UserError(say('account.ownOnlyUnlinked'));
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
): Promise<Say | null> {
  if (!canTell) return null;
  if (choice.unreadable)
    return (await store.accounts.takeUnreadableNotice(userId))
      ? say('account.noticeUnreadable')
      : null;
  if (!choice.broken) return null;
  return (await store.accounts.takeNotice(userId)) ? say('account.noticeBroken') : null;
}
