/**
 * The upload host's one route, POST /media: a streaming multipart parse that hashes and
 * counts the file as it arrives (never buffering it), then the documented refusals.
 */
import busboy from 'busboy';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { banned, HttpError, invalid } from './http.js';
import { mediaJson } from './json.js';
import type { Reply, Route, RouteContext } from './router.js';
import { dimensions, sniff, type Sniffed } from './sniff.js';
import { addMedia, type Store } from './store.js';
import type { PostRec, UploadRecord } from './types.js';

/** Enough of the file to sniff its type and read its dimensions. */
const HEAD_BYTES = 64;

type ParsedUpload = {
  fields: Record<string, string>;
  /** Absent when the body had no `file` part. */
  file?: { filename: string; declaredType: string };
  head: Buffer;
  size: number;
  sha256: string;
  tooLarge: boolean;
  bodyBytes: number;
};

function utcDay(): string {
  return new Date().toISOString().slice(0, 10);
}

function secondsToUtcMidnight(): number {
  const now = new Date();
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.ceil((midnight - now.getTime()) / 1000);
}

function dayKey(user: string): string {
  return `${user}:${utcDay()}`;
}

/** "File uploads: 1,000 files/day per user/IP": refused before the body is read. */
function checkDailyLimit(store: Store, user: string): void {
  if ((store.dailyUploads.get(dayKey(user)) ?? 0) < store.limits.dailyFileLimit) return;
  throw new HttpError(
    429,
    { message: 'Daily upload limit reached.' },
    { 'Retry-After': String(secondsToUtcMidnight()) },
  );
}

/** Streams the multipart body through busboy, keeping only the head, hash and size of `file`. */
function parseUpload(req: IncomingMessage, maxFileBytes: number): Promise<ParsedUpload> {
  const parsed: ParsedUpload = {
    fields: {},
    head: Buffer.alloc(0),
    size: 0,
    sha256: '',
    tooLarge: false,
    bodyBytes: 0,
  };
  const hash = createHash('sha256');
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy flags a file that reaches its limit: allow exactly maxFileBytes, refuse one more.
        limits: { fileSize: maxFileBytes + 1, files: 1, fields: 10 },
        preservePath: true,
      });
    } catch {
      reject(invalid('file', 'The file field is required.'));
      return;
    }
    parser.on('field', (name, value) => {
      parsed.fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || parsed.file) {
        stream.resume();
        return;
      }
      parsed.file = { filename: info.filename ?? '', declaredType: info.mimeType };
      stream.on('data', (chunk: Buffer) => {
        if (parsed.head.length < HEAD_BYTES)
          parsed.head = Buffer.concat([
            parsed.head,
            chunk.subarray(0, HEAD_BYTES - parsed.head.length),
          ]);
        hash.update(chunk);
        parsed.size += chunk.length;
      });
      stream.on('limit', () => {
        parsed.tooLarge = true;
      });
    });
    parser.on('close', () => resolve({ ...parsed, sha256: hash.digest('hex') }));
    parser.on('error', () => reject(new HttpError(400, { message: 'Malformed multipart body.' })));
    req.on('aborted', () => reject(new Error('client aborted')));
    req.on('data', (chunk: Buffer) => {
      parsed.bodyBytes += chunk.length;
    });
    req.pipe(parser);
  });
}

/** The documented refusals, in the order imgpile checks them; what to store when accepted. */
function checkUpload(
  store: Store,
  user: string,
  upload: ParsedUpload,
): { sniffed: Sniffed; post: PostRec | null } {
  if (!upload.file || upload.size === 0) throw invalid('file', 'The file field is required.');
  if (upload.tooLarge) {
    const kb = Math.floor(store.limits.maxFileBytes / 1024);
    throw invalid('file', `The file field must not be greater than ${kb} kilobytes.`);
  }
  const sniffed = sniff(upload.head);
  if (!sniffed) throw invalid('file', 'The file field must be a file of type: image/*, video/*.');
  if (store.banned.has(upload.sha256)) throw banned();
  const postId = upload.fields.post_id;
  if (postId === undefined) return { sniffed, post: null };
  const post = [...store.posts.values()].find((p) => String(p.id) === postId);
  if (!post || post.owner !== user) throw invalid('post_id', 'The selected post id is invalid.');
  return { sniffed, post };
}

function storeMedia(store: Store, user: string, upload: ParsedUpload, sniffed: Sniffed) {
  const filename = upload.file?.filename ?? '';
  const moderation =
    store.moderate?.({ filename, sha256: upload.sha256, type: sniffed.type }) ?? 'approved';
  const createdAt = new Date();
  return addMedia(store, {
    ext: sniffed.ext,
    type: sniffed.type,
    ...dimensions(sniffed.type, upload.head),
    moderation,
    createdAt,
    processedAt: new Date(createdAt.getTime() + store.processingMs),
    owner: user,
    sha256: upload.sha256,
    size: upload.size,
  });
}

async function uploadMedia(ctx: RouteContext & { user: string }): Promise<Reply> {
  const { store, req, user } = ctx;
  checkDailyLimit(store, user);
  if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data'))
    throw invalid('file', 'The file field is required.');
  const length = req.headers['content-length'];
  const upload = await parseUpload(req, store.limits.maxFileBytes);
  const log = (init: Partial<UploadRecord>) =>
    store.uploads.push({
      slug: '',
      user,
      filename: upload.file?.filename ?? '',
      declaredType: upload.file?.declaredType ?? '',
      sniffedType: sniff(upload.head)?.type ?? null,
      size: upload.size,
      sha256: upload.sha256,
      contentLengthHeader: length === undefined ? null : Number(length),
      bodyBytes: upload.bodyBytes,
      postId: null,
      status: 201,
      ...init,
    });
  let accepted: ReturnType<typeof checkUpload>;
  try {
    accepted = checkUpload(store, user, upload);
  } catch (err) {
    if (err instanceof HttpError) log({ status: err.status });
    throw err;
  }
  const m = storeMedia(store, user, upload, accepted.sniffed);
  if (accepted.post) {
    m.postId = accepted.post.id;
    accepted.post.media.push(m.slug);
  }
  store.dailyUploads.set(dayKey(user), (store.dailyUploads.get(dayKey(user)) ?? 0) + 1);
  log({ slug: m.slug, postId: m.postId });
  return [201, { message: 'Media created successfully', media: mediaJson(store, m) }];
}

export const uploadRoutes: Route[] = [
  { host: 'upload', method: 'POST', pattern: '/media', auth: true, handler: uploadMedia },
];
