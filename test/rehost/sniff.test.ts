import { describe, expect, it } from 'vitest';
import { isAllowedHost } from '../../src/rehost/download.js';
import { sniffMediaType } from '../../src/rehost/sniff.js';

const hex = (h: string) => Buffer.from(h.replace(/\s/g, ''), 'hex');
const ascii = (s: string) => Buffer.from(s, 'latin1');

describe('sniffMediaType', () => {
  it.each([
    ['image/jpeg', hex('ffd8ffe000104a464946')],
    ['image/png', hex('89504e470d0a1a0a0000000d49484452')],
    ['image/gif', ascii('GIF89a\x01\x00\x01\x00')],
    ['image/webp', Buffer.concat([ascii('RIFF'), hex('00000000'), ascii('WEBPVP8 ')])],
    ['video/x-msvideo', Buffer.concat([ascii('RIFF'), hex('00000000'), ascii('AVI LIST')])],
    ['image/bmp', Buffer.concat([ascii('BM'), Buffer.alloc(20)])],
    ['image/tiff', ascii('II*\x00\x08\x00\x00\x00')],
    ['image/avif', Buffer.concat([hex('0000001c'), ascii('ftypavif')])],
    ['image/heic', Buffer.concat([hex('00000018'), ascii('ftypheic')])],
    ['video/quicktime', Buffer.concat([hex('00000014'), ascii('ftypqt  ')])],
    ['video/mp4', Buffer.concat([hex('00000018'), ascii('ftypisom')])],
    ['video/webm', hex('1a45dfa3a3428681')],
    ['video/mpeg', hex('000001ba44000400')],
    ['video/ogg', ascii('OggS\x00\x02')],
  ])('recognises %s by its first bytes', (type, head) => {
    expect(sniffMediaType(head)).toBe(type);
  });

  it.each([
    ['an HTML page', ascii('<!doctype html><html>')],
    ['an SVG document', ascii('<?xml version="1.0"?><svg xmlns=')],
    ['a PDF', ascii('%PDF-1.7\n')],
    ['a ZIP archive', hex('504b030414000000')],
    ['an ELF binary', ascii('\x7fELF\x02\x01\x01')],
    ['nothing at all', Buffer.alloc(0)],
    ['a truncated PNG signature', hex('89504e47')],
  ])('refuses %s', (_, head) => {
    expect(sniffMediaType(head)).toBeNull();
  });
});

describe('isAllowedHost', () => {
  const hosts = ['cdn.discordapp.com', 'media.discordapp.net', '127.0.0.1:8080'];
  it.each([
    ['https://cdn.discordapp.com/attachments/1/2/a.png?ex=1', true],
    ['https://MEDIA.discordapp.net/x.png', true],
    ['http://127.0.0.1:8080/a.png', true],
    ['https://cdn.discordapp.com:8443/a.png', false],
    ['https://cdn.discordapp.com.evil.example/a.png', false],
    ['https://evil.example/cdn.discordapp.com/a.png', false],
    ['https://user:pass@cdn.discordapp.com/a.png', false],
    ['file:///etc/passwd', false],
    ['http://127.0.0.1:9999/a.png', false],
    ['not a url', false],
  ])('%s -> %s', (url, allowed) => {
    expect(isAllowedHost(url, hosts)).toBe(allowed);
  });
});
