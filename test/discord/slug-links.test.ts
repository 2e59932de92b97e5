import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../fakes/discord.js';
import { GENERAL, alice, bob } from '../helpers/cast.js';
import { eventually, runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const site = () => new URL(p.imgpile.apiUrl).origin;

/** The first answer a command gives: its reply, or the follow-up an error makes. */
async function answer(user: FakeUser, path: string[], options: Record<string, string>) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user, path, options });
  const reply = await eventually(
    () => {
      const o = i.original();
      if (o && (o.content || o.embeds.length || o.components.length)) return o;
      return i.followUps()[0];
    },
    10_000,
    'the answer',
  );
  return { reply, text: JSON.stringify(reply) };
}

/** One file rehosted for alice with the bot's account: its slug and file extension. */
async function rehostForAlice() {
  const att = p.discord.addAttachment({
    filename: 'f.png',
    content: fileBytes(2000, MAGIC.png, 1),
    contentType: 'image/png',
  });
  const result = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
  const file = result.files[0]!;
  if (file.status !== 'uploaded') throw new Error(file.reason);
  return file.media.slug;
}

describe('the bot’s own links work wherever a command takes a slug', () => {
  it('post view reads a private post with the key of its link, shown to nobody', async () => {
    p = await startPipeline({ bot: true });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'Secret', visibility: 'private' });
    const link = `${site()}/p/${post.slug}?key=${post.accessKey}`;
    const { reply, text } = await answer(bob, ['post', 'view'], { slug: link });
    expect(text).toContain('Secret');
    expect(reply.flags & 64).toBe(64);
    expect(text).not.toContain(post.accessKey!);
    const read = p.imgpile.requests.find((r) => r.path === `/api/v1/posts/${post.slug}`);
    expect(read).toBeDefined();
  });

  it('a key in the link and a different key option are refused, nothing read', async () => {
    p = await startPipeline({ bot: true });
    const { post } = p.imgpile.seedPost({ owner: 'carol', visibility: 'private' });
    const link = `${site()}/p/${post.slug}?key=${post.accessKey}`;
    const { text } = await answer(bob, ['post', 'view'], { slug: link, key: 'otherkey' });
    expect(text).toContain('different key');
    expect(p.imgpile.requests.filter((r) => r.path.startsWith('/api/v1/posts/'))).toHaveLength(0);
  });

  it('media delete takes a size variant’s link (…_md.png) of the member’s own file', async () => {
    p = await startPipeline({ bot: true });
    const slug = await rehostForAlice();
    const link = `${p.imgpile.cdnOrigin}/f/${slug}_md.png`;
    const { text } = await answer(alice, ['media', 'delete'], { slug: link });
    expect(text).toContain('Deleted');
    expect(p.imgpile.media.has(slug)).toBe(false);
  });

  it('refuses another host’s link with its reason, before any imgpile call', async () => {
    p = await startPipeline({ bot: true });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'Public' });
    const before = p.imgpile.requests.length;
    for (const slug of [
      `https://evil.example/p/${post.slug}`,
      `${site()}/x/../p/${post.slug}`,
      `${site()}/p/${post.slug}\u200b`,
    ]) {
      const { reply, text } = await answer(alice, ['post', 'view'], { slug });
      expect(reply.flags & 64).toBe(64);
      expect(text).not.toContain('Public');
      expect(text).toMatch(/own links|does not point|other characters/);
    }
    expect(p.imgpile.requests.length).toBe(before);
  });

  it('a file link where a post is wanted says so', async () => {
    p = await startPipeline({ bot: true });
    const { media } = p.imgpile.seedPost({ owner: 'carol' });
    const { text } = await answer(alice, ['post', 'delete'], {
      slug: `${p.imgpile.cdnOrigin}/f/${media.slug}.jpg`,
    });
    expect(text).toContain('a link to a file, not a post');
  });
});
