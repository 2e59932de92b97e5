/** How many leading bytes `sniffMediaType` wants to see. */
export const SNIFF_BYTES = 32;

/** BMP DIB header sizes: CORE, INFO, V2, V3, OS/2 2, V4, V5. */
const BMP_DIB_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);

/** ISO-BMFF brands (the `ftyp` box) of the image and video types imgpile takes. */
const BRANDS: Record<string, string> = {
  avif: 'image/avif',
  avis: 'image/avif',
  ...Object.fromEntries(
    ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'].map((b) => [b, 'image/heic']),
  ),
  'qt  ': 'video/quicktime',
  ...Object.fromEntries(
    [
      'isom',
      'iso2',
      'iso3',
      'iso4',
      'iso5',
      'iso6',
      'iso7',
      'iso8',
      'iso9',
      'mp41',
      'mp42',
      'mp71',
      'avc1',
      'hvc1',
      'hev1',
      'av01',
      'dash',
      'msdh',
      'msix',
      'M4V ',
      'M4VH',
      'M4VP',
      'f4v ',
      'mmp4',
      'MSNV',
      'XAVC',
    ].map((b) => [b, 'video/mp4']),
  ),
  ...Object.fromEntries(
    ['3gp4', '3gp5', '3gp6', '3gp7', '3gs7', '3ge6', '3ge7', '3gg6'].map((b) => [b, 'video/3gpp']),
  ),
  ...Object.fromEntries(['3g2a', '3g2b', '3g2c'].map((b) => [b, 'video/3gpp2'])),
};

/** A BMP whose file header and DIB header are what a BMP's are, not just "BM". */
function isBmp(b: Buffer): boolean {
  if (b.length < 30 || b.toString('latin1', 0, 2) !== 'BM') return false;
  const fileSize = b.readUInt32LE(2);
  const dataOffset = b.readUInt32LE(10);
  const dibSize = b.readUInt32LE(14);
  // BITMAPCOREHEADER has 16-bit sizes, so its planes and bit count sit earlier.
  const planes = dibSize === 12 ? b.readUInt16LE(22) : b.readUInt16LE(26);
  const bits = dibSize === 12 ? b.readUInt16LE(24) : b.readUInt16LE(28);
  return (
    b.readUInt32LE(6) === 0 && // reserved
    BMP_DIB_SIZES.has(dibSize) &&
    dataOffset >= 14 + dibSize &&
    (fileSize === 0 || fileSize >= dataOffset) &&
    planes === 1 &&
    [1, 2, 4, 8, 16, 24, 32, 64].includes(bits)
  );
}

/** An ISO-BMFF file: its major brand, else a compatible brand, must be one imgpile takes. */
function isoBmffType(b: Buffer): string | null {
  const boxSize = b.readUInt32BE(0);
  const major = b.toString('latin1', 8, 12);
  if (major in BRANDS) return BRANDS[major]!;
  // Compatible brands follow the minor version, up to the end of the box we were given.
  const end = Math.min(b.length, boxSize >= 16 ? boxSize : 16);
  for (let at = 16; at + 4 <= end; at += 4) {
    const brand = b.toString('latin1', at, at + 4);
    if (BRANDS[brand]?.startsWith('video/')) return BRANDS[brand];
  }
  return null;
}

/**
 * The media type of a file from its first bytes, or null when it is not an image or video we
 * recognise. The name and the declared content type are never trusted: an HTML page named
 * `.png` is still HTML. SVG is refused on purpose (it is a document that can carry scripts).
 */
export function sniffMediaType(head: Uint8Array): string | null {
  const b = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  const ascii = (start: number, end: number) => b.subarray(start, end).toString('latin1');
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG)) return 'image/png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'AVI ') return 'video/x-msvideo';
  if (isBmp(b)) return 'image/bmp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'image/tiff';
  if (b.length >= 12 && ascii(4, 8) === 'ftyp') return isoBmffType(b);
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) return 'video/webm';
  if (b.length >= 4 && b.readUInt32BE(0) === 0x000001ba) return 'video/mpeg';
  if (ascii(0, 4) === 'OggS') return 'video/ogg';
  return null;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
