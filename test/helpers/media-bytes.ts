import { createHash } from 'node:crypto';

/** The first bytes of real formats, so content sniffing sees a real image or video. */
export const MAGIC = {
  png: Buffer.from('89504e470d0a1a0a0000000d494844520000008000000060', 'hex'), // 128x96
  jpeg: Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  gif: Buffer.from('474946383961400030', 'hex'),
  mp4: Buffer.from('00000018667479706d703432', 'hex'), // ftypmp42
  html: Buffer.from('<!doctype html><html><body>not an image</body></html>'),
};

/** A deterministic file: the given header, then filler bytes, `size` bytes in all. */
export function fileBytes(size: number, head: Buffer = MAGIC.png, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x & 0xff;
  }
  head.copy(out, 0, 0, Math.min(head.length, size));
  return out;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * `size` bytes generated chunk by chunk, never held whole: for large-file tests and benches.
 * Chunks are views of one fixed pattern, so the source itself allocates nothing per chunk and a
 * memory figure measures the consumer, not the generator. The same (size, head) always gives
 * the same bytes; `sha256()` of them is available once the stream is consumed.
 */
export function generatedStream(size: number, head: Buffer = MAGIC.png, chunkSize = 64 * 1024) {
  const hash = createHash('sha256');
  const pattern = fileBytes(chunkSize, Buffer.alloc(0), 7);
  let digest: string | null = null;
  async function* chunks(): AsyncGenerator<Buffer> {
    let sent = 0;
    while (sent < size) {
      const n = Math.min(chunkSize, size - sent);
      let chunk = pattern.subarray(0, n);
      if (sent === 0) {
        chunk = Buffer.from(chunk);
        head.copy(chunk, 0, 0, Math.min(head.length, n));
      }
      hash.update(chunk);
      sent += n;
      yield chunk;
    }
    digest = hash.digest('hex');
  }
  return {
    stream: chunks(),
    sha256: () => {
      if (digest === null) throw new Error('stream not fully consumed');
      return digest;
    },
  };
}

export async function* once(bytes: Buffer): AsyncGenerator<Buffer> {
  yield bytes;
}
