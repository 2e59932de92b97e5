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
    ['image/bmp', hex('424d460000000000000036000000 28000000 0400000004000000 01001800')],
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

describe('sniffMediaType: real headers, not magic letters', () => {
  /** A BMP file header and a DIB header of `dibSize` bytes (BITMAPINFOHEADER is 40). */
  function bmp(dibSize: number, fileSize = 200, dataOffset = 14 + dibSize): Buffer {
    const b = Buffer.alloc(32);
    b.write('BM', 0, 'latin1');
    b.writeUInt32LE(fileSize, 2);
    b.writeUInt32LE(0, 6); // reserved
    b.writeUInt32LE(dataOffset, 10);
    b.writeUInt32LE(dibSize, 14);
    if (dibSize === 12) {
      // BITMAPCOREHEADER: 16-bit width and height, then planes and bits per pixel.
      b.writeUInt16LE(4, 18);
      b.writeUInt16LE(4, 20);
      b.writeUInt16LE(1, 22);
      b.writeUInt16LE(24, 24);
      return b;
    }
    b.writeInt32LE(4, 18); // width
    b.writeInt32LE(4, 22); // height
    b.writeUInt16LE(1, 26); // planes
    b.writeUInt16LE(24, 28); // bits per pixel
    return b;
  }
  const ftyp = (brand: string, compatible = 'isom') =>
    Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from(`ftyp${brand}`, 'latin1'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from(compatible, 'latin1'),
    ]);

  it('takes BMPs whose headers are BMP headers', () => {
    for (const dib of [12, 40, 56, 108, 124]) expect(sniffMediaType(bmp(dib))).toBe('image/bmp');
  });

  it('refuses "BM" followed by anything else (a text file that starts with BM)', () => {
    expect(sniffMediaType(Buffer.from('BMW owners club: meeting notes for June\n'))).toBeNull();
    expect(sniffMediaType(bmp(41))).toBeNull(); // no such DIB header
    expect(sniffMediaType(bmp(40, 70, 3))).toBeNull(); // pixels inside the header
    const reserved = bmp(40);
    reserved.writeUInt32LE(7, 6);
    expect(sniffMediaType(reserved)).toBeNull();
  });

  it('takes the ISO-BMFF brands of the video and image types imgpile takes', () => {
    for (const brand of ['isom', 'iso2', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash'])
      expect(sniffMediaType(ftyp(brand))).toBe('video/mp4');
    expect(sniffMediaType(ftyp('qt  '))).toBe('video/quicktime');
    expect(sniffMediaType(ftyp('3gp5'))).toBe('video/3gpp');
    expect(sniffMediaType(ftyp('avif'))).toBe('image/avif');
    expect(sniffMediaType(ftyp('heic'))).toBe('image/heic');
  });

  it('refuses other ISO-BMFF files: audio, documents, anything with an unknown brand', () => {
    for (const brand of ['M4A ', 'M4B ', 'crx ', 'jp2 ', 'zzzz', 'pdf ']) {
      expect(sniffMediaType(ftyp(brand, brand))).toBeNull();
    }
  });
});
