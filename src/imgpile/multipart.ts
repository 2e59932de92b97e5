import { randomBytes } from 'node:crypto';

/** A field of a multipart body that is sent before the file. */
export type MultipartField = { name: string; value: string };

export type MultipartFile = {
  field: string;
  filename: string;
  contentType: string;
  /** Exact byte length of `source`: it becomes part of Content-Length. */
  size: number;
  source: AsyncIterable<Uint8Array>;
};

export class MultipartSizeError extends Error {
  override name = 'MultipartSizeError';
  constructor(
    readonly declared: number,
    readonly actual: number,
  ) {
    super(
      actual > declared
        ? `file is larger than its declared ${declared} bytes`
        : `file ended after ${actual} of its declared ${declared} bytes`,
    );
  }
}

const CRLF = '\r\n';
const CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

/**
 * Quotes a name the way the WHATWG multipart/form-data encoder does: `"`, CR and LF are
 * percent-encoded so a filename can never break out of its header.
 */
function quote(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * Encodes fields and one streamed file as multipart/form-data with an exact Content-Length.
 * Nothing but the small header and trailer is held in memory: the file's chunks pass straight
 * through, pulled only as fast as the consumer (the socket) takes them. If the source yields
 * more or fewer bytes than declared, iteration throws before the body could be mis-framed.
 */
export function encodeMultipart(
  fields: MultipartField[],
  file: MultipartFile,
  boundary = `----imgpile-bot-${randomBytes(16).toString('hex')}`,
): {
  contentType: string;
  contentLength: number;
  body: AsyncIterable<Uint8Array>;
  sourceError: () => unknown;
} {
  if (!Number.isSafeInteger(file.size) || file.size < 0) {
    throw new RangeError('file size must be a non-negative integer');
  }
  if (!CONTENT_TYPE.test(file.contentType)) {
    throw new RangeError('file content type is not a valid MIME type');
  }
  let head = '';
  for (const field of fields) {
    head += `--${boundary}${CRLF}Content-Disposition: form-data; name="${quote(field.name)}"${CRLF}${CRLF}`;
    head += `${field.value}${CRLF}`;
  }
  head +=
    `--${boundary}${CRLF}` +
    `Content-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"${CRLF}` +
    `Content-Type: ${file.contentType}${CRLF}${CRLF}`;
  const headBytes = Buffer.from(head, 'utf8');
  const tailBytes = Buffer.from(`${CRLF}--${boundary}--${CRLF}`, 'utf8');

  // An error the caller's own source raised (a download that failed, a file refused half-way)
  // is kept apart from the transport's, so that the caller gets it back as is.
  let sourceError: unknown;
  async function* body(): AsyncGenerator<Uint8Array> {
    yield headBytes;
    let sent = 0;
    const source = file.source[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = await source.next();
        } catch (err) {
          finished = true; // a source that threw is done
          sourceError = err;
          throw err;
        }
        if (next.done) break;
        sent += next.value.byteLength;
        if (sent > file.size) throw new MultipartSizeError(file.size, sent);
        yield next.value;
      }
      finished = true;
    } finally {
      // Stopped early (the request failed, or was cancelled): let the source clean up too.
      if (!finished) await source.return?.();
    }
    if (sent !== file.size) throw new MultipartSizeError(file.size, sent);
    yield tailBytes;
  }

  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: headBytes.byteLength + file.size + tailBytes.byteLength,
    body: body(),
    /** The error the source raised, if it raised one. */
    sourceError: () => sourceError,
  };
}
