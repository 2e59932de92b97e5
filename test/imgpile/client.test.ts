import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createImgpileClient,
  ImgpileError,
  type ImgpileClient,
  type ResponseInfo,
} from '../../src/imgpile/index.js';
import { startFakeImgpile, type FakeImgpile } from '../fakes/imgpile.js';
import { MAGIC, fileBytes, generatedStream, once, sha256 } from '../helpers/media-bytes.js';

const TOKEN = 'test-token-0123456789';
const OTHER_TOKEN = 'other-token-0123456789';

let fake: FakeImgpile;
let imgpile: ImgpileClient;
let other: ImgpileClient;
const seen: ResponseInfo[] = [];

function clientFor(
  f: FakeImgpile,
  token = TOKEN,
  extra: Partial<Parameters<typeof createImgpileClient>[0]> = {},
) {
  return createImgpileClient({ apiUrl: f.apiUrl, uploadUrl: f.uploadUrl, token, ...extra });
}

async function upload(
  client: ImgpileClient,
  bytes = fileBytes(2048),
  filename = 'photo.png',
  type = 'image/png',
) {
  const { body } = await client.uploadMedia({
    file: once(bytes),
    filename,
    contentType: type,
    size: bytes.length,
  });
  return body.media;
}

/** Runs `fn`, expecting it to throw an ImgpileError, and returns that error. */
async function failure(fn: () => Promise<unknown>): Promise<ImgpileError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ImgpileError);
    return err as ImgpileError;
  }
  throw new Error('expected an ImgpileError, got success');
}

beforeAll(async () => {
  fake = await startFakeImgpile({
    users: { [TOKEN]: 'bot', [OTHER_TOKEN]: 'alice' },
    otherUsers: ['carol'],
    requestsPerMinute: 10_000,
    publicRequestsPerMinute: 10_000,
  });
  imgpile = clientFor(fake, TOKEN, { onResponse: (info) => seen.push(info) });
  other = clientFor(fake, OTHER_TOKEN);
});

afterAll(async () => {
  await imgpile.close();
  await other.close();
  await fake.close();
});

afterEach(() => {
  seen.length = 0;
});

describe('media upload', () => {
  it('streams a file to the upload host and returns its direct CDN link', async () => {
    const bytes = fileBytes(50_000, MAGIC.png);
    const res = await imgpile.uploadMedia({
      file: once(bytes),
      filename: 'sunset.png',
      contentType: 'image/png',
      size: bytes.length,
    });
    expect(res.status).toBe(201);
    expect(res.body.message).toBe('Media created successfully');
    expect(res.body.media.urls.original).toBe(`${fake.cdnOrigin}/f/${res.body.media.slug}.png`);
    expect(res.body.media.id).toBeTypeOf('number');
    expect(res.body.media.width).toBe(128);
    const record = fake.uploads.at(-1)!;
    expect(record).toMatchObject({
      filename: 'sunset.png',
      declaredType: 'image/png',
      size: bytes.length,
    });
    expect(record.sha256).toBe(sha256(bytes));
    // The multipart body matched its Content-Length exactly.
    expect(record.contentLengthHeader).toBe(record.bodyBytes);
    const req = fake.requests.find((r) => r.path === '/api/v1/media' && r.method === 'POST')!;
    expect(req.host).toBe('upload');
    expect(req.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('streams a multi-megabyte generated file chunk by chunk with an exact Content-Length', async () => {
    const size = 8 * 1024 * 1024 + 13;
    const gen = generatedStream(size, MAGIC.mp4);
    const res = await imgpile.uploadMedia({
      file: gen.stream,
      filename: 'clip.mp4',
      contentType: 'video/mp4',
      size,
    });
    expect(res.body.media.type).toBe('video/mp4');
    // Sized variants (a video's thumbnail) exist once imgpile has processed the file.
    expect(res.body.media.processed).toBe(false);
    await new Promise((r) => setTimeout(r, 100)); // the fake processes in 50 ms
    const later = await imgpile.getMedia(res.body.media.slug);
    expect(later.body.data.processed).toBe(true);
    expect(later.body.data.urls.thumb).toBeDefined();
    const record = fake.uploads.find((u) => u.slug === res.body.media.slug)!;
    expect(record.size).toBe(size);
    expect(record.sha256).toBe(gen.sha256());
    expect(record.contentLengthHeader).toBe(record.bodyBytes);
  });

  it('attaches an upload to an existing post with post_id', async () => {
    const first = await upload(imgpile);
    const { body } = await imgpile.createPost([first.id!]);
    const bytes = fileBytes(1000, MAGIC.gif);
    const res = await imgpile.uploadMedia({
      file: once(bytes),
      filename: 'more.gif',
      contentType: 'image/gif',
      size: bytes.length,
      postId: body.post.id,
    });
    const post = await imgpile.getPost(body.post.slug);
    expect(post.body.data.media?.map((m) => m.slug)).toEqual([first.slug, res.body.media.slug]);
  });

  it('escapes quotes and line breaks in the filename so they cannot forge multipart headers', async () => {
    const bytes = fileBytes(500);
    await imgpile.uploadMedia({
      file: once(bytes),
      filename: 'evil"\r\nContent-Type: text/html\r\n.png',
      contentType: 'image/png',
      size: bytes.length,
    });
    const record = fake.uploads.at(-1)!;
    expect(record.status).toBe(201);
    expect(record.declaredType).toBe('image/png');
    expect(record.filename).toBe('evil%22%0D%0AContent-Type: text/html%0D%0A.png');
  });

  it('refuses a malformed content type locally, sending nothing', async () => {
    const before = fake.requests.length;
    const err = await failure(() =>
      imgpile.uploadMedia({
        file: once(fileBytes(10)),
        filename: 'a.png',
        contentType: 'image/png\r\nX: y',
        size: 10,
      }),
    );
    expect(err.kind).toBe('invalid_input');
    expect(fake.requests.length).toBe(before);
  });

  it('fails with invalid_input when the stream is longer than its declared size', async () => {
    const bytes = fileBytes(5000);
    const err = await failure(() =>
      imgpile.uploadMedia({
        file: once(bytes),
        filename: 'a.png',
        contentType: 'image/png',
        size: 4000,
      }),
    );
    expect(err.kind).toBe('invalid_input');
    expect(err.message).toMatch(/larger than its declared 4000 bytes/);
    expect(
      fake.uploads.filter((u) => u.status === 201 && u.size === 5000 && u.filename === 'a.png'),
    ).toHaveLength(0);
  });

  it('fails with invalid_input when the stream ends before its declared size', async () => {
    const err = await failure(() =>
      imgpile.uploadMedia({
        file: once(fileBytes(3000)),
        filename: 'short.png',
        contentType: 'image/png',
        size: 4000,
      }),
    );
    expect(err.kind).toBe('invalid_input');
    expect(err.message).toMatch(/ended after 3000 of its declared 4000 bytes/);
  });

  it("rethrows an error raised by the caller's own stream as is, not as a network error", async () => {
    class SourceBroke extends Error {}
    async function* broken() {
      yield fileBytes(1000);
      await new Promise((r) => setTimeout(r, 5));
      throw new SourceBroke('download went away');
    }
    await expect(
      imgpile.uploadMedia({
        file: broken(),
        filename: 'a.png',
        contentType: 'image/png',
        size: 5000,
      }),
    ).rejects.toBeInstanceOf(SourceBroke);
  });

  it('a media POST to the API host fails: uploads only work on the upload host', async () => {
    const misconfigured = createImgpileClient({
      apiUrl: fake.apiUrl,
      uploadUrl: fake.apiUrl,
      token: TOKEN,
    });
    const err = await failure(() => upload(misconfigured));
    expect(err.status).toBe(405);
    expect(err.kind).toBe('unexpected_status');
    await misconfigured.close();
  });
});

describe('errors: every kind, with the server message', () => {
  it('401 unauthenticated for a bad token', async () => {
    const bad = clientFor(fake, 'not-a-real-token');
    const err = await failure(() => bad.deleteMedia('abc1234'));
    expect(err).toMatchObject({
      kind: 'unauthenticated',
      status: 401,
      message: 'Unauthenticated.',
    });
    await bad.close();
  });

  it('403 forbidden when changing media someone else owns', async () => {
    const media = await upload(other);
    const err = await failure(() => imgpile.deleteMedia(media.slug));
    expect(err).toMatchObject({
      kind: 'forbidden',
      status: 403,
      message: 'This action is unauthorized.',
    });
  });

  it('404 not found for an unknown slug', async () => {
    const err = await failure(() => imgpile.getMedia('zzzzzzz'));
    expect(err).toMatchObject({ kind: 'not_found', status: 404 });
  });

  it('422 validation with field errors for a non-media file', async () => {
    const err = await failure(() =>
      upload(imgpile, fileBytes(400, MAGIC.html), 'page.png', 'image/png'),
    );
    expect(err.kind).toBe('validation');
    expect(err.status).toBe(422);
    expect(err.fieldErrors.file).toEqual([
      'The file field must be a file of type: image/*, video/*.',
    ]);
  });

  it('422 validation for an empty file', async () => {
    const err = await failure(() => upload(imgpile, Buffer.alloc(0)));
    expect(err.kind).toBe('validation');
    expect(err.message).toBe('The file field is required.');
  });

  it('422 validation for a file over 100 MB, checked by the server while streaming', async () => {
    const size = 100 * 1024 * 1024 + 1;
    const gen = generatedStream(size, MAGIC.jpeg, 1024 * 1024);
    const err = await failure(() =>
      imgpile.uploadMedia({
        file: gen.stream,
        filename: 'huge.jpg',
        contentType: 'image/jpeg',
        size,
      }),
    );
    expect(err.kind).toBe('validation');
    expect(err.fieldErrors.file?.[0]).toBe(
      'The file field must not be greater than 102400 kilobytes.',
    );
  });

  it('429 rate limited carries Retry-After and the rate-limit headers', async () => {
    const limited = await startFakeImgpile({ users: { [TOKEN]: 'bot' }, requestsPerMinute: 2 });
    const client = clientFor(limited);
    const media = await upload(client);
    await client.updateMedia(media.slug, { title: 'x' });
    const err = await failure(() => client.updateMedia(media.slug, { title: 'y' }));
    expect(err).toMatchObject({ kind: 'rate_limited', status: 429, message: 'Too Many Attempts.' });
    expect(err.retryAfterMs).toBeGreaterThan(0);
    expect(err.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(err.rateLimit).toEqual({ limit: 2, remaining: 0 });
    expect(err.retryable).toBe(true);
    await client.close();
    await limited.close();
  });

  it('public reads are limited per IP at their own, lower limit', async () => {
    const limited = await startFakeImgpile({ publicRequestsPerMinute: 3 });
    const client = clientFor(limited);
    const first = await client.listPosts();
    expect(first.rateLimit).toEqual({ limit: 3, remaining: 2 });
    await client.listPosts();
    await client.listPosts();
    const err = await failure(() => client.listPosts());
    expect(err.kind).toBe('rate_limited');
    await client.close();
    await limited.close();
  });

  it('451 banned reads the `error` field of the body', async () => {
    const bytes = fileBytes(3000, MAGIC.jpeg, 99);
    fake.ban(sha256(bytes));
    const err = await failure(() => upload(imgpile, bytes, 'banned.jpg', 'image/jpeg'));
    expect(err).toMatchObject({
      kind: 'banned',
      status: 451,
      message: 'This file is not allowed.',
    });
    expect(err.retryable).toBe(false);
  });

  it('400 bad request', async () => {
    fake.inject({
      path: /\/posts$/,
      method: 'POST',
      status: 400,
      body: { message: 'Malformed JSON body.' },
    });
    const err = await failure(() => imgpile.createPost([1]));
    expect(err).toMatchObject({
      kind: 'bad_request',
      status: 400,
      message: 'Malformed JSON body.',
    });
  });

  it('5xx server errors are retryable, and a non-JSON body gives a generic message', async () => {
    fake.inject({ path: /\/posts$/, status: 502, rawBody: '<html>Bad Gateway</html>' });
    const err = await failure(() => imgpile.listPosts());
    expect(err).toMatchObject({
      kind: 'server',
      status: 502,
      message: 'imgpile answered HTTP 502',
    });
    expect(err.retryable).toBe(true);
  });

  it('a 2xx body that is not what the API documents is invalid_response', async () => {
    fake.inject({ path: /\/media\/abc1234$/, status: 200, body: { data: { nope: true } } });
    const err = await failure(() => imgpile.getMedia('abc1234'));
    expect(err.kind).toBe('invalid_response');
    expect(err.message).toMatch(/GET \/media\/abc1234/);
  });

  it('network errors when nothing listens', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise((r) => server.close(r));
    const dead = createImgpileClient({
      apiUrl: `http://127.0.0.1:${port}/api/v1`,
      uploadUrl: `http://127.0.0.1:${port}/api/v1`,
      token: TOKEN,
    });
    const err = await failure(() => dead.listPosts());
    expect(err.kind).toBe('network');
    expect(err.status).toBe(0);
    expect(err.retryable).toBe(true);
    await dead.close();
  });

  it('timeout when the server never answers', async () => {
    const server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const slow = createImgpileClient({
      apiUrl: `http://127.0.0.1:${port}/api/v1`,
      uploadUrl: `http://127.0.0.1:${port}/api/v1`,
      token: TOKEN,
      timeouts: { headersMs: 200 },
    });
    const err = await failure(() => slow.listPosts());
    expect(err.kind).toBe('timeout');
    await slow.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('aborted when the caller aborts an upload', async () => {
    const controller = new AbortController();
    async function* slowFile() {
      yield fileBytes(1000);
      controller.abort();
      await new Promise((r) => setTimeout(r, 50));
      yield fileBytes(1000);
    }
    const err = await failure(() =>
      imgpile.uploadMedia({
        file: slowFile(),
        filename: 'a.png',
        contentType: 'image/png',
        size: 2000,
        signal: controller.signal,
      }),
    );
    expect(err.kind).toBe('aborted');
  });

  it('never puts the token in an error message or its serialised form', async () => {
    const bad = clientFor(fake, 'secret-token-that-is-wrong');
    const err = await failure(() => bad.deleteMedia('abc1234'));
    expect(err.message).not.toContain('secret-token');
    expect(JSON.stringify(err)).not.toContain('secret-token');
    expect(JSON.stringify({ ...err })).not.toContain('secret-token');
    await bad.close();
  });
});

describe('path safety', () => {
  it.each(['../users', 'a/b', '..', '.', 'abc?x=1', 'abc#f', '%2e%2e', ''])(
    'refuses slug %j without sending a request',
    async (slug) => {
      const before = fake.requests.length;
      for (const call of [
        () => imgpile.getMedia(slug),
        () => imgpile.deletePost(slug),
        () => imgpile.updatePost(slug, { title: 'x' }),
        () => imgpile.addComment(slug, 'hi'),
      ]) {
        const err = await failure(call);
        expect(err.kind).toBe('invalid_input');
      }
      expect(fake.requests.length).toBe(before);
    },
  );

  it('refuses usernames, ids and access keys that could change the path or query', async () => {
    const before = fake.requests.length;
    for (const call of [
      () => imgpile.listUserPosts('../posts'),
      () => imgpile.followUser('..'),
      () => imgpile.deleteComment(-1),
      () => imgpile.upvoteComment(1.5),
      () => imgpile.getPost('abc1234', { key: 'x&nsfw=1' }),
      () => imgpile.listPosts({ limit: 251 }),
      () => imgpile.listPosts({ page: 0 }),
    ]) {
      expect((await failure(call)).kind).toBe('invalid_input');
    }
    expect(fake.requests.length).toBe(before);
  });
});

describe('media endpoints', () => {
  it('get, update and delete media the bot owns', async () => {
    const media = await upload(imgpile);
    const updated = await imgpile.updateMedia(media.slug, { title: 'Title', description: 'Desc' });
    expect(updated.body.message).toBe('Media updated successfully');
    const got = await imgpile.getMedia(media.slug);
    expect(got.body.data).toMatchObject({
      slug: media.slug,
      title: 'Title',
      description: 'Desc',
      moderation_status: 'approved',
    });
    const deleted = await imgpile.deleteMedia(media.slug);
    expect(deleted.body.message).toBe('Media deleted successfully.');
    expect((await failure(() => imgpile.getMedia(media.slug))).kind).toBe('not_found');
  });

  it('lists media with filters, hiding NSFW unless asked', async () => {
    const f = await startFakeImgpile({ users: { [TOKEN]: 'bot' } });
    const c = clientFor(f);
    const safe = await upload(c);
    const adult = await upload(c, fileBytes(900, MAGIC.png, 5));
    f.setMediaModeration(adult.slug, 'nsfw');
    const sfw = await c.listMedia();
    expect(sfw.body.data.map((m) => m.slug)).toEqual([safe.slug]);
    const all = await c.listMedia({ nsfw: true, username: 'bot', limit: 50 });
    expect(all.body.data.map((m) => m.slug).sort()).toEqual([safe.slug, adult.slug].sort());
    expect(f.requests.at(-1)!.query).toContain('nsfw=1');
    expect(all.body.meta).toMatchObject({ current_page: 1, per_page: 50, total: 2, last_page: 1 });
    await c.close();
    await f.close();
  });

  it('iterates every page of media by following links.next, keeping the filters', async () => {
    const f = await startFakeImgpile({ users: { [TOKEN]: 'bot' } });
    const c = clientFor(f);
    const slugs = [];
    for (let i = 0; i < 7; i++) slugs.push((await upload(c, fileBytes(100 + i))).slug);
    const seenSlugs = [];
    for await (const m of c.iterateMedia({ limit: 3, username: 'bot' })) seenSlugs.push(m.slug);
    expect(seenSlugs.sort()).toEqual(slugs.sort());
    const pages = f.requests.filter((r) => r.path === '/api/v1/media' && r.method === 'GET');
    expect(pages.map((r) => new URLSearchParams(r.query).get('page'))).toEqual(['1', '2', '3']);
    expect(
      pages.every((r) => r.query.includes('username=bot') && r.query.includes('limit=3')),
    ).toBe(true);
    await c.close();
    await f.close();
  });
});

describe('post endpoints', () => {
  it('creates a post from media ids, in order, and reads it back with paginated media', async () => {
    const a = await upload(imgpile);
    const b = await upload(imgpile, fileBytes(700, MAGIC.jpeg), 'b.jpg', 'image/jpeg');
    const c = await upload(imgpile, fileBytes(800, MAGIC.gif), 'c.gif', 'image/gif');
    const created = await imgpile.createPost([a.id!, b.id!, c.id!]);
    expect(created.status).toBe(201);
    expect(created.body.message).toBe('Post created successfully');
    const full = await imgpile.getPost(created.body.post.slug);
    expect(full.body.data.media?.map((m) => m.slug)).toEqual([a.slug, b.slug, c.slug]);
    const page2 = await imgpile.getPost(created.body.post.slug, { mediaPage: 2, perPage: 2 });
    expect(page2.body.data.media?.map((m) => m.slug)).toEqual([c.slug]);
  });

  it('refuses to create a post from media the user does not own (422)', async () => {
    const theirs = await upload(other);
    const err = await failure(() => imgpile.createPost([theirs.id!]));
    expect(err.kind).toBe('validation');
    expect(Object.keys(err.fieldErrors)).toEqual(['media_ids.0']);
  });

  it('updates title, description, visibility, NSFW and media order', async () => {
    const a = await upload(imgpile);
    const b = await upload(imgpile, fileBytes(600));
    const { body } = await imgpile.createPost([a.id!, b.id!]);
    const slug = body.post.slug;
    const res = await imgpile.updatePost(slug, {
      title: 'Summer',
      description: 'Summer 2026',
      visibility: 'private',
      isNsfw: true,
      mediaOrder: [b.slug, a.slug],
    });
    expect(res.body).toMatchObject({ message: 'Post updated successfully', visibility: 'private' });
    expect(res.body.access_key).toMatch(/^[a-z0-9]+$/);
    const mine = await imgpile.getPost(slug, {}, { authenticated: true });
    expect(mine.body.data).toMatchObject({
      title: 'Summer',
      description: 'Summer 2026',
      moderation_status: 'nsfw',
      visibility: 'private',
      access_key: res.body.access_key,
    });
    expect(mine.body.data.media?.map((m) => m.slug)).toEqual([b.slug, a.slug]);
    // Anyone else needs the key; the owner-only fields stay hidden from them.
    expect((await failure(() => other.getPost(slug))).kind).toBe('not_found');
    const withKey = await other.getPost(slug, { key: res.body.access_key! });
    expect(withKey.body.data.slug).toBe(slug);
    expect(withKey.body.data.visibility).toBeUndefined();
  });

  it('rejects a title over 255 characters with a field error', async () => {
    const a = await upload(imgpile);
    const { body } = await imgpile.createPost([a.id!]);
    const err = await failure(() => imgpile.updatePost(body.post.slug, { title: 'x'.repeat(256) }));
    expect(err.kind).toBe('validation');
    expect(err.fieldErrors.title).toBeDefined();
  });

  it('deletes a post it owns and refuses to delete one it does not', async () => {
    const a = await upload(other);
    const { body } = await other.createPost([a.id!]);
    expect((await failure(() => imgpile.deletePost(body.post.slug))).kind).toBe('forbidden');
    const res = await other.deletePost(body.post.slug);
    expect(res.body.message).toBe('Post deleted successfully');
    expect((await failure(() => other.getPost(body.post.slug))).kind).toBe('not_found');
  });

  it('lists the feed with tag, period, username and NSFW filters; hidden and private never appear', async () => {
    const f = await startFakeImgpile({ otherUsers: ['alice', 'bob'] });
    const c = clientFor(f);
    const old = new Date(Date.now() - 10 * 86_400_000);
    const cats = f.seedPost({ owner: 'alice', title: 'cats', tags: ['cats'] });
    const dogs = f.seedPost({ owner: 'bob', title: 'dogs', tags: ['dogs'], createdAt: old });
    const adult = f.seedPost({ owner: 'bob', title: 'adult', moderation: 'nsfw' });
    f.seedPost({ owner: 'alice', title: 'hidden', visibility: 'hidden' });
    f.seedPost({ owner: 'alice', title: 'private', visibility: 'private' });
    f.seedPost({ owner: 'alice', title: 'pending', moderation: 'pending' });
    f.seedPost({ owner: 'alice', title: 'rejected', moderation: 'rejected' });
    const titles = async (q: Parameters<ImgpileClient['listPosts']>[0]) =>
      (await c.listPosts(q)).body.data.map((p) => p.title);
    expect(await titles({})).toEqual(['cats', 'dogs']);
    expect((await titles({ nsfw: true }))?.sort()).toEqual(['adult', 'cats', 'dogs']);
    expect(await titles({ tag: 'dogs' })).toEqual(['dogs']);
    expect(await titles({ period: 'week' })).toEqual(['cats']);
    expect(await titles({ username: 'bob', nsfw: true, sort: 'latest' })).toEqual([
      'adult',
      'dogs',
    ]);
    const feed = await c.listPosts({ sort: 'random' });
    expect(feed.body.data).toHaveLength(2);
    expect(feed.body.data[0]!.first_media?.urls.original).toMatch(/\/f\/\w+\.jpg$/);
    // Hidden posts open by slug.
    expect((await c.listPosts()).body.data.map((p) => p.slug)).not.toContain(adult.post.slug);
    expect((await c.getPost(cats.post.slug)).body.data.title).toBe('cats');
    expect(dogs.post.title).toBe('dogs');
    await c.close();
    await f.close();
  });

  it('exposes the pagination envelope and iterates every post', async () => {
    const f = await startFakeImgpile({ otherUsers: ['alice'] });
    const c = clientFor(f);
    for (let i = 0; i < 23; i++)
      f.seedPost({ owner: 'alice', title: `p${i}`, createdAt: new Date(Date.now() - i * 1000) });
    const first = await c.listPosts();
    expect(first.body.data).toHaveLength(10);
    expect(first.body.links?.prev).toBeNull();
    expect(first.body.links?.next).toBe(`${f.apiUrl}/posts?page=2`);
    expect(first.body.meta).toMatchObject({
      current_page: 1,
      from: 1,
      to: 10,
      per_page: 10,
      total: 23,
      last_page: 3,
    });
    const all = [];
    for await (const p of c.iteratePosts({ limit: 10 })) all.push(p.title);
    expect(all).toEqual(Array.from({ length: 23 }, (_, i) => `p${i}`));
    await c.close();
    await f.close();
  });
});

describe('votes, comments and users', () => {
  it('post votes toggle and switch direction', async () => {
    const a = await upload(other);
    const { body } = await other.createPost([a.id!]);
    const id = body.post.id;
    expect((await imgpile.upvotePost(id)).body).toEqual({
      message: 'Post upvoted successfully',
      score: 1,
    });
    expect((await imgpile.upvotePost(id)).body.score).toBe(0);
    expect((await imgpile.downvotePost(id)).body).toEqual({
      message: 'Post downvoted successfully',
      score: -1,
    });
    expect((await imgpile.upvotePost(body.post.slug)).body.score).toBe(1);
    const viewed = await imgpile.getPost(body.post.slug, {}, { authenticated: true });
    expect(viewed.body.data.isUpvotedByUser).toBe(true);
  });

  it('comments: add, vote, list by user, delete own only', async () => {
    const a = await upload(other);
    const { body } = await other.createPost([a.id!]);
    const added = await imgpile.addComment(body.post.slug, 'Nice shot!');
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      success: true,
      comment: { content: 'Nice shot!', post_id: body.post.id },
    });
    const id = added.body.comment.id;
    expect((await other.upvoteComment(id)).body.score).toBe(1);
    expect((await other.downvoteComment(id)).body.score).toBe(-1);
    const listed = await imgpile.listUserComments('bot');
    expect(listed.body.data.map((c) => c.id)).toContain(id);
    expect((await failure(() => other.deleteComment(id))).kind).toBe('forbidden');
    expect((await imgpile.deleteComment(id)).body).toEqual({
      success: true,
      message: 'Comment deleted successfully',
    });
    const empty = await failure(() => imgpile.addComment(body.post.slug, ''));
    expect(empty.fieldErrors.content).toEqual(['The content field is required.']);
  });

  it('users: posts, media, follow, followers, following, unfollow', async () => {
    const a = await upload(other);
    await other.createPost([a.id!]);
    const posts = await imgpile.listUserPosts('alice');
    expect(posts.body.data.length).toBeGreaterThan(0);
    expect(posts.body.data.every((p) => p.user?.username === 'alice')).toBe(true);
    const media = await imgpile.listUserMedia('alice', { limit: 250 });
    expect(media.body.data.map((m) => m.slug)).toContain(a.slug);
    expect((await imgpile.followUser('alice')).body.message).toBe('User followed.');
    expect((await imgpile.listUserFollowers('alice')).body.data).toEqual([
      { username: 'bot', avatar: null },
    ]);
    expect((await imgpile.listUserFollowing('bot')).body.data).toEqual([
      { username: 'alice', avatar: null },
    ]);
    expect((await imgpile.unfollowUser('alice')).body.message).toBe('User unfollowed.');
    expect((await imgpile.listUserFollowers('alice')).body.data).toEqual([]);
    expect((await failure(() => imgpile.listUserPosts('nobody'))).kind).toBe('not_found');
  });
});

describe('rate-limit headers and connection reuse', () => {
  it('surfaces X-RateLimit-* on every response and reports each one to onResponse', async () => {
    const media = await upload(imgpile);
    const res = await imgpile.getMedia(media.slug);
    expect(res.rateLimit.limit).toBe(10_000);
    expect(res.rateLimit.remaining).toBeTypeOf('number');
    expect(seen.map((s) => [s.method, s.host, s.endpoint, s.authenticated, s.status])).toEqual([
      ['POST', 'upload', '/media', true, 201],
      ['GET', 'api', `/media/${media.slug}`, false, 200],
    ]);
    expect(seen.every((s) => s.rateLimit.limit === 10_000)).toBe(true);
  });

  it('reads are sent without the token unless asked; writes always carry it', async () => {
    const media = await upload(imgpile);
    await imgpile.getMedia(media.slug);
    await imgpile.getMedia(media.slug, { authenticated: true });
    const gets = fake.requests.filter((r) => r.path === `/api/v1/media/${media.slug}`);
    expect(gets.map((r) => r.authorization)).toEqual([undefined, `Bearer ${TOKEN}`]);
  });
});

describe('withToken: acting as another imgpile user', () => {
  it("attributes the derived client's writes to the other user; the parent still acts as itself", async () => {
    const asAlice = imgpile.withToken(OTHER_TOKEN);
    const hers = await upload(asAlice);
    const mine = await upload(imgpile);
    expect(fake.uploads.find((u) => u.slug === hers.slug)?.user).toBe('alice');
    expect(fake.uploads.find((u) => u.slug === mine.slug)?.user).toBe('bot');
    const { body } = await asAlice.createPost([hers.id!]);
    // Owner-only fields show that imgpile took the derived client for alice, the parent for bot.
    const asOwner = await asAlice.getPost(body.post.slug, {}, { authenticated: true });
    expect(asOwner.body.data.visibility).toBe('public');
    const asBot = await imgpile.getPost(body.post.slug, {}, { authenticated: true });
    expect(asBot.body.data.visibility).toBeUndefined();
    expect((await failure(() => imgpile.deletePost(body.post.slug))).kind).toBe('forbidden');
    expect((await asAlice.deletePost(body.post.slug)).body.message).toBe(
      'Post deleted successfully',
    );
    const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/posts');
    expect(posts.at(-1)).toMatchObject({ user: 'alice', authorization: `Bearer ${OTHER_TOKEN}` });
  });

  it('reads through the derived client stay public unless asked, like the parent', async () => {
    const asAlice = imgpile.withToken(OTHER_TOKEN);
    const media = await upload(asAlice);
    await asAlice.getMedia(media.slug);
    await asAlice.getMedia(media.slug, { authenticated: true });
    const gets = fake.requests.filter((r) => r.path === `/api/v1/media/${media.slug}`);
    expect(gets.map((r) => r.authorization)).toEqual([undefined, `Bearer ${OTHER_TOKEN}`]);
  });

  it("reports a derived client's responses to its own hook when given one, never the parent's", async () => {
    const hers: ResponseInfo[] = [];
    const asAlice = imgpile.withToken(OTHER_TOKEN, { onResponse: (info) => hers.push(info) });
    const before = seen.length;
    await upload(asAlice);
    await asAlice.listPosts();
    expect(hers.map((s) => [s.method, s.endpoint])).toEqual([
      ['POST', '/media'],
      ['GET', '/posts'],
    ]);
    expect(seen.length).toBe(before);
    // A client derived from it keeps its hook unless given another.
    await asAlice.withToken(TOKEN).listPosts();
    expect(hers).toHaveLength(3);
  });

  it('closing the derived client leaves the shared pool, and the parent, working', async () => {
    const parent = clientFor(fake);
    const derived = parent.withToken(OTHER_TOKEN);
    await upload(derived);
    await derived.close();
    const media = await upload(parent);
    expect((await parent.getMedia(media.slug)).body.data.slug).toBe(media.slug);
    await parent.close();
  });

  it("shares the parent's connection pool: closing the parent closes it for both", async () => {
    const parent = clientFor(fake);
    const derived = parent.withToken(OTHER_TOKEN);
    await derived.listPosts();
    await parent.close();
    expect((await failure(() => derived.listPosts())).kind).toBe('network');
  });

  it('keeps the token out of the client object and out of its errors', async () => {
    const secret = 'secret-derived-token-that-is-wrong';
    const derived = imgpile.withToken(secret);
    expect(JSON.stringify(derived)).not.toContain(secret);
    expect(inspect(derived, { depth: 5, showHidden: true })).not.toContain(secret);
    const err = await failure(() => derived.deleteMedia('abc1234'));
    expect(err.kind).toBe('unauthenticated');
    expect(err.message).not.toContain(secret);
    expect(JSON.stringify(err)).not.toContain(secret);
    expect(inspect(err, { depth: 5 })).not.toContain(secret);
  });

  it('refuses a token that could not be a header value', () => {
    for (const bad of ['', 'a b', 'tok\r\nX-Injected: 1']) {
      let thrown: unknown;
      try {
        imgpile.withToken(bad);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(ImgpileError);
      expect((thrown as ImgpileError).kind).toBe('invalid_input');
      expect((thrown as ImgpileError).message).toBe('invalid imgpile token');
    }
  });
});
