/** Media: single files. Uploads go to the upload host, everything else to the API host. */
import { ImgpileError } from './errors.js';
import type { Call } from './http.js';
import { encodeMultipart, type MultipartField } from './multipart.js';
import {
  NUMERIC_ID,
  SLUG,
  listParams,
  paginate,
  segment,
  type ListQuery,
  type ReadOptions,
} from './params.js';
import {
  mediaResponseSchema,
  mediaSchema,
  messageSchema,
  paginatedSchema,
  uploadResponseSchema,
} from './schemas.js';

export type UploadInput = {
  /** The file's bytes, streamed: a Node Readable or any async iterable of chunks. */
  file: AsyncIterable<Uint8Array>;
  filename: string;
  contentType: string;
  /** Exact size in bytes; the upload fails locally if the stream disagrees. */
  size: number;
  postId?: number;
  signal?: AbortSignal;
};

const mediaPageSchema = paginatedSchema(mediaSchema);

/** Streams one file to the upload host as multipart/form-data. */
export function uploadMedia(call: Call, input: UploadInput) {
  const fields: MultipartField[] = [];
  if (input.postId !== undefined) {
    fields.push({ name: 'post_id', value: segment('post id', input.postId, NUMERIC_ID) });
  }
  let multipart: ReturnType<typeof encodeMultipart>;
  try {
    multipart = encodeMultipart(fields, {
      field: 'file',
      filename: input.filename,
      contentType: input.contentType,
      size: input.size,
      source: input.file,
    });
  } catch (err) {
    return Promise.reject(
      new ImgpileError({ kind: 'invalid_input', message: (err as Error).message, cause: err }),
    );
  }
  return call({
    method: 'POST',
    host: 'upload',
    path: '/media',
    multipart,
    auth: true,
    schema: uploadResponseSchema,
    signal: input.signal,
  }).catch((err: unknown) => {
    // An error raised by the caller's own stream (a download that failed, a file refused
    // half-way) is the caller's to handle: it is rethrown as is, not as a network error.
    throw multipart.sourceError() ?? err;
  });
}

export function listMedia(call: Call, query: ListQuery = {}, opts: ReadOptions = {}) {
  return call({
    method: 'GET',
    path: '/media',
    query: listParams(query),
    auth: opts.authenticated ?? false,
    schema: mediaPageSchema,
    signal: opts.signal,
  });
}

/** Every media item of the feed, page after page from `query.page` (default 1). */
export function iterateMedia(call: Call, query: ListQuery = {}, opts: ReadOptions = {}) {
  return paginate((page) => listMedia(call, { ...query, page }, opts), query.page);
}

export function getMedia(call: Call, slug: string, opts: ReadOptions = {}) {
  return call({
    method: 'GET',
    path: `/media/${segment('media slug', slug, SLUG)}`,
    auth: opts.authenticated ?? false,
    schema: mediaResponseSchema,
    signal: opts.signal,
  });
}

export function updateMedia(
  call: Call,
  slug: string,
  update: { title?: string; description?: string },
) {
  return call({
    method: 'PATCH',
    path: `/media/${segment('media slug', slug, SLUG)}`,
    json: update,
    auth: true,
    schema: messageSchema,
  });
}

export function deleteMedia(call: Call, slug: string) {
  return call({
    method: 'DELETE',
    path: `/media/${segment('media slug', slug, SLUG)}`,
    auth: true,
    schema: messageSchema,
  });
}

export const mediaEndpoints = {
  uploadMedia,
  listMedia,
  iterateMedia,
  getMedia,
  updateMedia,
  deleteMedia,
};
