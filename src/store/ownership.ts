import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../redis.js';
import { getJson } from './json.js';

/** Who asked for an imgpile media or post through the bot: the basis of ownership checks. */
export type OwnerRecord = {
  userId: string;
  /** For media: the Discord attachment it came from. */
  attachmentId?: string;
  guildId: string | null;
  channelId: string;
  requestId: string;
  createdAt: string;
};

/** The owner record of something made for `requestId` on behalf of `requester`, made now. */
export function ownerRecord(
  requestId: string,
  requester: { userId: string; guildId: string | null; channelId: string },
  attachmentId?: string,
): OwnerRecord {
  return {
    userId: requester.userId,
    ...(attachmentId ? { attachmentId } : {}),
    guildId: requester.guildId,
    channelId: requester.channelId,
    requestId,
    createdAt: new Date().toISOString(),
  };
}

export type Ownership = ReturnType<typeof createOwnership>;

/** Who created each imgpile media and post through the bot (owner:media:*, owner:post:*). */
export function createOwnership(redis: Redis, prefix: string) {
  const key = {
    media: (slug: string) => `${prefix}:owner:media:${slug}`,
    post: (slug: string) => `${prefix}:owner:post:${slug}`,
  };
  return {
    getMediaOwner: (slug: string) => getJson<OwnerRecord>(redis, key.media(slug)),
    getPostOwner: (slug: string) => getJson<OwnerRecord>(redis, key.post(slug)),
    /** Adds the media owner write to a transaction another record family is writing. */
    recordMediaOwner(tx: ChainableCommander, slug: string, owner: OwnerRecord) {
      return tx.set(key.media(slug), JSON.stringify(owner));
    },
    async recordPostOwner(slug: string, owner: OwnerRecord) {
      await redis.set(key.post(slug), JSON.stringify(owner));
    },
    forgetMediaOwner(tx: ChainableCommander, slug: string) {
      return tx.del(key.media(slug));
    },
    async forgetPost(slug: string) {
      await redis.del(key.post(slug));
    },
  };
}
