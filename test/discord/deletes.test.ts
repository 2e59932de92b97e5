import { afterEach, describe, expect, it } from 'vitest';
import { GALLERY, GENERAL, GUILD, OTHER_GUILD, bob, moderator } from '../helpers/cast.js';
import { eventually, runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({
    filename: name,
    content: fileBytes(3000, MAGIC.png, seed),
    channelId: GALLERY,
  });

async function imgpile(path: string[], options: Parameters<typeof runImgpile>[1]['options'] = {}) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user: moderator, path, options });
  return (await eventually(() => i.original(), 5000, path.join(' '))).content;
}

/** Bob posts a file in the watched gallery; resolves with the message and the bot's reply. */
async function postAndWait(seed: number) {
  const msg = p.discord.postMessage({
    channelId: GALLERY,
    author: bob,
    attachments: [png(`f${seed}.png`, seed)],
  });
  const reply = await eventually(
    () =>
      p.discord
        .channelMessages(GALLERY)
        .find(
          (m) =>
            (m.message_reference as { message_id?: string } | undefined)?.message_id === msg.id,
        ),
    15_000,
    'the reply',
  );
  // The copies are noted right after the reply is sent.
  await eventually(
    async () => (await p.services.store.messageCopies.list(GUILD, GALLERY, msg.id)).length > 0,
    5_000,
    'the copies noted',
  );
  return { msg, reply };
}

const settle = () => new Promise((r) => setTimeout(r, 800));

describe('a deleted watched message', () => {
  it('by default its copies and the reply stay', async () => {
    p = await startPipeline({ bot: true });
    await imgpile(['watch', 'add'], {
      channel: { channel: GALLERY },
      mode: 'media',
      visibility: 'public',
    });
    const { msg, reply } = await postAndWait(1);
    p.discord.deleteMessages({ channelId: GALLERY, messageIds: [msg.id] });
    await settle();
    expect(p.imgpile.media.has(p.created()[0]!.slug)).toBe(true);
    expect(p.discord.messages.has(reply.id)).toBe(true);
  });

  it('deleted: delete removes the copies from imgpile and the reply', async () => {
    p = await startPipeline({ bot: true });
    expect(await imgpile(['settings'], { deleted: 'delete' })).toMatch(
      /Deleted messages: \*\*delete\*\*/,
    );
    await imgpile(['watch', 'add'], {
      channel: { channel: GALLERY },
      mode: 'media',
      visibility: 'public',
    });
    const { msg, reply } = await postAndWait(2);
    const slug = p.created()[0]!.slug;
    p.discord.deleteMessages({ channelId: GALLERY, messageIds: [msg.id] });
    await eventually(() => !p.imgpile.media.has(slug), 10_000, 'the media deleted');
    await eventually(() => !p.discord.messages.has(reply.id), 5_000, 'the reply removed');
    expect(await p.services.store.ownership.getMediaOwner(slug)).toBeNull();
  });

  it('deleted: hide makes a public post hidden and removes the reply; a bulk delete follows each message', async () => {
    p = await startPipeline({ bot: true });
    await imgpile(['settings'], { deleted: 'hide' });
    await imgpile(['watch', 'add'], {
      channel: { channel: GALLERY },
      mode: 'post',
      visibility: 'public',
    });
    const one = await postAndWait(3);
    const two = await postAndWait(4);
    const posts = [...p.imgpile.posts.values()];
    expect(posts.map((x) => x.visibility)).toEqual(['public', 'public']);
    p.discord.deleteMessages({ channelId: GALLERY, messageIds: [one.msg.id, two.msg.id] });
    await eventually(
      () => posts.every((x) => x.visibility === 'hidden'),
      10_000,
      'both posts hidden',
    );
    await eventually(
      () => !p.discord.messages.has(one.reply.id) && !p.discord.messages.has(two.reply.id),
      5_000,
      'both replies removed',
    );
    // Hidden, not deleted.
    expect(p.imgpile.media.size).toBe(2);
  });

  it('hostile: a delete naming the message in another server touches nothing', async () => {
    p = await startPipeline({ bot: true });
    await imgpile(['settings'], { deleted: 'delete' });
    await imgpile(['watch', 'add'], {
      channel: { channel: GALLERY },
      mode: 'media',
      visibility: 'public',
    });
    const { msg, reply } = await postAndWait(5);
    expect(await p.services.store.messageCopies.take(OTHER_GUILD, msg.id)).toEqual([]);
    expect(await p.services.store.messageCopies.list(GUILD, GALLERY, msg.id)).toHaveLength(1);
    // Another channel of the same server, whose message has the id: not the watched message.
    p.discord.deleteMessages({ channelId: GENERAL, messageIds: [msg.id] });
    await settle();
    expect(p.imgpile.media.has(p.created()[0]!.slug)).toBe(true);
    expect(p.discord.messages.has(reply.id)).toBe(true);
  });
});
