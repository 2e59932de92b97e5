import type { Redis } from '../../redis.js';

/** How long a message's media are remembered: Discord adds embeds within seconds, edits later. */
const SEEN_TTL_S = 3 * 86_400;
/** At most this many media remembered per message (a message edited over and over). */
const SEEN_MAX = 50;

/**
 * Adds each id to the message's set; returns those that were not in it. Past SEEN_MAX nothing
 * more is claimed (nothing rehosted), so one message cannot grow its record without bound.
 */
const CLAIM = `
local fresh = {}
for i = 2, #ARGV do
  if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[1]) then break end
  if redis.call('SADD', KEYS[1], ARGV[i]) == 1 then table.insert(fresh, ARGV[i]) end
end
if #fresh > 0 then redis.call('EXPIRE', KEYS[1], ${SEEN_TTL_S}) end
return fresh`;

export type MessageMedia = ReturnType<typeof createMessageMedia>;

/**
 * The media of each watched message the bot has taken on (attachment ids, link ids): a
 * MESSAGE_UPDATE that brings media is rehosted only for what is new, once, whichever process
 * sees the create or the update first.
 */
export function createMessageMedia(redis: Redis, prefix: string) {
  const key = (messageId: string) => `${prefix}:msg-media:${messageId}`;
  return {
    /** Takes `ids` for the message; returns those no one took before (atomically). */
    async claim(messageId: string, ids: string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const fresh = (await redis.eval(CLAIM, 1, key(messageId), SEEN_MAX, ...ids)) as string[];
      return new Set(fresh);
    },
  };
}
