import type { Redis } from '../../redis.js';

/** What the bot made from one watched message for one request, and its reply there. */
export type MessageCopy = {
  /** The post the bot made, and how visible it was made. */
  post: { slug: string; visibility: string; url: string } | null;
  /** The media the bot uploaded for it (not those it reused), with their attachment ids. */
  media: { slug: string; attachmentId: string; url: string }[];
  /** Who asked for them: the only one `/imgpile find` shows a hidden or private copy. */
  userId: string;
  /** The bot's reply to the message. */
  reply: { channelId: string; messageId: string };
};

/** At most this many requests remembered per message (its create, a late embed, a few more). */
const MAX_PER_MESSAGE = 8;

const RECORD = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) and redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

const TAKE = `
local all = redis.call('HVALS', KEYS[1])
redis.call('DEL', KEYS[1])
return all`;

export type MessageCopies = ReturnType<typeof createMessageCopies>;

/**
 * The copies the bot made from each watched message, by server and message (a message id from
 * another server finds nothing): what a deleted message's copies are, for the server's
 * `deleted` setting. Kept as long as upload records are (the retention), then forgotten.
 */
export function createMessageCopies(redis: Redis, prefix: string, retentionDays: number) {
  const key = (guildId: string, messageId: string) =>
    `${prefix}:msg-copies:${guildId}:${messageId}`;
  const ttl = Math.max(1, retentionDays) * 86_400;
  return {
    async record(guildId: string, messageId: string, requestId: string, copy: MessageCopy) {
      const args = [requestId, JSON.stringify(copy), MAX_PER_MESSAGE, ttl];
      await redis.eval(RECORD, 1, key(guildId, messageId), ...args);
    },
    /** The message's copies, forgotten as they are read: a delete is followed once. */
    async take(guildId: string, messageId: string): Promise<MessageCopy[]> {
      const raw = (await redis.eval(TAKE, 1, key(guildId, messageId))) as string[];
      return raw.flatMap((r) => {
        try {
          return [JSON.parse(r) as MessageCopy];
        } catch {
          return [];
        }
      });
    },
    /**
     * The message's copies, left in place (for `/imgpile find`), if it was posted in `channelId`
     * (where the bot replied to it): a message id with another channel's id, one the asker may
     * see, finds nothing.
     */
    async list(guildId: string, channelId: string, messageId: string): Promise<MessageCopy[]> {
      const raw = await redis.hvals(key(guildId, messageId));
      return raw.flatMap((r) => {
        try {
          const copy = JSON.parse(r) as MessageCopy;
          return copy.reply?.channelId === channelId ? [copy] : [];
        } catch {
          return [];
        }
      });
    },
  };
}
