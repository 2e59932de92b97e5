import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../fakes/discord.js';
import {
  AFTER_DARK,
  GALLERY,
  GENERAL,
  GUILD,
  alice,
  bob,
  mallory,
  moderator,
} from '../helpers/cast.js';
import { eventually, runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import type { FakeUser } from '../fakes/discord/world/model.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

async function watch(visibility: string) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: moderator,
    path: ['watch', 'add'],
    options: { channel: { channel: GALLERY }, mode: 'media', visibility },
  });
  await eventually(() => i.original(), 5000, 'the watch');
}

/** Bob's file in the watched gallery, once the bot has replied and noted its copies. */
async function bobsFile(seed = 1) {
  const file = p.discord.addAttachment({
    filename: 'cat.png',
    content: fileBytes(3000, MAGIC.png, seed),
    channelId: GALLERY,
  });
  const msg = p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [file] });
  await eventually(
    async () => (await p.services.store.messageCopies.list(GUILD, GALLERY, msg.id)).length > 0,
    15_000,
    'the copies noted',
  );
  return { file, msg, slug: p.created()[0]!.slug };
}

async function find(user: FakeUser, link: string) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user, path: ['find'], options: { link } });
  const reply = await eventually(() => i.original(), 5000, 'the answer');
  expect(reply.flags & 64).toBe(64);
  return reply.content;
}

const messageLink = (messageId: string) =>
  `https://discord.com/channels/${GUILD}/${GALLERY}/${messageId}`;

describe('/imgpile find', () => {
  it("finds the copy of an attachment by its link, expired or not, and of a message by the message's link", async () => {
    p = await startPipeline({ bot: true });
    await watch('public');
    const { file, msg, slug } = await bobsFile();
    const uploads = p.created().length;
    const expired = new URL(file.url);
    expired.search = '?ex=00000001&is=00000000&hm=deadbeef';
    expect(await find(alice, expired.href)).toContain(`/f/${slug}.png`);
    expect(await find(alice, messageLink(msg.id))).toContain(`/f/${slug}.png`);
    // Nothing is uploaded by asking.
    expect(p.created()).toHaveLength(uploads);
  });

  it('says plainly when there is no copy, and when the text is not a link it knows', async () => {
    p = await startPipeline({ bot: true });
    const file = p.discord.addAttachment({
      filename: 'dog.png',
      content: fileBytes(3000, MAGIC.png, 2),
      channelId: GALLERY,
    });
    expect(await find(alice, file.url)).toMatch(/^The bot has made no imgpile copy of that/);
    expect(await find(alice, 'https://example.com/dog.png')).toMatch(/^That is not a Discord/);
    expect(p.created()).toHaveLength(0);
  });

  it('hostile: a forged link (another channel, the same attachment id) finds nothing', async () => {
    p = await startPipeline({ bot: true });
    await watch('public');
    const { file } = await bobsFile(3);
    const forged = new URL(file.url);
    forged.pathname = forged.pathname.replace(`/${GALLERY}/`, `/${GENERAL}/`);
    const answer = await find(mallory, forged.href);
    expect(answer).toMatch(/^The bot has made no imgpile copy of that/);
    expect(answer).not.toContain('/f/');
  });

  it('hostile: a member who cannot see the channel is told there is none they can see', async () => {
    p = await startPipeline({ bot: true });
    await watch('public');
    const { file, msg } = await bobsFile(4);
    p.discord.setOverwrites(GALLERY, [{ id: mallory.id, type: 1, deny: PERMISSIONS.VIEW_CHANNEL }]);
    await new Promise((r) => setTimeout(r, 200)); // CHANNEL_UPDATE reaches the bot
    expect(await find(mallory, file.url)).toBe('There is no imgpile copy of that you can see.');
    expect(await find(mallory, messageLink(msg.id))).toBe(
      'There is no imgpile copy of that you can see.',
    );
  });

  it("hostile: a message link naming a channel the member can see, with a hidden channel's message id, finds nothing", async () => {
    p = await startPipeline({ bot: true });
    await watch('public');
    const { msg, slug } = await bobsFile(6);
    p.discord.setOverwrites(GALLERY, [{ id: mallory.id, type: 1, deny: PERMISSIONS.VIEW_CHANNEL }]);
    await new Promise((r) => setTimeout(r, 200)); // CHANNEL_UPDATE reaches the bot
    const forged = `https://discord.com/channels/${GUILD}/${GENERAL}/${msg.id}`;
    const answer = await find(mallory, forged);
    expect(answer).not.toContain(slug);
    expect(answer).toMatch(/^The bot has made no imgpile copy of that/);
  });

  it("hostile: an age-restricted channel's copies are shown in an age-restricted channel only", async () => {
    p = await startPipeline({ bot: true });
    const add = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: AFTER_DARK }, mode: 'media', visibility: 'public' },
    });
    await eventually(() => add.original(), 5000, 'the watch');
    const file = p.discord.addAttachment({
      filename: 'night.png',
      content: fileBytes(3000, MAGIC.png, 7),
      channelId: AFTER_DARK,
    });
    const msg = p.discord.postMessage({ channelId: AFTER_DARK, author: bob, attachments: [file] });
    await eventually(
      async () => (await p.services.store.messageCopies.list(GUILD, AFTER_DARK, msg.id)).length > 0,
      15_000,
      'the copies noted',
    );
    const slug = p.created()[0]!.slug;
    const link = `https://discord.com/channels/${GUILD}/${AFTER_DARK}/${msg.id}`;
    const there = runImgpile(p.discord, {
      channelId: AFTER_DARK,
      user: alice,
      path: ['find'],
      options: { link },
    });
    expect((await eventually(() => there.original(), 5000, 'the answer')).content).toContain(slug);
    const answer = await find(alice, link);
    expect(answer).not.toContain(slug);
    expect(answer).toBe(
      'That copy is adult content (it comes from an age-restricted channel): ask in an age-restricted channel.',
    );
  });

  it('hostile: a copy in a hidden post is shown to its requester only', async () => {
    p = await startPipeline({ bot: true });
    await watch('hidden');
    const { file, msg, slug } = await bobsFile(5);
    expect(await find(bob, file.url)).toContain(`/f/${slug}.png`);
    expect(await find(bob, messageLink(msg.id))).toContain(`/f/${slug}.png`);
    const post = [...p.imgpile.posts.values()][0]!;
    for (const link of [file.url, messageLink(msg.id)]) {
      const answer = await find(alice, link);
      expect(answer).toBe('There is no imgpile copy of that you can see.');
      expect(answer).not.toContain(post.slug);
    }
  });
});
