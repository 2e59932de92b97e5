/**
 * A local imgpile that behaves as ../shared/imgpile-api.md documents it: two listeners (the API
 * host and the CDN upload host), bearer auth on writes, the documented error bodies, streaming
 * multipart parsing with hashing (never buffering a file), the size limit, image/video only by
 * content, banned hashes, per-user and per-IP request limits with Retry-After, the daily file
 * limit, pagination, visibility, moderation and the nsfw filter, votes, comments and follows.
 *
 * It is a boundary fake for tests and benches: it shares no code with src/.
 */
import busboy from 'busboy';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Moderation = 'approved' | 'pending' | 'nsfw' | 'rejected';
export type PostVisibility = 'public' | 'hidden' | 'private';

export type FakeImgpileOptions = {
  /** token -> username. Default: one user `bot` with token `test-token`. */
  users?: Record<string, string>;
  /** Extra usernames with no token (authors of seeded posts, follow targets). */
  otherUsers?: string[];
  requestsPerMinute?: number;
  publicRequestsPerMinute?: number;
  /** Length of the rate-limit window; tests shorten it. */
  windowMs?: number;
  dailyFileLimit?: number;
  maxFileBytes?: number;
  /** sha256 hex digests that answer 451. */
  bannedSha256?: string[];
  /** Moderation status for a new upload; default `approved`. */
  moderate?: (file: { filename: string; sha256: string; type: string }) => Moderation;
};

export type RequestRecord = {
  host: 'api' | 'upload';
  method: string;
  path: string;
  query: string;
  user: string | null;
  status: number;
  at: number;
  authorization: string | undefined;
};

export type UploadRecord = {
  slug: string;
  user: string;
  filename: string;
  declaredType: string;
  sniffedType: string | null;
  size: number;
  sha256: string;
  contentLengthHeader: number | null;
  bodyBytes: number;
  postId: number | null;
  status: number;
};

type MediaRec = {
  id: number;
  slug: string;
  ext: string;
  type: string;
  width: number | null;
  height: number | null;
  title: string | null;
  description: string | null;
  moderation: Moderation;
  createdAt: Date;
  owner: string;
  sha256: string;
  size: number;
  postId: number | null;
};

type PostRec = {
  id: number;
  slug: string;
  title: string | null;
  description: string | null;
  owner: string;
  media: string[];
  visibility: PostVisibility;
  accessKey: string | null;
  isNsfw: boolean;
  moderationOverride: Moderation | null;
  createdAt: Date;
  up: Set<string>;
  down: Set<string>;
  views: number;
  tags: string[];
};

type CommentRec = {
  id: number;
  content: string;
  user: string;
  postId: number;
  createdAt: Date;
  up: Set<string>;
  down: Set<string>;
};

type Injection = {
  host?: 'api' | 'upload';
  method?: string;
  path?: RegExp;
  status: number;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  times: number;
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

const unauthenticated = () => new HttpError(401, { message: 'Unauthenticated.' });
const forbidden = () => new HttpError(403, { message: 'This action is unauthorized.' });
const notFound = () => new HttpError(404, { message: 'Not Found.' });
const invalid = (field: string, message: string) =>
  new HttpError(422, { message, errors: { [field]: [message] } });

const SLUG_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function newSlug(): string {
  const bytes = randomBytes(7);
  return Array.from(bytes, (b) => SLUG_CHARS[b % SLUG_CHARS.length]).join('');
}

/** What the bytes are, by magic number; the declared content type is never trusted. */
function sniff(head: Buffer): { type: string; ext: string } | null {
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

function dimensions(type: string, head: Buffer): { width: number | null; height: number | null } {
  if (type === 'image/png' && head.length >= 24)
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  if (type === 'image/gif' && head.length >= 10)
    return { width: head.readUInt16LE(6), height: head.readUInt16LE(8) };
  return { width: null, height: null };
}

const PERIOD_MS: Record<string, number> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000,
};

export type FakeImgpile = Awaited<ReturnType<typeof startFakeImgpile>>;

export async function startFakeImgpile(options: FakeImgpileOptions = {}) {
  const tokens = new Map(Object.entries(options.users ?? { 'test-token': 'bot' }));
  const usernames = new Set([...tokens.values(), ...(options.otherUsers ?? [])]);
  const userIds = new Map([...usernames].map((u, i) => [u, i + 1]));
  const follows = new Map<string, Set<string>>(); // follower -> followed
  const limits = {
    requestsPerMinute: options.requestsPerMinute ?? 120,
    publicRequestsPerMinute: options.publicRequestsPerMinute ?? 30,
    windowMs: options.windowMs ?? 60_000,
    dailyFileLimit: options.dailyFileLimit ?? 1000,
    maxFileBytes: options.maxFileBytes ?? 100 * 1024 * 1024,
  };
  const banned = new Set((options.bannedSha256 ?? []).map((h) => h.toLowerCase()));
  const media = new Map<string, MediaRec>();
  const posts = new Map<string, PostRec>();
  const comments = new Map<number, CommentRec>();
  const hits = new Map<string, number[]>();
  const dailyUploads = new Map<string, number>();
  const requests: RequestRecord[] = [];
  const uploads: UploadRecord[] = [];
  const injections: Injection[] = [];
  let nextMediaId = 12345;
  let nextPostId = 30713;
  let nextCommentId = 456;
  let apiOrigin = '';
  let cdnOrigin = '';

  function ensureUser(name: string) {
    if (!usernames.has(name)) {
      usernames.add(name);
      userIds.set(name, usernames.size);
    }
  }

  function userJson(name: string) {
    return { username: name, avatar: null };
  }

  function mediaUrls(m: MediaRec) {
    const base = `${cdnOrigin}/f/${m.slug}`;
    const urls: Record<string, string> = { original: `${base}.${m.ext}` };
    if (m.type.startsWith('image/')) {
      for (const size of ['xs', 'sm', 'md', 'lg', 'xl']) urls[size] = `${base}_${size}.${m.ext}`;
    } else {
      urls.thumb = `${base}_thumb.jpg`;
    }
    return urls;
  }

  function mediaJson(m: MediaRec) {
    return {
      id: m.id,
      slug: m.slug,
      filename: m.slug,
      title: m.title,
      description: m.description,
      type: m.type,
      width: m.width,
      height: m.height,
      moderation_status: m.moderation,
      processed: true,
      created_at: m.createdAt.toISOString(),
      urls: mediaUrls(m),
      user: userJson(m.owner),
    };
  }

  function postModeration(p: PostRec): Moderation {
    if (p.moderationOverride) return p.moderationOverride;
    const statuses = p.media.map((s) => media.get(s)?.moderation ?? 'approved');
    if (statuses.includes('rejected')) return 'rejected';
    if (p.isNsfw || statuses.includes('nsfw')) return 'nsfw';
    if (statuses.includes('pending')) return 'pending';
    return 'approved';
  }

  function postJson(
    p: PostRec,
    viewer: string | null,
    mode: 'feed' | 'single',
    query?: URLSearchParams,
  ) {
    const json: Record<string, unknown> = {
      id: p.id,
      slug: p.slug,
      title: p.title,
      description: p.description,
      score: p.up.size - p.down.size,
      view_count: p.views,
      media_count: p.media.length,
      moderation_status: postModeration(p),
      isUpvotedByUser: viewer ? p.up.has(viewer) : false,
      isDownvotedByUser: viewer ? p.down.has(viewer) : false,
      created_at: p.createdAt.toISOString(),
      user: userJson(p.owner),
    };
    if (mode === 'feed') {
      const first = p.media[0] ? media.get(p.media[0]) : undefined;
      json.first_media = first ? mediaJson(first) : null;
    } else {
      const mediaPage = positiveInt(query?.get('mediaPage') ?? null, 1, 'mediaPage');
      const perPage = positiveInt(query?.get('perPage') ?? null, 10, 'perPage');
      json.media = p.media
        .slice((mediaPage - 1) * perPage, mediaPage * perPage)
        .map((s) => media.get(s))
        .filter((m): m is MediaRec => m !== undefined)
        .map(mediaJson);
    }
    if (viewer === p.owner) {
      json.visibility = p.visibility;
      json.access_key = p.accessKey;
    }
    return json;
  }

  function positiveInt(value: string | null, fallback: number, field: string, max = Infinity) {
    if (value === null || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw invalid(field, `The ${field} field must be at least 1.`);
    if (n > max) throw invalid(field, `The ${field} field must not be greater than ${max}.`);
    return n;
  }

  function paginateList<T>(items: T[], query: URLSearchParams, path: string) {
    const page = positiveInt(query.get('page'), 1, 'page');
    const perPage = positiveInt(query.get('limit'), 10, 'limit', 250);
    const total = items.length;
    const lastPage = Math.max(1, Math.ceil(total / perPage));
    const data = items.slice((page - 1) * perPage, page * perPage);
    const link = (n: number) => {
      const q = new URLSearchParams(query);
      q.set('page', String(n));
      return `${apiOrigin}/api/v1${path}?${q.toString()}`;
    };
    return {
      data,
      links: {
        first: link(1),
        last: link(lastPage),
        prev: page > 1 ? link(page - 1) : null,
        next: page < lastPage ? link(page + 1) : null,
      },
      meta: {
        current_page: page,
        from: data.length ? (page - 1) * perPage + 1 : null,
        to: data.length ? (page - 1) * perPage + data.length : null,
        per_page: perPage,
        total,
        last_page: lastPage,
        path: `${apiOrigin}/api/v1${path}`,
      },
    };
  }

  function visibleStatuses(query: URLSearchParams): Moderation[] {
    return query.get('nsfw') === '1' ? ['approved', 'nsfw'] : ['approved'];
  }

  function filterFeed(list: PostRec[], query: URLSearchParams): PostRec[] {
    const statuses = visibleStatuses(query);
    const tag = query.get('tag');
    const username = query.get('username');
    const period = query.get('period');
    const sort = query.get('sort') ?? 'latest';
    if (!['latest', 'random'].includes(sort))
      throw invalid('sort', 'The selected sort is invalid.');
    if (period && period !== 'all' && !(period in PERIOD_MS))
      throw invalid('period', 'The selected period is invalid.');
    const since = period && period !== 'all' ? Date.now() - PERIOD_MS[period]! : 0;
    const out = list.filter(
      (p) =>
        p.visibility === 'public' &&
        statuses.includes(postModeration(p)) &&
        (!tag || p.tags.includes(tag)) &&
        (!username || p.owner === username) &&
        p.createdAt.getTime() >= since,
    );
    out.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
    if (sort === 'random') out.sort(() => Math.random() - 0.5);
    return out;
  }

  function filterMedia(list: MediaRec[], query: URLSearchParams): MediaRec[] {
    const statuses = visibleStatuses(query);
    const tag = query.get('tag');
    const username = query.get('username');
    const postOf = (m: MediaRec) => [...posts.values()].find((p) => p.id === m.postId);
    return list
      .filter((m) => {
        const post = postOf(m);
        return (
          statuses.includes(m.moderation) &&
          (!post || post.visibility === 'public') &&
          (!tag || (post?.tags.includes(tag) ?? false)) &&
          (!username || m.owner === username)
        );
      })
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  }

  /** Sliding-window request log: strict, so that any burst over the limit is caught. */
  function rateLimit(key: string, limit: number): Record<string, string> {
    const now = Date.now();
    const log = (hits.get(key) ?? []).filter((t) => t > now - limits.windowMs);
    hits.set(key, log);
    if (log.length >= limit) {
      const retryAfter = Math.max(1, Math.ceil((log[0]! + limits.windowMs - now) / 1000));
      throw new HttpError(
        429,
        { message: 'Too Many Attempts.' },
        {
          'Retry-After': String(retryAfter),
          'X-RateLimit-Limit': String(limit),
          'X-RateLimit-Remaining': '0',
        },
      );
    }
    log.push(now);
    return {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(limit - log.length),
    };
  }

  function authenticate(req: IncomingMessage): string | null {
    const header = req.headers.authorization;
    if (header === undefined) return null;
    const match = /^Bearer (.+)$/.exec(header);
    const user = match ? tokens.get(match[1]!) : undefined;
    if (!user) throw unauthenticated();
    return user;
  }

  async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 1024 * 1024) throw new HttpError(413, { message: 'Payload Too Large.' });
      chunks.push(chunk);
    }
    if (size === 0) return {};
    try {
      const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error('not an object');
      return value as Record<string, unknown>;
    } catch {
      throw new HttpError(400, { message: 'Malformed JSON body.' });
    }
  }

  function optionalString(body: Record<string, unknown>, field: string, max?: number) {
    const value = body[field];
    if (value === undefined) return undefined;
    if (value !== null && typeof value !== 'string')
      throw invalid(field, `The ${field} field must be a string.`);
    if (max !== undefined && typeof value === 'string' && value.length > max)
      throw invalid(field, `The ${field} field must not be greater than ${max} characters.`);
    return value;
  }

  function findPost(idOrSlug: string): PostRec {
    const post = /^\d+$/.test(idOrSlug)
      ? [...posts.values()].find((p) => p.id === Number(idOrSlug))
      : posts.get(idOrSlug);
    if (!post) throw notFound();
    return post;
  }

  function requireUser(user: string | null): string {
    if (!user) throw unauthenticated();
    return user;
  }

  function utcDay(): string {
    return new Date().toISOString().slice(0, 10);
  }

  function secondsToUtcMidnight(): number {
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    return Math.ceil((midnight - now.getTime()) / 1000);
  }

  // ---- Upload host --------------------------------------------------------------------
  async function handleUpload(req: IncomingMessage, user: string): Promise<[number, unknown]> {
    const dayKey = `${user}:${utcDay()}`;
    if ((dailyUploads.get(dayKey) ?? 0) >= limits.dailyFileLimit) {
      throw new HttpError(
        429,
        { message: 'Daily upload limit reached.' },
        { 'Retry-After': String(secondsToUtcMidnight()) },
      );
    }
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.startsWith('multipart/form-data')) {
      throw invalid('file', 'The file field is required.');
    }
    const contentLengthHeader =
      req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    let bodyBytes = 0;
    const record: Partial<UploadRecord> & { fields: Record<string, string> } = { fields: {} };
    let fileSeen = false;
    let tooLarge = false;
    let head = Buffer.alloc(0);
    const hash = createHash('sha256');
    let size = 0;

    await new Promise<void>((resolve, reject) => {
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: req.headers,
          // busboy flags a file that reaches its limit: allow exactly maxFileBytes, refuse one more.
          limits: { fileSize: limits.maxFileBytes + 1, files: 1, fields: 10 },
          preservePath: true,
        });
      } catch {
        reject(invalid('file', 'The file field is required.'));
        return;
      }
      parser.on('field', (name, value) => {
        record.fields[name] = value;
      });
      parser.on('file', (name, stream, info) => {
        if (name !== 'file' || fileSeen) {
          stream.resume();
          return;
        }
        fileSeen = true;
        record.filename = info.filename;
        record.declaredType = info.mimeType;
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
          hash.update(chunk);
          size += chunk.length;
        });
        stream.on('limit', () => {
          tooLarge = true;
        });
      });
      parser.on('close', resolve);
      parser.on('error', () =>
        reject(new HttpError(400, { message: 'Malformed multipart body.' })),
      );
      req.on('aborted', () => reject(new Error('client aborted')));
      req.on('data', (chunk: Buffer) => {
        bodyBytes += chunk.length;
      });
      req.pipe(parser);
    });

    const sha256 = hash.digest('hex');
    const sniffed = sniff(head);
    const finish = (status: number) => {
      uploads.push({
        slug: '',
        user,
        filename: record.filename ?? '',
        declaredType: record.declaredType ?? '',
        sniffedType: sniffed?.type ?? null,
        size,
        sha256,
        contentLengthHeader,
        bodyBytes,
        postId: null,
        status,
      });
      return uploads[uploads.length - 1]!;
    };
    if (!fileSeen || size === 0) {
      finish(422);
      throw invalid('file', 'The file field is required.');
    }
    if (tooLarge) {
      finish(422);
      throw invalid(
        'file',
        `The file field must not be greater than ${Math.floor(limits.maxFileBytes / 1024)} kilobytes.`,
      );
    }
    if (!sniffed) {
      finish(422);
      throw invalid('file', 'The file field must be a file of type: image/*, video/*.');
    }
    if (banned.has(sha256)) {
      finish(451);
      throw new HttpError(451, { error: 'This file is not allowed.' });
    }
    let postId: number | null = null;
    if (record.fields.post_id !== undefined) {
      const post = [...posts.values()].find((p) => String(p.id) === record.fields.post_id);
      if (!post || post.owner !== user) {
        finish(422);
        throw invalid('post_id', 'The selected post id is invalid.');
      }
      postId = post.id;
    }
    const m: MediaRec = {
      id: nextMediaId++,
      slug: newSlug(),
      ext: sniffed.ext,
      type: sniffed.type,
      ...dimensions(sniffed.type, head),
      title: null,
      description: null,
      moderation:
        options.moderate?.({ filename: record.filename ?? '', sha256, type: sniffed.type }) ??
        'approved',
      createdAt: new Date(),
      owner: user,
      sha256,
      size,
      postId,
    };
    media.set(m.slug, m);
    if (postId !== null) findPost(String(postId)).media.push(m.slug);
    dailyUploads.set(dayKey, (dailyUploads.get(dayKey) ?? 0) + 1);
    const rec = finish(201);
    rec.slug = m.slug;
    rec.postId = postId;
    const json = mediaJson(m);
    return [201, { message: 'Media created successfully', media: json }];
  }

  // ---- API host -----------------------------------------------------------------------
  async function handleApi(
    req: IncomingMessage,
    method: string,
    parts: string[],
    query: URLSearchParams,
    user: string | null,
  ): Promise<[number, unknown]> {
    const [root, id, action, ...rest] = parts;
    if (rest.length > 0) throw notFound();

    if (root === 'media') {
      if (id === undefined) {
        if (method === 'GET') {
          return [
            200,
            paginateList(filterMedia([...media.values()], query).map(mediaJson), query, '/media'),
          ];
        }
        if (method === 'POST') {
          // Uploads must go to the CDN host: the main host has no POST route for media.
          throw new HttpError(405, {
            message:
              'The POST method is not supported for route api/v1/media. Supported methods: GET, HEAD.',
          });
        }
        throw new HttpError(405, { message: 'Method Not Allowed.' });
      }
      if (action !== undefined) throw notFound();
      const m = media.get(id);
      if (!m) throw notFound();
      if (method === 'GET') {
        if (m.moderation === 'rejected' && m.owner !== user) throw notFound();
        return [200, { data: mediaJson(m) }];
      }
      const actor = requireUser(user);
      if (m.owner !== actor) throw forbidden();
      if (method === 'PATCH') {
        const body = await readJson(req);
        const title = optionalString(body, 'title', 255);
        const description = optionalString(body, 'description', 5000);
        if (title !== undefined) m.title = title;
        if (description !== undefined) m.description = description;
        return [200, { message: 'Media updated successfully' }];
      }
      if (method === 'DELETE') {
        media.delete(id);
        for (const p of posts.values()) p.media = p.media.filter((s) => s !== id);
        return [200, { message: 'Media deleted successfully.' }];
      }
      throw new HttpError(405, { message: 'Method Not Allowed.' });
    }

    if (root === 'posts') {
      if (id === undefined) {
        if (method === 'GET') {
          const list = filterFeed([...posts.values()], query).map((p) => postJson(p, user, 'feed'));
          return [200, paginateList(list, query, '/posts')];
        }
        if (method === 'POST') {
          const actor = requireUser(user);
          const body = await readJson(req);
          const ids = body.media_ids;
          if (!Array.isArray(ids) || ids.length === 0)
            throw invalid('media_ids', 'The media ids field is required.');
          const chosen: MediaRec[] = [];
          for (const [i, value] of ids.entries()) {
            const m = [...media.values()].find((x) => x.id === value);
            if (!m || m.owner !== actor)
              throw invalid(`media_ids.${i}`, `The selected media_ids.${i} is invalid.`);
            chosen.push(m);
          }
          const post: PostRec = {
            id: nextPostId++,
            slug: newSlug(),
            title: null,
            description: null,
            owner: actor,
            media: chosen.map((m) => m.slug),
            visibility: 'public',
            accessKey: null,
            isNsfw: false,
            moderationOverride: null,
            createdAt: new Date(),
            up: new Set(),
            down: new Set(),
            views: 0,
            tags: [],
          };
          for (const m of chosen) m.postId = post.id;
          posts.set(post.slug, post);
          return [
            201,
            { message: 'Post created successfully', post: { id: post.id, slug: post.slug } },
          ];
        }
        throw new HttpError(405, { message: 'Method Not Allowed.' });
      }

      const post = findPost(id);
      if (action === 'upvote' || action === 'downvote') {
        if (method !== 'POST') throw new HttpError(405, { message: 'Method Not Allowed.' });
        const actor = requireUser(user);
        const [mine, other] = action === 'upvote' ? [post.up, post.down] : [post.down, post.up];
        let message: string;
        if (mine.has(actor)) {
          mine.delete(actor);
          message = `Post ${action} removed`;
        } else {
          mine.add(actor);
          other.delete(actor);
          message = `Post ${action}d successfully`;
        }
        return [200, { message, score: post.up.size - post.down.size }];
      }
      if (action === 'comments') {
        if (method !== 'POST') throw new HttpError(405, { message: 'Method Not Allowed.' });
        const actor = requireUser(user);
        const body = await readJson(req);
        const content = body.content;
        if (typeof content !== 'string' || content.trim() === '')
          throw invalid('content', 'The content field is required.');
        if (content.length > 2000)
          throw invalid('content', 'The content field must not be greater than 2000 characters.');
        const comment: CommentRec = {
          id: nextCommentId++,
          content,
          user: actor,
          postId: post.id,
          createdAt: new Date(),
          up: new Set(),
          down: new Set(),
        };
        comments.set(comment.id, comment);
        return [
          201,
          {
            success: true,
            comment: { id: comment.id, content, user_id: userIds.get(actor), post_id: post.id },
          },
        ];
      }
      if (action !== undefined) throw notFound();

      if (method === 'GET') {
        const isOwner = user === post.owner;
        if (!isOwner) {
          if (postModeration(post) === 'rejected') throw notFound();
          if (post.visibility === 'private' && query.get('key') !== post.accessKey)
            throw notFound();
        }
        post.views += 1;
        return [200, { data: postJson(post, user, 'single', query) }];
      }
      const actor = requireUser(user);
      if (post.owner !== actor) throw forbidden();
      if (method === 'PATCH') {
        const body = await readJson(req);
        const title = optionalString(body, 'title', 255);
        const description = optionalString(body, 'description', 5000);
        const visibility = body.visibility;
        if (
          visibility !== undefined &&
          !['public', 'hidden', 'private'].includes(visibility as string)
        )
          throw invalid('visibility', 'The selected visibility is invalid.');
        const isNsfw = body.is_nsfw;
        if (isNsfw !== undefined && typeof isNsfw !== 'boolean')
          throw invalid('is_nsfw', 'The is nsfw field must be true or false.');
        const order = body.media_order;
        if (order !== undefined) {
          if (
            !Array.isArray(order) ||
            order.length !== post.media.length ||
            [...(order as unknown[])].map(String).sort().join() !== [...post.media].sort().join()
          ) {
            throw invalid(
              'media_order',
              'The media order field must list every media of the post.',
            );
          }
        }
        if (title !== undefined) post.title = title;
        if (description !== undefined) post.description = description;
        if (visibility !== undefined) {
          post.visibility = visibility as PostVisibility;
          post.accessKey = post.visibility === 'private' ? randomBytes(5).toString('hex') : null;
        }
        if (isNsfw !== undefined) post.isNsfw = isNsfw;
        if (order !== undefined) post.media = order as string[];
        return [
          200,
          {
            message: 'Post updated successfully',
            visibility: post.visibility,
            access_key: post.accessKey,
          },
        ];
      }
      if (method === 'DELETE') {
        posts.delete(post.slug);
        for (const m of media.values()) if (m.postId === post.id) m.postId = null;
        return [200, { message: 'Post deleted successfully' }];
      }
      throw new HttpError(405, { message: 'Method Not Allowed.' });
    }

    if (root === 'comments' && id !== undefined) {
      const comment = /^\d+$/.test(id) ? comments.get(Number(id)) : undefined;
      if (!comment) throw notFound();
      const actor = requireUser(user);
      if (action === 'upvote' || action === 'downvote') {
        if (method !== 'POST') throw new HttpError(405, { message: 'Method Not Allowed.' });
        const [mine, other] =
          action === 'upvote' ? [comment.up, comment.down] : [comment.down, comment.up];
        let message: string;
        if (mine.has(actor)) {
          mine.delete(actor);
          message = `Comment ${action} removed`;
        } else {
          mine.add(actor);
          other.delete(actor);
          message = `Comment ${action}d successfully`;
        }
        return [200, { message, score: comment.up.size - comment.down.size }];
      }
      if (action !== undefined) throw notFound();
      if (method !== 'DELETE') throw new HttpError(405, { message: 'Method Not Allowed.' });
      if (comment.user !== actor) throw forbidden();
      comments.delete(comment.id);
      return [200, { success: true, message: 'Comment deleted successfully' }];
    }

    if (root === 'users' && id !== undefined && action !== undefined) {
      if (!usernames.has(id)) throw notFound();
      if (action === 'follow') {
        const actor = requireUser(user);
        if (method === 'POST') {
          if (actor === id) throw invalid('user', 'You cannot follow yourself.');
          const set = follows.get(actor) ?? new Set();
          set.add(id);
          follows.set(actor, set);
          return [200, { message: 'User followed.' }];
        }
        if (method === 'DELETE') {
          follows.get(actor)?.delete(id);
          return [200, { message: 'User unfollowed.' }];
        }
        throw new HttpError(405, { message: 'Method Not Allowed.' });
      }
      if (method !== 'GET') throw new HttpError(405, { message: 'Method Not Allowed.' });
      const path = `/users/${id}/${action}`;
      switch (action) {
        case 'posts': {
          const own = filterFeed([...posts.values()], query).filter((p) => p.owner === id);
          return [
            200,
            paginateList(
              own.map((p) => postJson(p, user, 'feed')),
              query,
              path,
            ),
          ];
        }
        case 'media': {
          const own = filterMedia([...media.values()], query).filter((m) => m.owner === id);
          return [200, paginateList(own.map(mediaJson), query, path)];
        }
        case 'comments': {
          const own = [...comments.values()]
            .filter((c) => c.user === id)
            .map((c) => ({
              id: c.id,
              content: c.content,
              post_id: c.postId,
              created_at: c.createdAt.toISOString(),
            }));
          return [200, paginateList(own, query, path)];
        }
        case 'followers': {
          const list = [...follows.entries()]
            .filter(([, set]) => set.has(id))
            .map(([f]) => userJson(f));
          return [200, paginateList(list, query, path)];
        }
        case 'following': {
          const list = [...(follows.get(id) ?? [])].map(userJson);
          return [200, paginateList(list, query, path)];
        }
        default:
          throw notFound();
      }
    }
    throw notFound();
  }

  function send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string>,
  ) {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/html' : 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  function takeInjection(host: 'api' | 'upload', method: string, path: string): Injection | null {
    const found = injections.find(
      (i) =>
        i.times > 0 &&
        (i.host === undefined || i.host === host) &&
        (i.method === undefined || i.method === method) &&
        (i.path === undefined || i.path.test(path)),
    );
    if (!found) return null;
    found.times -= 1;
    return found;
  }

  function handler(host: 'api' | 'upload') {
    return (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const record: RequestRecord = {
        host,
        method,
        path: url.pathname,
        query: url.search,
        user: null,
        status: 0,
        at: Date.now(),
        authorization: req.headers.authorization,
      };
      requests.push(record);
      let headers: Record<string, string> = {};
      const run = async (): Promise<[number, unknown]> => {
        const user = authenticate(req);
        record.user = user;
        headers = user
          ? rateLimit(`user:${user}`, limits.requestsPerMinute)
          : rateLimit(`ip:${req.socket.remoteAddress ?? '?'}`, limits.publicRequestsPerMinute);
        const injected = takeInjection(host, method, url.pathname);
        if (injected) {
          req.resume();
          Object.assign(headers, injected.headers ?? {});
          return [
            injected.status,
            injected.rawBody ?? injected.body ?? { message: 'Server Error' },
          ];
        }
        if (!url.pathname.startsWith('/api/v1/')) throw notFound();
        const parts = url.pathname
          .slice('/api/v1/'.length)
          .split('/')
          .filter(Boolean)
          .map(decodeURIComponent);
        if (host === 'upload') {
          if (parts.length === 1 && parts[0] === 'media' && method === 'POST') {
            return handleUpload(req, requireUser(user));
          }
          throw notFound();
        }
        return handleApi(req, method, parts, url.searchParams, user);
      };
      run().then(
        ([status, body]) => {
          record.status = status;
          send(res, status, body, headers);
        },
        (err: unknown) => {
          if (err instanceof HttpError) {
            record.status = err.status;
            // An early answer (401 before the body was read): let Node drain what it can.
            req.resume();
            send(res, err.status, err.body, { ...headers, ...err.headers });
          } else {
            record.status = 500;
            if (!res.headersSent && !res.destroyed)
              send(res, 500, { message: 'Server Error' }, headers);
          }
        },
      );
    };
  }

  async function listen(server: Server): Promise<string> {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  const apiServer = createServer(handler('api'));
  const uploadServer = createServer(handler('upload'));
  // Large uploads run long; the defaults would cut a slow one off.
  uploadServer.requestTimeout = 0;
  apiOrigin = await listen(apiServer);
  cdnOrigin = await listen(uploadServer);

  return {
    apiUrl: `${apiOrigin}/api/v1`,
    uploadUrl: `${cdnOrigin}/api/v1`,
    apiOrigin,
    cdnOrigin,
    limits,
    requests,
    uploads,
    media,
    posts,
    comments,
    follows,
    /** Makes the next `times` matching requests answer `status` with `body`. */
    inject(injection: Omit<Injection, 'times'> & { times?: number }) {
      injections.push({ times: 1, ...injection });
    },
    ban(sha256: string) {
      banned.add(sha256.toLowerCase());
    },
    setMediaModeration(slug: string, status: Moderation) {
      const m = media.get(slug);
      if (!m) throw new Error(`no media ${slug}`);
      m.moderation = status;
    },
    /** Adds a post by another user, straight into the store (for feed tests). */
    seedPost(init: {
      owner: string;
      title?: string;
      tags?: string[];
      moderation?: Moderation;
      visibility?: PostVisibility;
      createdAt?: Date;
      score?: number;
    }) {
      ensureUser(init.owner);
      const m: MediaRec = {
        id: nextMediaId++,
        slug: newSlug(),
        ext: 'jpg',
        type: 'image/jpeg',
        width: 800,
        height: 600,
        title: null,
        description: null,
        moderation: init.moderation ?? 'approved',
        createdAt: init.createdAt ?? new Date(),
        owner: init.owner,
        sha256: randomBytes(32).toString('hex'),
        size: 1000,
        postId: null,
      };
      media.set(m.slug, m);
      const post: PostRec = {
        id: nextPostId++,
        slug: newSlug(),
        title: init.title ?? null,
        description: null,
        owner: init.owner,
        media: [m.slug],
        visibility: init.visibility ?? 'public',
        accessKey: init.visibility === 'private' ? randomBytes(5).toString('hex') : null,
        isNsfw: init.moderation === 'nsfw',
        moderationOverride: init.moderation ?? null,
        createdAt: init.createdAt ?? new Date(),
        up: new Set(Array.from({ length: Math.max(0, init.score ?? 0) }, (_, i) => `voter${i}`)),
        down: new Set(),
        views: 0,
        tags: init.tags ?? [],
      };
      m.postId = post.id;
      posts.set(post.slug, post);
      return { post, media: m };
    },
    /** Forgets request history and rate-limit windows. */
    resetRateLimits() {
      hits.clear();
    },
    async close() {
      apiServer.closeAllConnections();
      uploadServer.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => apiServer.close(resolve)),
        new Promise((resolve) => uploadServer.close(resolve)),
      ]);
    },
  };
}
