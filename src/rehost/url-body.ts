import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DownloadError } from './download.js';
import { say } from '../text/index.js';
import { RehostRefusal } from './refusal.js';
import { SNIFF_BYTES } from './sniff.js';

/** How a body is read: its chunks, and how a failure while reading becomes an error. */
export type BodyReader = {
  iterator: AsyncIterator<Buffer>;
  /** A read failure as the pipeline sees it: DownloadError, or the caller's abort as it is. */
  failure: (err: unknown) => unknown;
};

async function nextChunk(reader: BodyReader): Promise<IteratorResult<Buffer>> {
  try {
    return await reader.iterator.next();
  } catch (err) {
    throw reader.failure(err);
  }
}

/** The first chunks, at least SNIFF_BYTES of them when the body has that many. */
export async function readHead(reader: BodyReader): Promise<Buffer[]> {
  const head: Buffer[] = [];
  let bytes = 0;
  while (bytes < SNIFF_BYTES) {
    const next = await nextChunk(reader);
    if (next.done) break;
    head.push(next.value);
    bytes += next.value.byteLength;
  }
  return head;
}

/**
 * The whole body in one pass, as attachments stream it: the sniffed head, then the rest,
 * counting bytes for `onBytes` and stopping at the first byte over the announced size (a
 * RehostRefusal) or short of it (a DownloadError). `release` runs once the pass is over.
 */
export async function* guardedBody(
  head: Buffer[],
  reader: BodyReader,
  size: number,
  onBytes: ((bytes: number) => void) | undefined,
  release: () => void,
): AsyncGenerator<Uint8Array> {
  let seen = 0;
  const check = (chunk: Buffer) => {
    seen += chunk.byteLength;
    if (seen > size) {
      throw new RehostRefusal('too_large', say('refusal.largerThanAnnounced'));
    }
    onBytes?.(seen);
  };
  try {
    for (const chunk of head) {
      check(chunk);
      yield chunk;
    }
    for (;;) {
      const next = await nextChunk(reader);
      if (next.done) break;
      check(next.value);
      yield next.value;
    }
    if (seen !== size) throw new DownloadError(`download ended after ${seen} of ${size} bytes`);
  } finally {
    release();
  }
}

/** A body of unknown length, written out whole so that its exact size is known. */
export type SpooledBody = { size: number; reader: BodyReader; release: () => void };

/**
 * Writes the head and the rest of a body without a Content-Length to a temporary file, up to
 * `maxBytes` (the first byte over it refuses the file), then reads it back. The file is
 * unlinked as soon as it is open, so nothing is left on disk whatever happens to the process;
 * `release` closes it (and removes it, where the platform could not unlink an open file).
 */
export async function spoolBody(
  head: Buffer[],
  reader: BodyReader,
  maxBytes: number,
  tooLarge: () => RehostRefusal,
): Promise<SpooledBody> {
  const dir = await mkdtemp(join(tmpdir(), 'imgpile-url-'));
  const handle = await open(join(dir, 'body'), 'w+', 0o600);
  await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  const release = () => {
    handle.close().catch(() => undefined);
    rm(dir, { recursive: true, force: true }).catch(() => undefined);
  };
  try {
    let size = 0;
    const write = async (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      await handle.write(chunk);
    };
    for (const chunk of head) await write(chunk);
    for (let next = await nextChunk(reader); !next.done; next = await nextChunk(reader)) {
      await write(next.value);
    }
    const file = handle.createReadStream({ start: 0, autoClose: false });
    const iterator = (file as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const failure = (err: unknown) =>
      new DownloadError(`reading the spooled download failed: ${(err as Error).message}`, {
        cause: err,
      });
    const releaseAll = () => {
      file.destroy();
      release();
    };
    return { size, reader: { iterator, failure }, release: releaseAll };
  } catch (err) {
    release();
    throw err;
  }
}
