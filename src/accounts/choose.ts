import type { Config } from '../config.js';
import { UserError } from '../errors.js';
import type { Store } from '../store/index.js';

const LINK = '`/imgpile account link`';

export const BROKEN_NOTICE = `Your linked imgpile account no longer works: imgpile refused its token. Until you link it again (${LINK}), your files go to the bot's imgpile account.`;

/** Whose imgpile account a request's files go to; `broken`: the member's own no longer works. */
export type AccountChoice = { account: 'bot' | 'user'; broken: boolean };

type Requester = { guildId: string | null; userId: string };

/**
 * Decides, when a request is queued, whose imgpile account takes its files: the member's own
 * when linked, working and allowed by the server (`/imgpile settings accounts`), else the bot's;
 * a server that asks for members' own accounts refuses the request instead (UserError).
 * `canTell`: the refusal goes to the member alone (an interaction's error); a watched channel's
 * public one never says whose account broke, and leaves telling them to their next own reply.
 */
export async function chooseAccount(
  deps: { store: Store; config: { accounts?: Config['accounts'] } },
  requester: Requester,
  canTell = true,
): Promise<AccountChoice> {
  const { accounts } = await deps.store.settings.get(requester.guildId);
  if (accounts === 'bot') return { account: 'bot', broken: false };
  const linking = !!deps.config.accounts?.key && !deps.config.accounts.problem;
  const record = linking ? await deps.store.accounts.get(requester.userId) : null;
  if (record && !record.broken) return { account: 'user', broken: false };
  if (accounts === 'own') {
    if (!linking)
      throw new UserError(
        'This server rehosts to members’ own imgpile accounts, but linking accounts is turned off on this bot. Nothing was uploaded; a server admin can change `/imgpile settings accounts`.',
      );
    if (record?.broken && !canTell)
      throw new UserError(
        'This server rehosts to members’ own imgpile accounts, and the sender’s could not be used. Nothing was uploaded.',
      );
    if (record?.broken) {
      await deps.store.accounts.takeNotice(requester.userId);
      throw new UserError(
        `Your linked imgpile account no longer works (imgpile refused its token), and this server rehosts to members’ own accounts. Link it again with ${LINK}. Nothing was uploaded.`,
      );
    }
    throw new UserError(
      `This server rehosts to members’ own imgpile accounts: link yours with ${LINK}, then try again. Nothing was uploaded.`,
    );
  }
  return { account: 'bot', broken: record?.broken ?? false };
}

/**
 * What the sender of a request queued on `choice` must be told, once: that their own account
 * broke and files go to the bot's. Only in a reply that is theirs (`canTell`: an interaction);
 * a watched channel's public reply keeps it for their next one.
 */
export async function accountNotice(
  store: Store,
  choice: AccountChoice,
  userId: string,
  canTell: boolean,
): Promise<string | null> {
  if (!choice.broken || !canTell) return null;
  return (await store.accounts.takeNotice(userId)) ? BROKEN_NOTICE : null;
}
