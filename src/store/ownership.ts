import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../redis.js';
import { dayBuckets } from './days.js';

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

/** Stored compactly (one short line per file adds up over months of retention). */
function encode(o: OwnerRecord): string {
  const at = Math.floor(Date.parse(o.createdAt) / 1000);
  return [o.userId, o.guildId ?? '', o.channelId, o.requestId, at, o.attachmentId ?? ''].join(' ');
}

function decode(raw: string | null): OwnerRecord | null {
  if (raw === null) return null;
  const [userId = '', guildId, channelId = '', requestId = '', at, attachmentId] = raw.split(' ');
  return {
    userId,
    ...(attachmentId ? { attachmentId } : {}),
    guildId: guildId || null,
    channelId,
    requestId,
    createdAt: new Date(Number(at) * 1000).toISOString(),
  };
}

export type Ownership = ReturnType<typeof createOwnership>;

/**
 * Who created each imgpile media and post through the bot, kept for the retention period in
 * day buckets: after it, the bot no longer knows who may manage them.
 */
export function createOwnership(redis: Redis, prefix: string, retentionDays: number) {
  const media = dayBuckets(redis, `${prefix}:owners:media`, retentionDays);
  const posts = dayBuckets(redis, `${prefix}:owners:post`, retentionDays);
  return {
    getMediaOwner: async (slug: string) => decode(await media.read(slug)),
    getPostOwner: async (slug: string) => decode(await posts.read(slug)),
    /** Adds the media owner write to a transaction another record family is writing. */
    recordMediaOwner(tx: ChainableCommander, slug: string, owner: OwnerRecord) {
      return media.write(tx, slug, encode(owner));
    },
    /** Adds the post owner write to a transaction (the post record is written with it). */
    recordPostOwner(tx: ChainableCommander, slug: string, owner: OwnerRecord) {
      return posts.write(tx, slug, encode(owner));
    },
    forgetMediaOwner(tx: ChainableCommander, slug: string) {
      return media.remove(tx, slug);
    },
    async forgetPost(slug: string) {
      await posts.remove(redis.multi(), slug).exec();
    },
  };
}
