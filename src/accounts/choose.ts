import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/index.js';
import { UNREADABLE_LOG } from './linked.js';
import { accountKeys, openToken, unreadableKeyIds } from './seal.js';
import { ownOnlyRefusal, type LinkedState } from './standing.js';

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
async function linkedRecord(deps: Deps, userId: string): Promise<LinkedState> {
  const keys = deps.config.accounts ? accountKeys(deps.config.accounts) : null;
  const record = keys ? await deps.store.accounts.get(userId) : null;
  if (!keys || !record || record.broken || openToken(record.sealed, userId, keys))
    return { linking: keys !== null, record, unreadable: false };
  deps.log?.error({ userId, ...unreadableKeyIds(record.sealed, keys) }, UNREADABLE_LOG);
  return { linking: true, record, unreadable: true };
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
