import type { Redis } from '../../redis.js';

export type BackfillOrder = 'newest' | 'oldest';
export type BackfillStatus = 'running' | 'paused' | 'stopped' | 'done' | 'failed';

/** One channel's backfill: what was asked, where it stands, and what it found. */
export type Backfill = {
  guildId: string;
  channelId: string;
  order: BackfillOrder;
  /** Back to (newest first) or from (oldest first) this message id; null: the whole history. */
  since: string | null;
  /** The last message read; null before the first page. */
  cursor: string | null;
  status: BackfillStatus;
  /** Files found, queued for rehosting, skipped (already rehosted, or refused). */
  found: number;
  queued: number;
  skipped: number;
  pages: number;
  /** While paused for a daily quota: when it resets (ms epoch). */
  pausedUntil: number | null;
  /** When it last went on after such a pause (ms epoch), said in its progress message. */
  resumedAt: number | null;
  startedBy: string;
  startedAt: number;
  /** The bot's progress message in the channel, once posted. */
  messageId: string | null;
  /** The server's language, for the progress message. */
  locale: string;
  /** An age-restricted channel: its files are adult content. */
  nsfw: boolean;
};

/** Finished backfills are kept a week for the record (and `backfill` again starts afresh). */
const KEEP_S = 7 * 86_400;
type Counts = 'found' | 'queued' | 'skipped' | 'pages';

function decode(raw: Record<string, string>): Backfill | null {
  if (!raw.guildId || !raw.channelId) return null;
  const num = (k: string) => Number(raw[k] ?? 0) || 0;
  return {
    guildId: raw.guildId,
    channelId: raw.channelId,
    order: raw.order === 'oldest' ? 'oldest' : 'newest',
    since: raw.since || null,
    cursor: raw.cursor || null,
    status: (raw.status ?? 'running') as BackfillStatus,
    found: num('found'),
    queued: num('queued'),
    skipped: num('skipped'),
    pages: num('pages'),
    pausedUntil: raw.pausedUntil ? Number(raw.pausedUntil) : null,
    resumedAt: raw.resumedAt ? Number(raw.resumedAt) : null,
    startedBy: raw.startedBy ?? '',
    startedAt: num('startedAt'),
    messageId: raw.messageId || null,
    locale: raw.locale ?? 'en-US',
    nsfw: raw.nsfw === 'true',
  };
}

/** Starts only when no backfill of the channel is running or paused. */
const START = `
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'running' or status == 'paused' then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1`;

/** Moves the backfill on only while it is running or paused (a stop is never overwritten). */
const UPDATE = `
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'running' and status ~= 'paused' then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1`;

export type Backfills = ReturnType<typeof createBackfills>;

/** Each channel's backfill (`/imgpile watch backfill`): its cursor and counts, in one hash. */
export function createBackfills(redis: Redis, prefix: string) {
  const key = (channelId: string) => `${prefix}:backfill:${channelId}`;
  const flat = (fields: Partial<Backfill>) =>
    Object.entries(fields).flatMap(([k, v]) => [k, v === null ? '' : String(v)]);
  return {
    async get(channelId: string): Promise<Backfill | null> {
      return decode(await redis.hgetall(key(channelId)));
    },
    /** Records a new backfill; false when one is already under way there. */
    async start(b: Omit<Backfill, Counts | 'cursor' | 'status' | 'pausedUntil' | 'resumedAt'>) {
      const fields = flat({
        ...b,
        ...{ found: 0, queued: 0, skipped: 0, pages: 0 },
        ...{ cursor: null, status: 'running', pausedUntil: null, resumedAt: null },
      });
      return (await redis.eval(START, 1, key(b.channelId), KEEP_S, ...fields)) === 1;
    },
    /** Saves where it stands; false once it was stopped (or ended) meanwhile. */
    async update(channelId: string, fields: Partial<Backfill>) {
      return (await redis.eval(UPDATE, 1, key(channelId), KEEP_S, ...flat(fields))) === 1;
    },
    /** Stops it; the backfill as it was, or null when none was running or paused. */
    async stop(channelId: string): Promise<Backfill | null> {
      const before = await this.get(channelId);
      if (!before || !(await this.update(channelId, { status: 'stopped' }))) return null;
      return before;
    },
    /** Ends it for good (done or failed), whatever it was. */
    async end(channelId: string, status: 'done' | 'failed' | 'stopped') {
      await redis.hset(key(channelId), 'status', status);
    },
  };
}
