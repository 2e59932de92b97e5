import { afterEach, describe, expect, it } from 'vitest';
import { gifvLinkEmbed } from '../fakes/discord.js';
import { GALLERY, GENERAL, bob, moderator } from '../helpers/cast.js';
import { eventually, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const PAGE = 'https://tenor.com/view/dancing-cat-123456';

async function watch(channel: string) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: moderator,
    path: ['watch', 'add'],
    options: { channel: { channel }, mode: 'media', visibility: 'public' },
  });
  return (await eventually(() => i.original(), 5000, 'the watch reply')).content;
}

/** A GIF site's video, served by the local Discord's CDN (a media proxy link). */
const video = (seed = 1) =>
  p.discord.addAttachment({
    filename: 'dancing-cat.mp4',
    content: fileBytes(4000, MAGIC.mp4, seed),
    contentType: 'video/mp4',
    channelId: GALLERY,
  });

const replies = (channelId: string, messageId: string) =>
  p.discord
    .channelMessages(channelId)
    .filter(
      (m) => (m.message_reference as { message_id?: string } | undefined)?.message_id === messageId,
    );

const settle = () => new Promise((r) => setTimeout(r, 600));

describe('late embeds', () => {
  it("a GIF link's video that Discord embeds a moment later is rehosted then, once", async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY);
    const msg = p.discord.postMessage({ channelId: GALLERY, author: bob, content: PAGE });
    await settle();
    expect(replies(GALLERY, msg.id)).toHaveLength(0);
    const gif = video();
    const update = p.discord.addEmbeds({
      channelId: GALLERY,
      messageId: msg.id,
      embeds: [gifvLinkEmbed(PAGE, gif.url)],
    });
    expect(update).not.toHaveProperty('author');
    const reply = await eventually(() => replies(GALLERY, msg.id)[0], 15_000, 'the reply');
    expect(textOf(reply)).toContain('/f/');
    expect(p.created()).toHaveLength(1);
    expect(await p.services.store.ownership.getMediaOwner(p.created()[0]!.slug)).toMatchObject({
      userId: bob.id,
    });
    // Discord sends the update again (another unfurl pass): nothing is rehosted twice.
    p.discord.addEmbeds({ channelId: GALLERY, messageId: msg.id, embeds: [] });
    await settle();
    expect(p.created()).toHaveLength(1);
    expect(replies(GALLERY, msg.id)).toHaveLength(1);
  });

  it("a late embed never rehosts the message's own files again", async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY);
    const own = p.discord.addAttachment({
      filename: 'own.png',
      content: fileBytes(3000, MAGIC.png, 9),
      channelId: GALLERY,
    });
    const msg = p.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      content: PAGE,
      attachments: [own],
    });
    await eventually(() => replies(GALLERY, msg.id)[0], 15_000, 'the first reply');
    expect(p.created()).toHaveLength(1);
    const gif = video(2);
    p.discord.addEmbeds({
      channelId: GALLERY,
      messageId: msg.id,
      embeds: [gifvLinkEmbed(PAGE, gif.url)],
    });
    await eventually(() => replies(GALLERY, msg.id)[1], 15_000, 'the second reply');
    await settle();
    expect(p.created()).toHaveLength(2);
    expect(p.created().map((u) => u.filename)).toEqual(['own.png', 'dancing-cat.mp4']);
    expect(replies(GALLERY, msg.id)).toHaveLength(2);
  });

  it('an update in an unwatched channel costs no Discord call and rehosts nothing', async () => {
    p = await startPipeline({ bot: true });
    const msg = p.discord.postMessage({ channelId: GENERAL, author: bob, content: PAGE });
    const before = p.discord.restCalls.length;
    p.discord.addEmbeds({
      channelId: GENERAL,
      messageId: msg.id,
      embeds: [gifvLinkEmbed(PAGE, video(3).url)],
    });
    await settle();
    expect(p.discord.restCalls.slice(before)).toEqual([]);
    expect(p.created()).toHaveLength(0);
  });

  it('with the intents the bot already has and no Message Content, Discord sends no embeds: nothing is read or rehosted', async () => {
    p = await startPipeline({
      bot: true,
      discord: { privilegedIntents: { messageContent: false } },
    });
    await watch(GALLERY);
    const msg = p.discord.postMessage({ channelId: GALLERY, author: bob, content: PAGE });
    const before = p.discord.restCalls.length;
    p.discord.addEmbeds({
      channelId: GALLERY,
      messageId: msg.id,
      embeds: [gifvLinkEmbed(PAGE, video(4).url)],
    });
    await settle();
    expect(p.discord.restCalls.slice(before).filter((c) => c.method === 'GET')).toEqual([]);
    expect(p.created()).toHaveLength(0);
  });
});
