import { describe, expect, it } from 'vitest';
import { refusalText } from '../../src/discord/views/format.js';
import { refusedRecord, refusedSay, withWords } from '../../src/rehost/refusal.js';
import { english, say } from '../../src/text/index.js';

const limits = { maxFileBytes: 10_000 };

describe('a refusal as a request keeps it', () => {
  it('keeps its code, its English for logs and the previous version, and its words', () => {
    const record = refusedRecord({ code: 'bad_url', say: say('refusal.httpsOnly') }, limits);
    expect(record).toEqual({
      code: 'bad_url',
      reason: 'only https links can be rehosted',
      say: { key: 'refusal.httpsOnly' },
    });
    expect(refusalText(record)).toBe('only https links can be rehosted');
  });

  it('leaves out words that are its code’s own, and finds them again for the reply', () => {
    const tooLarge = say('refusal.tooLarge', { limit: limits.maxFileBytes });
    const record = refusedRecord({ code: 'too_large', say: tooLarge }, limits);
    expect(record).toEqual({ code: 'too_large', reason: 'the file is larger than 10 KB' });
    expect(refusedSay(record, limits)).toEqual(tooLarge);
    expect(withWords(record, limits).say).toEqual(tooLarge);
  });

  it('shows what the previous version stored as it was, when its words are not this code’s own', () => {
    const old = {
      code: 'too_large' as const,
      reason: 'the file is larger than its announced size',
    };
    expect(refusedSay(old, limits)).toBeNull();
    expect(withWords(old, limits)).toEqual(old);
    expect(refusalText(old)).toBe('the file is larger than its announced size');
  });

  it('shows the stored English when another version’s key is not known here', () => {
    const record = { code: 'rejected' as const, reason: 'older *words*', say: { key: 'x.y' } };
    // @ts-expect-error a key this version does not have, as stored data may hold
    expect(refusedSay(record, limits)).toBeNull();
    // @ts-expect-error the same
    expect(refusalText(record)).toBe('older \\*words\\*');
  });

  it('renders imgpile’s own words inside its message, escaped', () => {
    const record = refusedRecord(
      { code: 'rejected', say: say('imgpile.rejected', { detail: 'no *bold* here' }) },
      limits,
    );
    expect(record.reason).toBe('imgpile refused this: no *bold* here');
    expect(refusalText(record, english)).toBe('imgpile refused this\\: no \\*bold\\* here');
  });
});
