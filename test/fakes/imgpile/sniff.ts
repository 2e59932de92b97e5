/** What uploaded bytes really are: the declared content type is never trusted. */

export type Sniffed = { type: string; ext: string };

/** The media type of a file from its first bytes (magic numbers); null when not image/video. */
export function sniff(head: Buffer): Sniffed | null {
  const hex = head.subarray(0, 12).toString('hex');
  if (hex.startsWith('ffd8ff')) return { type: 'image/jpeg', ext: 'jpg' };
  if (hex.startsWith('89504e470d0a1a0a')) return { type: 'image/png', ext: 'png' };
  if (hex.startsWith('47494638')) return { type: 'image/gif', ext: 'gif' };
  if (hex.startsWith('52494646') && head.subarray(8, 12).toString('latin1') === 'WEBP')
    return { type: 'image/webp', ext: 'webp' };
  if (head.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = head.subarray(8, 12).toString('latin1');
    return brand === 'qt  '
      ? { type: 'video/quicktime', ext: 'mov' }
      : { type: 'video/mp4', ext: 'mp4' };
  }
  if (hex.startsWith('1a45dfa3')) return { type: 'video/webm', ext: 'webm' };
  return null;
}

/** Pixel size from the header, for the formats that carry it in their first bytes. */
export function dimensions(
  type: string,
  head: Buffer,
): { width: number | null; height: number | null } {
  if (type === 'image/png' && head.length >= 24)
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  if (type === 'image/gif' && head.length >= 10)
    return { width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
  return { width: null, height: null };
}
