import type { Redis } from '../redis.js';

/** How finished rehosts are shown: a gallery of the files, or plain links. */
export type ReplyStyle = 'gallery' | 'plain';
/** Whose imgpile account members' files go to: the bot's, their own linked one, or either. */
export type AccountPolicy = 'bot' | 'own' | 'either';

/** What becomes of the copies of a watched message deleted on Discord. */
export type DeletedPolicy = 'keep' | 'hide' | 'delete';

export type ServerSettings = { replies: ReplyStyle; accounts: AccountPolicy };

export const DEFAULT_SETTINGS: ServerSettings = { replies: 'gallery', accounts: 'either' };

/** By default a deleted message's copies stay: deleting is each server's choice. */
export const DEFAULT_DELETED: DeletedPolicy = 'keep';

const REPLY_STYLES: readonly string[] = ['gallery', 'plain'];
const ACCOUNT_POLICIES: readonly string[] = ['bot', 'own', 'either'];
const DELETED_POLICIES: readonly string[] = ['keep', 'hide', 'delete'];

/** Each server's settings, one Redis hash per server; unset fields take the defaults. */
export function createSettings(redis: Redis, prefix: string) {
  const key = (guildId: string) => `${prefix}:settings:${guildId}`;
  return {
    /** A server's settings; outside a server (DMs, user installs), the defaults. */
    async get(guildId: string | null): Promise<ServerSettings> {
      if (!guildId) return DEFAULT_SETTINGS;
      const raw = await redis.hgetall(key(guildId));
      return {
        replies: REPLY_STYLES.includes(raw.replies ?? '')
          ? (raw.replies as ReplyStyle)
          : DEFAULT_SETTINGS.replies,
        accounts: ACCOUNT_POLICIES.includes(raw.accounts ?? '')
          ? (raw.accounts as AccountPolicy)
          : DEFAULT_SETTINGS.accounts,
      };
    },
    /** How a watched message deleted on Discord is followed in this server. */
    async deleted(guildId: string): Promise<DeletedPolicy> {
      const raw = await redis.hget(key(guildId), 'deleted');
      return raw && DELETED_POLICIES.includes(raw) ? (raw as DeletedPolicy) : DEFAULT_DELETED;
    },
    async setDeleted(guildId: string, policy: DeletedPolicy): Promise<void> {
      await redis.hset(key(guildId), 'deleted', policy);
    },
    async set(guildId: string, changes: Partial<ServerSettings>): Promise<ServerSettings> {
      const fields = Object.entries(changes).filter(([, v]) => v !== undefined);
      if (fields.length > 0) await redis.hset(key(guildId), Object.fromEntries(fields));
      return this.get(guildId);
    },
  };
}
