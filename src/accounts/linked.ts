import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import type { ImgpileClient } from '../imgpile/client.js';
import { limiterFeedback } from '../limits/feedback.js';
import { createLinkTries } from '../limits/link-tries.js';
import { createRateLimiter, type RateLimiter } from '../limits/rate-limiter.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis.js';
import type { Store } from '../store/index.js';
import { accountKeys, openToken, sealToken, unreadableKeyIds, type AccountKeys } from './seal.js';
import { tokenRefused, type NotActing } from './standing.js';

/** Acting as a member's own imgpile account: its client and its own request budget. */
export type Acting = {
  userId: string;
  username: string;
  /**
   * Names the imgpile account in the bot's own records (a hash of its token): the username is
   * what the member typed, and anyone may type anyone's, so records never key on it.
   */
  account: string;
  client: ImgpileClient;
  /** imgpile limits each token apart: this account's budget, never the bot's. */
  limiter: RateLimiter;
  /** The record's sealed token, to update the record only while it still holds this token. */
  sealed: string;
};

export type LinkedAccounts = ReturnType<typeof createLinkedAccounts>;

type Deps = {
  store: Store;
  redis: Redis;
  config: Pick<Config, 'accounts' | 'rateLimit' | 'redisPrefix'>;
  /** The bot's client: linked accounts act over its connection pool, with their own token. */
  imgpile: ImgpileClient;
  publicLimiter: RateLimiter;
  log: Logger;
};

/** A token's stable name in records: 64 bits of its SHA-256, never the token. */
const accountTag = (token: string) =>
  createHash('sha256').update(`imgpile-account:${token}`).digest('hex').slice(0, 16);

/** imgpile's request budget of `token` (only its hash reaches Redis). */
function budgetOf(deps: Deps, token: string) {
  return createRateLimiter({
    redis: deps.redis,
    prefix: deps.config.redisPrefix,
    windowMs: deps.config.rateLimit.windowMs,
    limit: deps.config.rateLimit.requestsPerMinute,
    token,
  });
}

/** The operator's problem, said at error level: members' accounts are unusable until it is solved. */
export const UNREADABLE_LOG =
  'a linked imgpile token could not be opened with ACCOUNT_ENCRYPTION_KEY (or ACCOUNT_ENCRYPTION_KEY_PREVIOUS): was the key changed without keeping the old one as ACCOUNT_ENCRYPTION_KEY_PREVIOUS? The member is told to link again';

/**
 * Members' own imgpile accounts: linking (the token sealed at rest), and acting as one. The token
 * is opened only here, at the moment of use, and lives on only in the closure of the client made
 * for it. Each token gets its own request budget, fed by its own responses: one member's 429
 * never holds back the bot or anyone else. A 401 marks the account broken.
 */
export function createLinkedAccounts(deps: Deps) {
  const { store, log } = deps;
  const keys = accountKeys(deps.config.accounts);
  const limiterFor = (token: string) => budgetOf(deps, token);

  /**
   * A client for `token` over the shared pool; `owner`: a 401 marks that account broken, while
   * it still holds this token (`sealed`).
   */
  function clientFor(token: string, owner: { userId: string; sealed: string } | null) {
    const limiter = limiterFor(token);
    const feedback = limiterFeedback({ authenticated: limiter, public: deps.publicLimiter }, log);
    const client = deps.imgpile.withToken(token, {
      onResponse(info) {
        feedback(info);
        if (owner === null || info.status !== 401 || !info.authenticated) return;
        const { userId } = owner;
        log.warn({ userId }, 'imgpile refused a linked token; the account is marked broken');
        tokenRefused(store, owner, false).catch((err: unknown) =>
          log.warn({ err, userId }, 'could not mark an account broken'),
        );
      },
    });
    return { client, limiter, account: accountTag(token) };
  }

  async function actAs(userId: string): Promise<Acting | NotActing> {
    if (!keys) return 'off';
    const record = await store.accounts.get(userId);
    if (!record) return 'unlinked';
    if (record.broken) return 'broken';
    const opened = openToken(record.sealed, userId, keys);
    if (!opened) {
      log.error({ userId, ...unreadableKeyIds(record.sealed, keys) }, UNREADABLE_LOG);
      return 'unreadable';
    }
    let sealed = record.sealed;
    if (opened.stale) {
      // Sealed with the previous key: sealed again with the current one as it is used.
      const fresh = sealToken(opened.token, userId, keys);
      if (await store.accounts.reseal(userId, record.sealed, fresh)) sealed = fresh;
    }
    const owner = { userId, sealed };
    return { ...owner, username: record.username, ...clientFor(opened.token, owner) };
  }

  return {
    /** Linking works: ACCOUNT_ENCRYPTION_KEY is set and well formed. */
    enabled: keys !== null,
    /** Why linking is off (for the log), never a key. */
    problem: deps.config.accounts.problem,
    actAs,
    /** Whether the configured keys open `userId`'s sealed token (never opened for longer). */
    opens: (userId: string, sealed: string) =>
      keys !== null && openToken(sealed, userId, keys) !== null,
    /** A client for a token being linked: its 401 breaks nothing already linked. */
    trial: (token: string) => clientFor(token, null),
    /** A member's tries at linking: a few, so that nobody guesses tokens through the bot. */
    linkTries: (userId: string) => createLinkTries(deps.redis, deps.config.redisPrefix, userId),
    /** Stores `token`, sealed, as `userId`'s account (replacing any other). */
    async save(userId: string, token: string, username: string): Promise<void> {
      if (!keys) throw new Error('account linking is off');
      await store.accounts.save(userId, sealToken(token, userId, keys), username);
    },
    /** imgpile named the account otherwise (an upload's `media.user`): the record follows. */
    async learnUsername(acting: Acting, username: string): Promise<void> {
      if (username === acting.username) return;
      await store.accounts.setUsername(acting.userId, acting.sealed, username);
    },
    /** Seals every record with the current key (after a rotation): see `resealAccounts`. */
    resealAll: () => resealAccounts(store, keys),
  };
}

/**
 * Seals every record with the current key (after a rotation); returns how many were sealed
 * again and how many could be opened by neither key.
 */
async function resealAccounts(store: Store, keys: AccountKeys | null) {
  let resealed = 0;
  let unreadable = 0;
  if (!keys) return { resealed, unreadable };
  for await (const ids of store.accounts.userIds()) {
    for (const userId of ids) {
      const record = await store.accounts.get(userId);
      const opened = record ? openToken(record.sealed, userId, keys) : null;
      if (record && !opened) unreadable += 1;
      if (!record || !opened?.stale) continue;
      const fresh = sealToken(opened.token, userId, keys);
      if (await store.accounts.reseal(userId, record.sealed, fresh)) resealed += 1;
    }
  }
  return { resealed, unreadable };
}
