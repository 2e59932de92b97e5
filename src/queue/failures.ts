import type { ImgpileError } from '../imgpile/index.js';

/**
 * A failure that may pass: the job is retried with backoff. Its message is safe to show a user;
 * the cause (logged) holds the detail.
 */
export class RetryableRehostError extends Error {
  override name = 'RetryableRehostError';
}

/** A failure that no retry will mend, with a reason written for the user. */
export type PermanentFailure = { code: string; reason: string };

/** What a user should read when imgpile refuses a file or a post for good, or null if retryable. */
export function permanentImgpileFailure(err: ImgpileError): PermanentFailure | null {
  switch (err.kind) {
    case 'banned':
      return { code: 'banned', reason: 'imgpile refused this file (it matches a banned file)' };
    case 'validation': {
      const detail = Object.values(err.fieldErrors).flat()[0] ?? err.message;
      if (/type/i.test(detail))
        return { code: 'not_media', reason: 'this file type is not accepted by imgpile' };
      if (/greater than|too large|size/i.test(detail))
        return { code: 'too_large', reason: 'the file is too large for imgpile' };
      return { code: 'rejected', reason: `imgpile refused this file: ${detail.slice(0, 200)}` };
    }
    case 'unauthenticated':
      return {
        code: 'imgpile_auth',
        reason: "imgpile refused the bot's token; a server admin needs to check the bot's setup",
      };
    case 'forbidden':
      return { code: 'forbidden', reason: 'imgpile did not allow this action' };
    case 'not_found':
      return { code: 'not_found', reason: 'imgpile could not find what this refers to' };
    case 'bad_request':
    case 'unexpected_status':
    case 'invalid_response':
    case 'invalid_input':
      return { code: 'imgpile_error', reason: 'imgpile gave an unexpected answer' };
    default:
      return null; // rate_limited, server, network, timeout, aborted
  }
}

export const GENERIC_RETRY_EXHAUSTED =
  'could not be rehosted after several attempts (imgpile or Discord was unreachable); try again later';
