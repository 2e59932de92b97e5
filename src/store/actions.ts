import { randomBytes } from 'node:crypto';
import type { Redis } from '../redis.js';
import { getJson } from './json.js';

/** What a reply's Delete button deletes, and whose it is. */
export type DeleteAction = {
  userId: string;
  guildId: string | null;
  /** The post the request made (not one it found made before). */
  post: string | null;
  /** The files the request uploaded itself (reused ones belong to earlier requests). */
  media: { slug: string; attachmentId: string }[];
  /**
   * 'user': made with the member's own linked imgpile account, so deleted with it (imgpile
   * decides), and never the bot's records of the same attachment.
   */
  account?: 'user';
};

/**
 * The actions behind a reply's buttons, by a short id that fits a custom id; kept as long as the
 * records of what they act on.
 */
export function createReplyActions(redis: Redis, prefix: string, retentionDays: number) {
  const key = (id: string) => `${prefix}:action:${id}`;
  return {
    async saveDelete(action: DeleteAction): Promise<string> {
      const id = randomBytes(9).toString('base64url');
      await redis.set(key(id), JSON.stringify(action), 'EX', retentionDays * 86_400);
      return id;
    },
    getDelete: (id: string) => getJson<DeleteAction>(redis, key(id)),
    async forget(id: string) {
      await redis.del(key(id));
    },
  };
}
