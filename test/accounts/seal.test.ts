import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyId, openToken, sealToken } from '../../src/accounts/seal.js';
import { OTHER_USER, USER } from '../helpers/cast.js';

const TOKEN = '7|a-linked-imgpile-token';
const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('sealed tokens (AES-256-GCM)', () => {
  it('opens what it sealed; a random IV makes every seal different; the token is not in it', () => {
    const keys = { current: keyA, previous: null };
    const one = sealToken(TOKEN, USER, keys);
    const two = sealToken(TOKEN, USER, keys);
    expect(one).not.toBe(two);
    expect(one.split('.')).toHaveLength(4);
    expect(one.split('.')[1]).toBe(keyId(keyA));
    expect(one).not.toContain(TOKEN);
    expect(Buffer.from(one.split('.')[3]!, 'base64url').toString('latin1')).not.toContain('linked');
    expect(openToken(one, USER, keys)).toEqual({ token: TOKEN, stale: false });
  });

  it('fails closed: any changed byte, another user, another key, a cut or unknown format', () => {
    const keys = { current: keyA, previous: null };
    const sealed = sealToken(TOKEN, USER, keys);
    const [v, kid, iv, body] = sealed.split('.') as [string, string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i]! ^= 1;
      expect(
        openToken([v, kid, iv, changed.toString('base64url')].join('.'), USER, keys),
      ).toBeNull();
    }
    const ivBytes = Buffer.from(iv, 'base64url');
    ivBytes[0]! ^= 1;
    expect(
      openToken([v, kid, ivBytes.toString('base64url'), body].join('.'), USER, keys),
    ).toBeNull();
    expect(openToken(sealed, OTHER_USER, keys)).toBeNull();
    expect(openToken(sealed, USER, { current: keyB, previous: null })).toBeNull();
    expect(openToken(sealed.slice(0, -4), USER, keys)).toBeNull();
    expect(openToken(`v2.${kid}.${iv}.${body}`, USER, keys)).toBeNull();
    expect(openToken(TOKEN, USER, keys)).toBeNull();
  });

  it('rotation: the previous key still opens a record, which is then marked stale', () => {
    const old = sealToken(TOKEN, USER, { current: keyA, previous: null });
    expect(openToken(old, USER, { current: keyB, previous: keyA })).toEqual({
      token: TOKEN,
      stale: true,
    });
    // Once the previous key is dropped, records it sealed no longer open.
    expect(openToken(old, USER, { current: keyB, previous: null })).toBeNull();
  });
});
