import { afterEach, describe, expect, it } from 'vitest';
import { AFTER_DARK, GALLERY, GENERAL, alice, bob, moderator, mallory } from '../helpers/cast.js';
import { eventually, runImgpile, runRehostMessage, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { PERMISSIONS } from '../fakes/discord.js';
import type { UserMessage } from '../fakes/discord/messages.js';
import { messageContentVariant } from '../fakes/discord/gateway/intents.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

async function watch(channel: string, options: Record<string, string> = {}) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: moderator,
    path: ['watch', 'add'],
    options: { channel: { channel }, ...options },
  });
  return (await eventually(() => i.original(), 5000, 'the watch reply')).content;
}

/** The bot's reply to `messageId` in `channelId`. */
const replyTo = (channelId: string, messageId: string) =>
  eventually(
    () =>
      p.discord
        .channelMessages(channelId)
        .find(
          (m) =>
            (m.message_reference as { message_id?: string } | undefined)?.message_id === messageId,
        ),
    15_000,
    `the reply to ${messageId}`,
  );

const slugsIn = (text: string) => [...text.matchAll(/\/f\/([A-Za-z0-9]{7})\./g)].map((m) => m[1]!);

describe('forwarded messages', () => {
  it("a forward into a watched channel rehosts the forwarded files as the forwarder's", async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY, { mode: 'media', visibility: 'public' });
    const original = p.discord.postMessage({
      channelId: GENERAL,
      author: bob,
      attachments: [png('sunset.png')],
    });
    const forward = p.discord.postMessage({ channelId: GALLERY, author: alice, forward: original });
    expect(forward.content).toBe('');
    expect(forward.attachments).toEqual([]);
    const reply = await replyTo(GALLERY, forward.id);
    const [slug] = slugsIn(textOf(reply));
    expect(slug).toBeDefined();
    expect(await p.services.store.ownership.getMediaOwner(slug!)).toMatchObject({
      userId: alice.id,
    });
    await eventually(() => p.discord.reactionsOn(GALLERY, forward.id).includes('✅'), 5000, '✅');
  });

  it('the context menu on a forward rehosts what it carries', async () => {
    p = await startPipeline({ bot: true });
    const original = p.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png('meme.png', 2)],
    });
    const forward = p.discord.postMessage({ channelId: GENERAL, author: alice, forward: original });
    const i = runRehostMessage(p.discord, { channelId: GENERAL, user: mallory, message: forward });
    const content = await eventually(
      () => {
        const c = textOf(i.original());
        return c && !c.startsWith('⏳') ? c : undefined;
      },
      15_000,
      'the final reply',
    );
    const [slug] = slugsIn(content);
    expect(await p.services.store.ownership.getMediaOwner(slug!)).toMatchObject({
      userId: mallory.id,
    });
  });

  it('a forward from an age-restricted channel is flagged as adult content', async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY, { mode: 'media', visibility: 'public' });
    const original = p.discord.postMessage({
      channelId: AFTER_DARK,
      author: bob,
      attachments: [png('late.png', 3)],
    });
    const forward = p.discord.postMessage({ channelId: GALLERY, author: alice, forward: original });
    await replyTo(GALLERY, forward.id);
    const posts = [...p.imgpile.posts.values()];
    expect(posts).toHaveLength(1);
    expect(posts[0]!.isNsfw).toBe(true);
  });

  it("hostile: forwarding another member's privately rehosted file never hands out their copy", async () => {
    p = await startPipeline({ bot: true });
    await watch(GENERAL, { visibility: 'private' });
    await watch(GALLERY, { mode: 'media', visibility: 'public' });
    const original = p.discord.postMessage({
      channelId: GENERAL,
      author: bob,
      attachments: [png('secret.png', 4)],
    });
    await replyTo(GENERAL, original.id);
    const bobsPost = [...p.imgpile.posts.values()][0]!;
    expect(bobsPost.visibility).toBe('private');
    const forward = p.discord.postMessage({ channelId: GALLERY, author: alice, forward: original });
    const reply = textOf(await replyTo(GALLERY, forward.id));
    for (const slug of [...bobsPost.media, bobsPost.slug]) expect(reply).not.toContain(slug);
    expect(reply).not.toContain(bobsPost.accessKey!);
    const [slug] = slugsIn(reply);
    expect(await p.services.store.ownership.getMediaOwner(slug!)).toMatchObject({
      userId: alice.id,
    });
  });
});

describe('the local Discord forwards as Discord does', () => {
  it('a forward carries the original in message_snapshots, with a FORWARD reference', async () => {
    p = await startPipeline({ bot: false });
    const original = p.discord.postMessage({
      channelId: GENERAL,
      author: bob,
      content: 'look',
      attachments: [png('a.png')],
    });
    const forward: UserMessage = p.discord.postMessage({
      channelId: GALLERY,
      author: alice,
      forward: original,
    });
    expect(forward.message_reference).toMatchObject({
      type: 1,
      message_id: original.id,
      channel_id: GENERAL,
    });
    expect(Number(forward.flags) & (1 << 14)).toBe(1 << 14);
    const [snapshot] = forward.message_snapshots as { message: Record<string, unknown> }[];
    expect(snapshot!.message).toMatchObject({
      content: 'look',
      attachments: original.attachments,
    });
    expect(snapshot!.message).not.toHaveProperty('author');
    expect(snapshot!.message).not.toHaveProperty('id');
  });

  it('a member cannot forward from a channel they cannot see', async () => {
    p = await startPipeline({ bot: false });
    const original = p.discord.postMessage({ channelId: GENERAL, author: bob, content: 'x' });
    p.discord.setOverwrites(GENERAL, [{ id: alice.id, type: 1, deny: PERMISSIONS.VIEW_CHANNEL }]);
    expect(() =>
      p.discord.postMessage({ channelId: GALLERY, author: alice, forward: original }),
    ).toThrow(/cannot see/);
  });

  it("without the Message Content intent a forward's snapshot arrives emptied", async () => {
    p = await startPipeline({ bot: false });
    const original = p.discord.postMessage({
      channelId: GENERAL,
      author: bob,
      content: 'look',
      attachments: [png('a.png')],
    });
    const forward = p.discord.postMessage({ channelId: GALLERY, author: alice, forward: original });
    const { variant, stripped } = messageContentVariant(forward, '1300000000000000001');
    expect(variant(0)).toBe('stripped');
    const [snapshot] = stripped().message_snapshots as { message: Record<string, unknown> }[];
    expect(snapshot!.message).toMatchObject({ content: '', attachments: [], embeds: [] });
  });
});
