/**
 * Discord's rate limits on the bot's writes, as buckets the fake keeps: message edits in a
 * channel, 5 in any 5 seconds ("Rate Limits": per-route buckets; the per-channel message rate).
 * Beyond it Discord answers 429 with Retry-After, and counts the request as invalid.
 */
import type { ServerResponse } from 'node:http';
import { json } from '../http.js';
import type { FakeState } from '../state.js';

const EDITS = 5;
const WINDOW_MS = 5_000;

/** Takes an edit in `channelId`'s bucket; null when taken, else the seconds until one frees. */
function takeEdit(state: FakeState, channelId: string, now = Date.now()): number | null {
  const recent = (state.editBuckets.get(channelId) ?? []).filter((t) => t > now - WINDOW_MS);
  state.editBuckets.set(channelId, recent);
  if (recent.length >= EDITS) return (recent[0]! + WINDOW_MS - now) / 1000;
  recent.push(now);
  return null;
}

/** Answers 429 if this edit would pass the channel's rate; true when it did. */
export function editRateLimited(state: FakeState, res: ServerResponse, channelId: string) {
  const retryAfter = takeEdit(state, channelId);
  if (retryAfter === null) return false;
  json(
    res,
    429,
    { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
    {
      'retry-after': String(Math.ceil(retryAfter)),
      'x-ratelimit-limit': String(EDITS),
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': retryAfter.toFixed(3),
      'x-ratelimit-bucket': `channel-edits-${channelId}`,
      'x-ratelimit-scope': 'user',
    },
  );
  return true;
}
