import { afterEach, describe, expect, it } from 'vitest';
import { GENERAL, alice, bob } from '../helpers/cast.js';
import {
  buttonsOf,
  eventually,
  finalReply,
  pressButton,
  runImgpile,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

let seed = 900;
const png = (name: string) =>
  p.discord.addAttachment({
    filename: name,
    content: fileBytes(3000, MAGIC.png, (seed += 1)),
    contentType: 'image/png',
  });

describe('direct links at a chosen size from a gallery reply', () => {
  it('a size button gives the presser alone every picture at that size', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png'), file2: png('b.png') },
    });
    const reply = await finalReply(i);
    const post = [...p.imgpile.posts.values()][0]!;
    expect(buttonsOf(reply).map((b) => b.label)).toEqual(
      expect.arrayContaining(['Links: xs', 'sm', 'md', 'lg', 'xl']),
    );
    const xl = buttonsOf(reply).find((b) => b.label === 'xl')!.custom_id!;
    expect(xl).toBe('sizes:xl');
    const before = p.imgpile.requests.length;
    const pressed = pressButton(p.discord, {
      channelId: GENERAL,
      user: bob,
      customId: xl,
      message: reply,
    });
    const answer = await eventually(() => pressed.original(), 5000, 'the links');
    expect(answer.flags & 64).toBe(64);
    const links = answer.content.split('\n').slice(1);
    expect(links).toEqual(post.media.map((slug) => `${p.imgpile.cdnOrigin}/f/${slug}_xl.png`));
    expect(p.imgpile.requests.length).toBe(before);
  });

  it("reads only the gallery's pictures: a file name posing as a link is never handed out", async () => {
    p = await startPipeline({ bot: true });
    const message = {
      id: '1',
      flags: 1 << 15,
      components: [
        {
          type: 17,
          components: [
            { type: 10, content: '`https://evil.example/f/abcdefg.png` x' },
            { type: 1, components: [{ type: 2, style: 2, label: 'md', custom_id: 'sizes:md' }] },
          ],
        },
      ],
    };
    const pressed = pressButton(p.discord, {
      channelId: GENERAL,
      user: bob,
      customId: 'sizes:md',
      message,
    });
    const answer = await eventually(
      () => pressed.original()?.content || undefined,
      5000,
      'the answer',
    );
    expect(answer).toBe('This message has no direct links of imgpile files.');
  });
});
