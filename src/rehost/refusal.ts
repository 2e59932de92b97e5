import type { ImgpileFailureCode } from '../imgpile/errors.js';

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

/** A file (or post) that will not be made, with a reason written for the user. */
export type Refusal = { code: RefusalCode; reason: string };

/**
 * Thrown when a file will never rehost, whatever the retry: its message is written for the
 * user. Nothing of the file was sent to imgpile.
 */
export class RehostRefusal extends Error {
  override name = 'RehostRefusal';
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }

  get refusal(): Refusal {
    return { code: this.code, reason: this.message };
  }
}

export const NOT_MEDIA_REASON = 'this file type is not accepted (only images and videos are)';

export const RETRIES_EXHAUSTED: Refusal = {
  code: 'retries_exhausted',
  reason:
    'could not be rehosted after several attempts (imgpile or Discord was unreachable); try again later',
};

/** Not fetched: the sender's refusals today used up their budget while it waited its turn. */
export const REFUSALS_SPENT: Refusal = {
  code: 'refusals_spent',
  reason: 'not fetched: too many of your files were refused today (it resets at midnight UTC)',
};

/** A link whose site still failed on the download's last attempt (5xx, resets, timeouts). */
export const SITE_UNREACHABLE: Refusal = {
  code: 'download_failed',
  reason: "the link's site could not be reached after several attempts",
};

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
