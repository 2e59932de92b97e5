import type { ChainableCommander } from 'ioredis';
import type { Redis } from '../redis.js';
import { dayBuckets } from './days.js';
import type { Mine } from './mine.js';

/** Who asked for an imgpile media or post through the bot: the basis of ownership checks. */
export type OwnerRecord = {
  userId: string;
  /** For media: the Discord attachment it came from. */
  attachmentId?: string;
  guildId: string | null;
  createdAt: string;
};

/**
 * The owner record of something made for a request on behalf of `requester`, made now. Only who
 * and where are kept (the request and channel are not: the record is read for permissions).
 */
export function ownerRecord(
  _requestId: string,
  requester: { userId: string; guildId: string | null },
  attachmentId?: string,
): OwnerRecord {
  return {
    userId: requester.userId,
    ...(attachmentId ? { attachmentId } : {}),
    guildId: requester.guildId,
    createdAt: new Date().toISOString(),
  };
}

/**
 * A Discord id (a 64-bit number) in base 36: 13 characters instead of 19. Any other id (a
 * link's attachment id, `u` and hex) is kept as it is behind a `~`.
 */
export const shortId = (id: string) =>
  !id ? '' : /^\d{1,20}$/.test(id) ? BigInt(id).toString(36) : `~${id}`;
export const longId = (text: string) =>
  text.startsWith('~')
    ? text.slice(1)
    : text
      ? [...text].reduce((n, c) => n * 36n + BigInt(parseInt(c, 36)), 0n).toString()
      : '';

/**
 * Stored compactly, one short line per file (it adds up over months of retention): user,
 * server, time and attachment, ids in base 36.
 */
function encode(o: OwnerRecord): string {
  const at = Math.floor(Date.parse(o.createdAt) / 1000).toString(36);
  return [shortId(o.userId), shortId(o.guildId ?? ''), at, shortId(o.attachmentId ?? '')].join(' ');
}

function decode(raw: string | null): OwnerRecord | null {
  if (raw === null) return null;
  const parts = raw.split(' ');
  if (parts.length >= 6) {
    // Written before records were shortened: decimal ids, and the channel and request too.
    const [userId = '', guildId, , , at, attachmentId] = parts;
    return record(userId, guildId, Number(at), attachmentId);
  }
  const [userId = '', guildId = '', at = '0', attachmentId = ''] = parts;
  return record(longId(userId), longId(guildId), parseInt(at, 36), longId(attachmentId));
}

function record(
  userId: string,
  guildId: string | undefined,
  at: number,
  attachmentId: string | undefined,
): OwnerRecord {
  return {
    userId,
    ...(attachmentId ? { attachmentId } : {}),
    guildId: guildId || null,
    createdAt: new Date(at * 1000).toISOString(),
  };
}

/** `https://cdn/f/abc1234.png` -> `png` */
const extOf = (url: string) => /\.([a-z0-9]{1,5})$/i.exec(url)?.[1] ?? null;

export type Ownership = ReturnType<typeof createOwnership>;

/**
 * Who created each imgpile media and post through the bot's account, kept for the retention
 * period in day buckets: after it, the bot no longer knows who may manage them. Each record is
 * written with its entry in its user's index (`/imgpile mine`), and forgotten with it.
 */
export function createOwnership(redis: Redis, prefix: string, retentionDays: number, mine: Mine) {
  const media = dayBuckets(redis, `${prefix}:owners:media`, retentionDays);
  const posts = dayBuckets(redis, `${prefix}:owners:post`, retentionDays);
  const getMediaOwner = async (slug: string) => decode(await media.read(slug));
  const getPostOwner = async (slug: string) => decode(await posts.read(slug));
  return {
    getMediaOwner,
    getPostOwner,
    /** Adds the media owner write to a transaction another record family is writing. */
    recordMediaOwner(tx: ChainableCommander, slug: string, owner: OwnerRecord, url?: string) {
      mine.add(tx, owner.userId, { kind: 'media', slug, ext: url ? extOf(url) : null });
      return media.write(tx, slug, encode(owner));
    },
    /** Adds the post owner write to a transaction (the post record is written with it). */
    recordPostOwner(tx: ChainableCommander, slug: string, owner: OwnerRecord) {
      mine.add(tx, owner.userId, { kind: 'post', slug, ext: null });
      return posts.write(tx, slug, encode(owner));
    },
    /** Forgets a media's owner record and its index entry (it was deleted from imgpile). */
    async forgetMedia(slug: string, tx: ChainableCommander = redis.multi()) {
      const owner = await getMediaOwner(slug);
      await media.remove(tx, slug).exec();
      if (owner) await mine.remove(owner.userId, 'media', slug);
    },
    async forgetPost(slug: string) {
      const owner = await getPostOwner(slug);
      await posts.remove(redis.multi(), slug).exec();
      if (owner) await mine.remove(owner.userId, 'post', slug);
    },
  };
}
