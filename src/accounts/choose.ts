import type { Config } from '../config.js';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { UNREADABLE_LOG } from './linked.js';
import { accountKeys, openToken, unreadableKeyIds } from './seal.js';

const LINK = '`/imgpile account link`';

export const BROKEN_NOTICE = `Your linked imgpile account no longer works: imgpile refused its token. Until you link it again (${LINK}), your files go to the bot's imgpile account.`;

export const UNREADABLE_NOTICE = `Your linked imgpile account could not be read by the bot: its encryption key changed since you linked it. Until you link it again (${LINK}), your files go to the bot's imgpile account.`;

/**
 * Whose imgpile account a request's files go to; `broken`: the member's own no longer works
 * (imgpile refused its token); `unreadable`: the bot's keys no longer open it.
 */
export type AccountChoice = { account: 'bot' | 'user'; broken: boolean; unreadable: boolean };

type Requester = { guildId: string | null; userId: string };

type Deps = { store: Store; config: { accounts?: Config['accounts'] }; log?: Logger };

/**
 * The member's linked record, if linking is on, and whether the configured keys open it. A
 * record no key opens would fail every file it is used for: it is treated as broken, and the
 * key problem (the operator's) is logged as an error.
 */
async function linkedRecord(deps: Deps, userId: string) {
  const keys = deps.config.accounts ? accountKeys(deps.config.accounts) : null;
  const record = keys ? await deps.store.accounts.get(userId) : null;
  if (!keys || !record || record.broken || openToken(record.sealed, userId, keys))
    return { linking: keys !== null, record, unreadable: false };
  deps.log?.error({ userId, ...unreadableKeyIds(record.sealed, keys) }, UNREADABLE_LOG);
  return { linking: true, record, unreadable: true };
}

/** Why a server that takes members' own accounts only refuses this member's request. */
async function ownOnlyRefusal(
  store: Store,
  userId: string,
  found: Awaited<ReturnType<typeof linkedRecord>>,
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
      `Your linked imgpile account could not be read by the bot (its encryption key changed since you linked it), and this server rehosts to members’ own accounts. Link it again with ${LINK}. Nothing was uploaded.`,
    );
  }
  if (found.record?.broken) {
    await store.accounts.takeNotice(userId);
    return new UserError(
      `Your linked imgpile account no longer works (imgpile refused its token), and this server rehosts to members’ own accounts. Link it again with ${LINK}. Nothing was uploaded.`,
    );
  }
  return new UserError(
    `This server rehosts to members’ own imgpile accounts: link yours with ${LINK}, then try again. Nothing was uploaded.`,
  );
}

/**
 * Decides, when a request is queued, whose imgpile account takes its files: the member's own
 * when linked, working, readable with the configured keys and allowed by the server
 * (`/imgpile settings accounts`), else the bot's; a server that asks for members' own accounts
 * refuses the request instead (UserError). `canTell`: the refusal goes to the member alone (an
 * interaction's error); a watched channel's public one never says whose account broke, and
 * leaves telling them to their next own reply.
 */
export async function chooseAccount(
  deps: Deps,
  requester: Requester,
  canTell = true,
): Promise<AccountChoice> {
  const { accounts } = await deps.store.settings.get(requester.guildId);
  if (accounts === 'bot') return { account: 'bot', broken: false, unreadable: false };
  const found = await linkedRecord(deps, requester.userId);
  if (found.record && !found.record.broken && !found.unreadable)
    return { account: 'user', broken: false, unreadable: false };
  if (accounts === 'own') throw await ownOnlyRefusal(deps.store, requester.userId, found, canTell);
  return { account: 'bot', broken: found.record?.broken ?? false, unreadable: found.unreadable };
}

/**
 * What the sender of a request queued on `choice` must be told, once: that their own account
 * broke, or can no longer be read, and files go to the bot's. Only in a reply that is theirs
 * (`canTell`: an interaction); a watched channel's public reply keeps it for their next one.
 */
export async function accountNotice(
  store: Store,
  choice: AccountChoice,
  userId: string,
  canTell: boolean,
): Promise<string | null> {
  if (!canTell) return null;
  if (choice.unreadable)
    return (await store.accounts.takeUnreadableNotice(userId)) ? UNREADABLE_NOTICE : null;
  if (!choice.broken) return null;
  return (await store.accounts.takeNotice(userId)) ? BROKEN_NOTICE : null;
}
