import type { Redis } from '../../redis.js';
import { getJson } from '../json.js';

/** A comment a member wrote through the bot: imgpile documents no list of a post's comments. */
export type CommentRecord = {
  id: number;
  slug: string;
  /** The Discord user who wrote it: the only one the bot lets delete it. */
  userId: string;
  /** Its text, cut to what a list shows. */
  content: string;
  at: number;
};

export type CommentVote = 'up' | 'down';

/** The most recent comments kept per post. */
const KEPT_PER_POST = 200;

/**
 * The comments written through the bot, per post, newest first, for `retentionS`; and each
 * member's vote on a comment as the bot cast it (imgpile toggles and says nothing of it).
 */
export function createComments(redis: Redis, prefix: string, retentionS: number) {
  const key = {
    comment: (id: number) => `${prefix}:comment:${id}`,
    post: (slug: string) => `${prefix}:post-comments:${slug}`,
    vote: (userId: string, id: number) => `${prefix}:comment-vote:${userId}:${id}`,
  };
  return {
    async record(c: CommentRecord) {
      await redis
        .multi()
        .set(key.comment(c.id), JSON.stringify(c), 'EX', retentionS)
        .zadd(key.post(c.slug), c.at, String(c.id))
        .zremrangebyrank(key.post(c.slug), 0, -KEPT_PER_POST - 1)
        .expire(key.post(c.slug), retentionS)
        .exec();
    },
    get: (id: number) => getJson<CommentRecord>(redis, key.comment(id)),
    /** One page of a post's comments, newest first, and how many there are. */
    async page(slug: string, page: number, perPage: number) {
      const start = (page - 1) * perPage;
      const [ids, total] = await Promise.all([
        redis.zrevrange(key.post(slug), start, start + perPage - 1),
        redis.zcard(key.post(slug)),
      ]);
      const raw = ids.length ? await redis.mget(ids.map((id) => key.comment(Number(id)))) : [];
      const comments = raw
        .filter((r): r is string => r !== null)
        .map((r) => JSON.parse(r) as CommentRecord);
      return { comments, total };
    },
    async forget(c: Pick<CommentRecord, 'id' | 'slug'>) {
      await redis.multi().del(key.comment(c.id)).zrem(key.post(c.slug), String(c.id)).exec();
    },
    getVote: async (userId: string, id: number) =>
      (await redis.get(key.vote(userId, id))) as CommentVote | null,
    async setVote(userId: string, id: number, vote: CommentVote | null) {
      if (vote === null) await redis.del(key.vote(userId, id));
      else await redis.set(key.vote(userId, id), vote, 'EX', retentionS);
    },
  };
}
