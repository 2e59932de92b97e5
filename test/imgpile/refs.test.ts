import { describe, expect, it } from 'vitest';
import { readImgpileRef, type RefOrigins } from '../../src/imgpile/refs.js';

const origins: RefOrigins = { site: 'https://imgpile.com', cdn: 'https://cdn.imgpile.com' };
const read = (input: string) => readImgpileRef(input, origins);
const ok = (input: string) => {
  const r = read(input);
  if (!r.ok) throw new Error(`refused ${input}: ${r.code}`);
  return r.ref;
};
const code = (input: string) => {
  const r = read(input);
  return r.ok ? null : r.code;
};

describe('the bot’s own links, read back where a command takes a slug', () => {
  it('a bare slug names either a post or a media', () => {
    expect(ok('abc1234')).toEqual({ kind: 'either', slug: 'abc1234' });
    expect(ok('  abc1234 ')).toEqual({ kind: 'either', slug: 'abc1234' });
  });

  it('a post page names a post; a private one keeps its key', () => {
    expect(ok('https://imgpile.com/p/xyz789A')).toEqual({ kind: 'post', slug: 'xyz789A' });
    expect(ok('https://imgpile.com/p/xyz789A/')).toEqual({ kind: 'post', slug: 'xyz789A' });
    expect(ok('https://imgpile.com/p/xyz789A?key=ab12cd34ef')).toEqual({
      kind: 'post',
      slug: 'xyz789A',
      key: 'ab12cd34ef',
    });
    expect(ok('https://imgpile.com/p/xyz789A?utm=x&key=ab12#top')).toMatchObject({ key: 'ab12' });
    expect(ok('imgpile.com/p/xyz789A')).toEqual({ kind: 'post', slug: 'xyz789A' });
    expect(ok('HTTPS://IMGPILE.COM/p/xyz789A')).toEqual({ kind: 'post', slug: 'xyz789A' });
  });

  it('a CDN file names its media, at every size the API document lists', () => {
    for (const name of [
      'abc1234.jpg',
      'abc1234_xs.jpg',
      'abc1234_sm.webp',
      'abc1234_md.webp',
      'abc1234_lg.png',
      'abc1234_xl.gif',
      'abc1234_thumb.jpg',
    ])
      expect(ok(`https://cdn.imgpile.com/f/${name}`)).toEqual({ kind: 'media', slug: 'abc1234' });
  });

  it('refuses other hosts, look-alikes and other schemes', () => {
    expect(code('https://evil.example/p/abc1234')).toBe('other_host');
    expect(code('https://imgpile.com.evil.example/p/abc1234')).toBe('other_host');
    expect(code('https://imgpile.com./p/abc1234')).toBe('other_host');
    expect(code('https://evil.example\\@imgpile.com/p/abc1234')).toBe('other_host');
    expect(code('javascript:alert(1)')).toBe('other_host');
    expect(code('ftp://imgpile.com/p/abc1234')).toBe('other_host');
    expect(code('https://imgpile.com:8443/p/abc1234')).toBe('other_host');
    expect(code('https://user:pw@imgpile.com/p/abc1234')).toBe('credentials');
  });

  it('refuses paths that resolve elsewhere or name nothing the bot hands out', () => {
    expect(code('https://imgpile.com/x/../p/abc1234')).toBe('bad_path');
    expect(code('https://imgpile.com/p/./abc1234')).toBe('bad_path');
    expect(code('https://imgpile.com/p/%2e%2e')).toBe('bad_path');
    expect(code('https://imgpile.com\\p\\abc1234')).toBe('bad_path');
    expect(code('https://imgpile.com/p/abc1234/comments')).toBe('bad_path');
    expect(code('https://imgpile.com/api/v1/users')).toBe('bad_path');
    expect(code('https://cdn.imgpile.com/p/abc1234')).toBe('bad_path');
    expect(code('https://imgpile.com/f/abc1234.jpg')).toBe('bad_path');
    expect(code('https://cdn.imgpile.com/f/abc1234_huge.jpg')).toBe('bad_path');
    expect(code('https://imgpile.com/p/abc1234?key=a&key=b')).toBe('bad_key');
    expect(code('https://imgpile.com/p/abc1234?key=../x')).toBe('bad_key');
  });

  it('refuses what is too long, not printable ASCII, or no slug', () => {
    expect(code(`https://imgpile.com/p/abc1234?key=${'a'.repeat(200)}`)).toBe('too_long');
    expect(code('a'.repeat(201))).toBe('too_long');
    expect(code('аbc1234')).toBe('not_ascii'); // a Cyrillic а
    expect(code('abc\u200b1234')).toBe('not_ascii');
    expect(code('https://ｉｍｇｐｉｌｅ.com/p/abc1234')).toBe('not_ascii');
    expect(code('abc 1234')).toBe('not_ascii');
    expect(code('..')).toBe('not_a_slug');
    expect(code('')).toBe('not_a_slug');
    expect(code('abc!234')).toBe('not_a_slug');
    expect(code('not a url/at all')).toBe('not_ascii');
    expect(code('evil/p/abc1234')).toBe('not_a_link');
  });
});
