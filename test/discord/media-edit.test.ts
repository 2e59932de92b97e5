import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../fakes/discord.js';
import { ACCOUNT_KEY, linkAccount } from '../helpers/accounts.js';
import { ALICE_TOKEN, GENERAL, IMGPILE_TOKEN, alice, bob, moderator } from '../helpers/cast.js';
import {
  eventually,
  finalReply,
  runImgpile,
  runRehostMessage,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

let seed = 100;
const png = (name: string) =>
  p.discord.addAttachment({
    filename: name,
    content: fileBytes(3000, MAGIC.png, (seed += 1)),
    contentType: 'image/png',
  });

async function command(user: FakeUser, path: string[], options: Record<string, string | boolean>) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user, path, options });
  const reply = await eventually(() => (i.original()?.content ? i.original() : undefined), 10_000);
  expect(reply.flags & 64).toBe(64);
  return reply.content;
}

async function uploadOne(user: FakeUser, options: Record<string, string | boolean> = {}) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user,
    path: ['upload'],
    options: { file: png('one.png'), ...options },
  });
  await finalReply(i);
  return p.created().at(-1)!;
}

describe('/imgpile media edit', () => {
  it("a bot-made file: its uploader (or Manage Messages) may retitle it with the bot's token; another member sends nothing", async () => {
    p = await startPipeline({ bot: true });
    const media = await uploadOne(alice);

    const before = p.imgpile.requests.length;
    expect(await command(bob, ['media', 'edit'], { slug: media.slug, title: 'Hijacked' })).toMatch(
      /^Only the person who uploaded that media/,
    );
    expect(p.imgpile.requests.length).toBe(before);
    expect(p.imgpile.media.get(media.slug)!.title).toBeNull();

    expect(
      await command(alice, ['media', 'edit'], {
        slug: `${p.imgpile.cdnOrigin}/f/${media.slug}.png`,
        title: 'Sunset',
        description: 'Over the bay',
      }),
    ).toBe(`Updated the file \`${media.slug}\`.`);
    expect(p.imgpile.media.get(media.slug)).toMatchObject({
      title: 'Sunset',
      description: 'Over the bay',
    });
    expect(p.imgpile.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/api/v1/media/${media.slug}`,
      authorization: `Bearer ${IMGPILE_TOKEN}`,
    });

    await command(moderator, ['media', 'edit'], { slug: media.slug, description: 'Moderated' });
    expect(p.imgpile.media.get(media.slug)!.description).toBe('Moderated');
  });

  it('nothing to change is refused before imgpile is asked', async () => {
    p = await startPipeline({ bot: true });
    const media = await uploadOne(alice);
    const before = p.imgpile.requests.length;
    expect(await command(alice, ['media', 'edit'], { slug: media.slug })).toBe(
      'Nothing to change: give a title or a description.',
    );
    expect(p.imgpile.requests.length).toBe(before);
  });

  it("a linked member's own file is changed with their token; another user's is 'not yours on imgpile' and stays", async () => {
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const own = await uploadOne(alice);
    expect(p.imgpile.media.get(own.slug)!.owner).toBe('alice-ip');
    expect(await command(alice, ['media', 'edit'], { slug: own.slug, title: 'Mine' })).toBe(
      `Updated the file \`${own.slug}\`.`,
    );
    expect(p.imgpile.media.get(own.slug)!.title).toBe('Mine');
    expect(p.imgpile.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      authorization: `Bearer ${ALICE_TOKEN}`,
    });

    const carols = p.imgpile.seedPost({ owner: 'carol' });
    expect(
      await command(alice, ['media', 'edit'], { slug: carols.media.slug, title: 'Stolen' }),
    ).toBe('That file is not yours on imgpile.');
    expect(p.imgpile.media.get(carols.media.slug)!.title).not.toBe('Stolen');
  });
});

describe('/imgpile upload of one file with a title', () => {
  it('puts the title and description on the file and answers with its direct link: no post is made', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('sunset.png'), title: 'Sunset', description: 'Over the bay' },
    });
    const reply = textOf(await finalReply(i));
    const media = p.created().at(-1)!;
    await eventually(() => p.imgpile.media.get(media.slug)!.title === 'Sunset', 5000, 'the title');
    expect(p.imgpile.media.get(media.slug)!.description).toBe('Over the bay');
    expect(p.imgpile.posts.size).toBe(0);
    expect(reply).toContain(`${p.imgpile.cdnOrigin}/f/${media.slug}.png`);
    expect(reply).not.toContain('/p/');
  });

  it("never retitles another member's upload of the same attachment: the member gets a file of their own", async () => {
    p = await startPipeline({ bot: true });
    const att = png('shared.png');
    await finalReply(
      runImgpile(p.discord, {
        channelId: GENERAL,
        user: bob,
        path: ['upload'],
        options: { file: att },
      }),
    );
    const bobs = p.created().at(-1)!;
    await finalReply(
      runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['upload'],
        options: { file: att, title: 'Mine now' },
      }),
    );
    const alices = p.created().at(-1)!;
    expect(alices.slug).not.toBe(bobs.slug);
    await eventually(() => p.imgpile.media.get(alices.slug)!.title === 'Mine now', 5000);
    expect(p.imgpile.media.get(bobs.slug)!.title).toBeNull();
  });
});

describe('the message menu on a message of several files', () => {
  it('groups them into one post, in the message order, as /imgpile upload does', async () => {
    p = await startPipeline({ bot: true });
    const files = [png('first.png'), png('second.png'), png('third.png')];
    const msg = p.discord.postMessage({ channelId: GENERAL, author: bob, attachments: files });
    const i = runRehostMessage(p.discord, { channelId: GENERAL, user: alice, message: msg });
    const reply = textOf(await finalReply(i));
    expect(p.imgpile.posts.size).toBe(1);
    const [post] = [...p.imgpile.posts.values()];
    const slugs = await Promise.all(
      files.map(async (f) => (await p.services.store.uploads.getUpload(f.id))!.slug),
    );
    expect(post!.media).toEqual(slugs);
    expect(reply).toContain(`/p/${post!.slug}`);
  });
});
