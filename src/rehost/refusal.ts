import type { ImgpileFailureCode } from '../imgpile/errors.js';
import { english, isSay, say, type Say } from '../text/index.js';

/** Why a file was not rehosted, as a stable code for logs, metrics and tests. */
export type RefusalCode =
  | 'host_not_allowed'
  | 'too_large'
  | 'empty'
  | 'not_media'
  | 'expired'
  | 'download_failed'
  | 'retries_exhausted'
  | 'bad_url'
  | 'address_not_allowed'
  | 'too_many_redirects'
  | 'too_slow'
  | 'refusals_spent'
  /** Uploaded, then deleted with a post that could not be made as private as asked. */
  | 'withdrawn'
  | 'dns_timeout'
  | ImgpileFailureCode;

/** A file (or post) that will not be made: its code, and what the reader is told. */
export type Refusal = { code: RefusalCode; say: Say };

/**
 * Thrown when a file will never rehost, whatever the retry. `message` is the English, for logs.
 * Nothing of the file was sent to imgpile.
 */
export class RehostRefusal extends Error {
  override name = 'RehostRefusal';
  constructor(
    readonly code: RefusalCode,
    readonly say: Say,
  ) {
    super(english.say(say));
  }

  get refusal(): Refusal {
    return { code: this.code, say: this.say };
  }
}

export const RETRIES_EXHAUSTED: Refusal = {
  code: 'retries_exhausted',
  say: say('refusal.retriesExhausted'),
};

/** Not fetched: the sender's refusals today used up their budget while it waited its turn. */
export const REFUSALS_SPENT: Refusal = {
  code: 'refusals_spent',
  say: say('refusal.refusalsSpent'),
};

/** A link whose site still failed on the download's last attempt (5xx, resets, timeouts). */
export const SITE_UNREACHABLE: Refusal = {
  code: 'download_failed',
  say: say('refusal.siteUnreachable'),
};

/** The bot's own limits, which a code's own words name without a record keeping them. */
export type RefusalLimits = { maxFileBytes: number };

/** The words a code says when its record names none (`RefusedRecord.say` left out). */
function ownWords(code: RefusalCode, limits: RefusalLimits): Say | null {
  switch (code) {
    case 'too_large':
      return say('refusal.tooLarge', { limit: limits.maxFileBytes });
    case 'empty':
      return say('refusal.empty');
    case 'not_media':
      return say('refusal.notMedia');
    default:
      return null;
  }
}

/**
 * A refusal as a request's records keep it: its code, the English (`reason`: for logs, metrics,
 * and the previous version, which read nothing else), and its words for any reader (`say`),
 * left out when they are its code's own.
 */
export type RefusedRecord = { code: RefusalCode; reason: string; say?: Say };

export function refusedRecord(refusal: Refusal, limits: RefusalLimits): RefusedRecord {
  const reason = english.say(refusal.say);
  const own = ownWords(refusal.code, limits);
  if (own && english.say(own) === reason) return { code: refusal.code, reason };
  return { code: refusal.code, reason, say: refusal.say };
}

/**
 * What a stored refusal says to its reader: its `say`; its code's own words when `reason` is
 * their English; otherwise nothing but `reason`, as the version that stored it wrote it (the
 * caller shows it as it is).
 */
export function refusedSay(record: RefusedRecord, limits: RefusalLimits): Say | null {
  if (isSay(record.say)) return record.say;
  const own = ownWords(record.code, limits);
  return own && english.say(own) === record.reason ? own : null;
}

/** `record` with the words it says (see `refusedSay`), ready for any reader's reply. */
export function withWords<T extends RefusedRecord>(record: T, limits: RefusalLimits): T {
  const words = refusedSay(record, limits);
  if (!words) return record;
  // Not `{ ...record, say: words }`: T spread with a `Say` (one member per catalogue key) is a
  // union TypeScript gives up on once the catalogue is large.
  const copy: T = { ...record };
  (copy as RefusedRecord).say = words;
  return copy;
}

/**
 * Refusals that come from what the sender sent (not from imgpile being unreachable or the
 * bot's setup): each one spends the sender's daily refusal budget.
 */
export const SENDER_REFUSALS: ReadonlySet<RefusalCode> = new Set<RefusalCode>([
  'not_media',
  'too_large',
  'empty',
  'banned',
  'rejected',
  'bad_url',
  'address_not_allowed',
  'too_many_redirects',
  // A link whose site trickles: retrying would hold a worker for as long again.
  'too_slow',
  // A link whose name server never answers: the same.
  'dns_timeout',
]);

/**
 * Whether a refusal spends the sender's daily refusal budget: what they sent, and any link that
 * failed to download (no such host, a 4xx, a bad certificate, a site down for every attempt):
 * they chose the site, and each try of it costs the bot a fetch. A Discord attachment that
 * fails is Discord's doing, not theirs.
 */
export function spendsRefusalBudget(code: RefusalCode, source: string | undefined): boolean {
  return SENDER_REFUSALS.has(code) || (source === 'url' && code === 'download_failed');
}
