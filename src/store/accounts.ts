import type { Redis } from '../redis.js';

/** A Discord user's linked imgpile account, as kept: the token only ever sealed. */
export type AccountRecord = {
  /** The token, sealed (see accounts/seal.ts): never the token itself. */
  sealed: string;
  /** The imgpile username given when linking, corrected from imgpile's own answers. */
  username: string;
  /** imgpile answered 401 to the token: it is not used until linked again. */
  broken: boolean;
  linkedAt: Date;
};

/**
 * Marks a record broken, and whether the user still has to be told; nothing if unlinked, or if
 * ARGV[2] (the sealed token that met the 401) is given and the record holds another one now.
 */
const MARK_BROKEN = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[2] ~= '' and redis.call('HGET', KEYS[1], 't') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'b', '1')
if ARGV[1] == '1' then redis.call('HSET', KEYS[1], 'w', '1') else redis.call('HDEL', KEYS[1], 'w') end
return 1
`;

/** Notes, once, that the user was told their record cannot be opened; 1 when it is news. */
const TELL_UNREADABLE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[1], 'u', '1')
`;

/** Replaces the sealed token only if it is still the one that was read (a re-seal). */
const RESEAL = `
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 't', ARGV[2])
return 1
`;

/** Sets the username only while the record still holds the token it was learned with. */
const SET_USERNAME = `
if redis.call('HGET', KEYS[1], 't') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'n', ARGV[2])
return 1
`;

export type Accounts = ReturnType<typeof createAccountRecords>;

/**
 * Linked imgpile accounts, one small hash per Discord user (`t` sealed token, `n` username,
 * `a` linked at, `b` broken, `w` the user has yet to be told it broke, `u` the user was told
 * the bot's keys no longer open it). The only module that
 * knows these keys.
 */
export function createAccountRecords(redis: Redis, prefix: string) {
  const key = (userId: string) => `${prefix}:account:${userId}`;
  return {
    async get(userId: string): Promise<AccountRecord | null> {
      const raw = await redis.hgetall(key(userId));
      if (!raw.t || !raw.n) return null;
      return {
        sealed: raw.t,
        username: raw.n,
        broken: raw.b === '1',
        linkedAt: new Date(Number(raw.a ?? 0) * 1000),
      };
    },
    /** Links (or links again): a fresh record, not broken. */
    async save(userId: string, sealed: string, username: string): Promise<void> {
      const at = Math.floor(Date.now() / 1000);
      await redis
        .multi()
        .del(key(userId))
        .hset(key(userId), { t: sealed, n: username, a: at })
        .exec();
    },
    /** Forgets the account at once. Returns whether one was linked. */
    async remove(userId: string): Promise<boolean> {
      return (await redis.del(key(userId))) === 1;
    },
    /**
     * imgpile refused the token; `tell`: the user has not been told yet. `sealed`: the token
     * that was refused, so that a late 401 of an old token never breaks one linked since.
     */
    async markBroken(userId: string, tell: boolean, sealed?: string): Promise<void> {
      await redis.eval(MARK_BROKEN, 1, key(userId), tell ? '1' : '0', sealed ?? '');
    },
    /** True once after the account broke: the caller tells the user now. */
    async takeNotice(userId: string): Promise<boolean> {
      return (await redis.hdel(key(userId), 'w')) === 1;
    },
    /** True once per linked record the bot's keys cannot open: the caller tells the user now. */
    async takeUnreadableNotice(userId: string): Promise<boolean> {
      return Number(await redis.eval(TELL_UNREADABLE, 1, key(userId))) === 1;
    },
    async reseal(userId: string, from: string, to: string): Promise<boolean> {
      return Number(await redis.eval(RESEAL, 1, key(userId), from, to)) === 1;
    },
    async setUsername(userId: string, sealed: string, username: string): Promise<void> {
      await redis.eval(SET_USERNAME, 1, key(userId), sealed, username);
    },
    /** Every linked user id, a batch at a time (for re-sealing after a key rotation). */
    async *userIds(): AsyncGenerator<string[]> {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', key('*'), 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) yield keys.map((k) => k.slice(key('').length));
      } while (cursor !== '0');
    },
  };
}
