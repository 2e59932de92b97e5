/**
 * The local imgpile against the API document itself, with plain fetch: the places where a
 * fake kinder than imgpile would hide bugs in the code under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startFakeImgpile, type FakeImgpile } from './imgpile.js';

const TOKEN = 'fake-test-token';
const OTHER_TOKEN = 'fake-other-token';
const PROCESSING_MS = 150;

let fake: FakeImgpile;

beforeAll(async () => {
  fake = await startFakeImgpile({
    users: { [TOKEN]: 'bot', [OTHER_TOKEN]: 'alice' },
    otherUsers: ['carol'],
    requestsPerMinute: 10_000,
    publicRequestsPerMinute: 10_000,
    processingMs: PROCESSING_MS,
  });
});

afterAll(async () => {
  await fake.close();
});

type Json = Record<string, unknown> & { data?: Record<string, unknown> };

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const { token, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(`${fake.apiUrl}${path}`, { ...rest, headers });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

async function uploadPng(token = TOKEN) {
  const form = new FormData();
  form.append('file', new Blob([fileBytes(1000, MAGIC.png)], { type: 'image/png' }), 'a.png');
  const res = await fetch(`${fake.uploadUrl}/media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(res.status).toBe(201);
  const { media } = (await res.json()) as { media: Json & { id: number; slug: string } };
  return media;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('processed', () => {
  it('a new upload is unprocessed, with only its original URL, until processingMs has passed', async () => {
    const media = await uploadPng();
    expect(media.processed).toBe(false);
    expect(Object.keys(media.urls as object)).toEqual(['original']);
    await sleep(PROCESSING_MS + 50);
    const { body } = await call(`/media/${media.slug}`);
    expect(body.data?.processed).toBe(true);
    expect(body.data?.urls).toMatchObject({
      original: `${fake.cdnOrigin}/f/${media.slug}.png`,
      md: `${fake.cdnOrigin}/f/${media.slug}_md.png`,
    });
  });
});

describe('lists', () => {
  it('refuses ?limit above 250 with a 422 field error, and accepts 250', async () => {
    const refused = await call('/posts?limit=251');
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual({
      limit: ['The limit field must not be greater than 250.'],
    });
    expect((await call('/media?limit=250')).status).toBe(200);
  });

  it('a hidden post opens by its slug but never appears in a feed', async () => {
    const { post } = fake.seedPost({ owner: 'carol', title: 'hidden', visibility: 'hidden' });
    const slugs = async (path: string) =>
      ((await call(path)).body.data as unknown as { slug: string }[]).map((p) => p.slug);
    expect(await slugs('/posts?limit=250')).not.toContain(post.slug);
    expect(await slugs('/users/carol/posts')).not.toContain(post.slug);
    const single = await call(`/posts/${post.slug}`);
    expect(single.status).toBe(200);
    expect(single.body.data?.title).toBe('hidden');
  });
});

describe('visibility and viewer fields', () => {
  it('a private post is 404 without its key or with a wrong one, and shows no owner fields to others', async () => {
    const { post } = fake.seedPost({ owner: 'alice', visibility: 'private' });
    expect((await call(`/posts/${post.slug}`)).status).toBe(404);
    expect((await call(`/posts/${post.slug}?key=wrong`, { token: TOKEN })).status).toBe(404);
    const withKey = await call(`/posts/${post.slug}?key=${post.accessKey}`, { token: TOKEN });
    expect(withKey.status).toBe(200);
    expect(withKey.body.data).not.toHaveProperty('visibility');
    expect(withKey.body.data).not.toHaveProperty('access_key');
    const owner = await call(`/posts/${post.slug}`, { token: OTHER_TOKEN });
    expect(owner.body.data).toMatchObject({ visibility: 'private', access_key: post.accessKey });
  });

  it('votes toggle, and isUpvotedByUser is about the authenticated viewer', async () => {
    const { post } = fake.seedPost({ owner: 'carol' });
    const vote = () => call(`/posts/${post.id}/upvote`, { method: 'POST', token: TOKEN });
    expect((await vote()).body.score).toBe(1);
    const mine = await call(`/posts/${post.slug}`, { token: TOKEN });
    expect(mine.body.data).toMatchObject({ isUpvotedByUser: true, isDownvotedByUser: false });
    const theirs = await call(`/posts/${post.slug}`, { token: OTHER_TOKEN });
    expect(theirs.body.data?.isUpvotedByUser).toBe(false);
    expect((await vote()).body.score).toBe(0);
  });
});

describe('routes and errors', () => {
  it('carries the X-RateLimit-* headers on errors too, a bad token included', async () => {
    for (const res of [
      await call('/posts/zzzzzzz'),
      await call('/nothing-here'),
      await call('/posts', { method: 'POST', token: 'not-a-token' }),
    ]) {
      expect(res.headers.get('x-ratelimit-limit')).toBe('10000');
      expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    }
  });

  it('answers unknown routes 404, known paths with another method 405, uploads on the API host 405', async () => {
    expect(await call('/posts/abc1234/nope')).toMatchObject({
      status: 404,
      body: { message: 'Not Found.' },
    });
    expect((await call('/posts', { method: 'PUT', token: TOKEN })).status).toBe(405);
    expect(await call('/media', { method: 'POST', token: TOKEN })).toMatchObject({
      status: 405,
      body: {
        message:
          'The POST method is not supported for route api/v1/media. Supported methods: GET, HEAD.',
      },
    });
  });

  it('asks for a token before looking the resource up', async () => {
    expect(await call('/posts/zzzzzzz', { method: 'DELETE' })).toMatchObject({
      status: 401,
      body: { message: 'Unauthenticated.' },
    });
  });
});

describe('a media belongs to one post', () => {
  const create = (ids: number[], token = TOKEN) =>
    call('/posts', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ media_ids: ids }),
    });

  it('a media already in a post, or named twice, is refused; once its post is deleted it is free', async () => {
    const [a, b] = [await uploadPng(), await uploadPng()];
    const first = await create([a.id, b.id]);
    expect(first.status).toBe(201);
    const again = await create([b.id]);
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual({ 'media_ids.0': ['The selected media_ids.0 is invalid.'] });
    const c = await uploadPng();
    expect((await create([c.id, c.id])).status).toBe(422);
    // The refused post took nothing: the first still holds both, in order.
    const slug = (first.body.post as { slug: string }).slug;
    const held = await call(`/posts/${slug}`);
    expect((held.body.data?.media as { slug: string }[]).map((m) => m.slug)).toEqual([
      a.slug,
      b.slug,
    ]);
    expect((await call(`/posts/${slug}`, { method: 'DELETE', token: TOKEN })).status).toBe(200);
    expect((await create([b.id])).status).toBe(201);
  });

  it('an answer lost after the work (afterWork): the post exists though the client heard 502', async () => {
    const m = await uploadPng();
    const before = fake.posts.size;
    fake.inject({ method: 'POST', path: /\/posts$/, status: 502, afterWork: true });
    expect((await create([m.id])).status).toBe(502);
    expect(fake.posts.size).toBe(before + 1);
    const made = [...fake.posts.values()].at(-1)!;
    expect(made.media).toEqual([m.slug]);
  });
});
