import { afterEach, describe, expect, it } from 'vitest';
import { AFTER_DARK, GENERAL, alice, bob } from '../helpers/cast.js';
import {
  eventually,
  finalReply,
  pressButton,
  runImgpile,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { galleryPictures, sizedLinks } from '../../src/discord/views/sizes.js';

let p: Pipeline;
let running: Pipeline | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function pipeline() {
  p = running = await startPipeline({ bot: true });
}

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

/** Alice's gallery reply of a rehost in `channelId`, as drawn again once the variants exist. */
async function gallery(channelId: string, options: Parameters<typeof runImgpile>[1]['options']) {
  const i = runImgpile(p.discord, { channelId, user: alice, path: ['upload'], options });
  await finalReply(i);
  await p.followUpsDone();
  return i.original()!;
}

/**
 * The size buttons' handler and view (`rehostReply({ sizes: true })`) on the gallery reply the
 * bot sent (test/discord/replies.test.ts): Discord sends the press with the message as it holds
 * it, so the links read are the bot's own.
 */
describe('direct links at a chosen size from a gallery reply', () => {
  it('a size button gives the presser alone every picture of the gallery at that size', async () => {
    await pipeline();
    const cdn = p.imgpile.cdnOrigin;
    const video = p.discord.addAttachment({
      filename: 'clip.mp4',
      content: fileBytes(4000, MAGIC.mp4, 3),
      contentType: 'video/mp4',
    });
    const reply = await gallery(GENERAL, { file: png('a.png'), file2: video });
    const [picture, clip] = p.created();
    const before = p.imgpile.requests.length;
    const pressed = pressButton(p.discord, { user: bob, customId: 'sizes:xl', message: reply });
    const answer = await eventually(() => pressed.original(), 5000, 'the links');
    expect(answer.flags & 64).toBe(64);
    expect(answer.content.split('\n').slice(1)).toEqual([
      `${cdn}/f/${picture!.slug}_xl.png`,
      `${cdn}/f/${clip!.slug}_thumb.jpg`,
    ]);
    expect(p.imgpile.requests.length).toBe(before);
  });

  it("reads only the gallery's pictures: a file name posing as a link is never handed out", async () => {
    await pipeline();
    // Discord keeps no slash in a file name: this is as close to a link as a name gets.
    const evil = 'https-evil.example-f-abcdefg.png';
    const reply = await gallery(GENERAL, { file: png(evil) });
    expect(textOf(reply)).toContain(evil);
    const pressed = pressButton(p.discord, { user: bob, customId: 'sizes:md', message: reply });
    const answer = await eventually(
      () => pressed.original()?.content || undefined,
      5000,
      'the answer',
    );
    expect(answer.split('\n').slice(1)).toEqual([
      `${p.imgpile.cdnOrigin}/f/${p.created()[0]!.slug}_md.png`,
    ]);
    expect(answer).not.toContain('evil');
  });

  it('hostile: a spoilered picture (adult) is given behind a spoiler too', async () => {
    await pipeline();
    const cdn = p.imgpile.cdnOrigin;
    const reply = await gallery(AFTER_DARK, { file: png('night.png'), file2: png('day.png', 2) });
    expect(JSON.stringify(reply.components)).toContain('"spoiler":true');
    const pressed = pressButton(p.discord, { user: bob, customId: 'sizes:lg', message: reply });
    const answer = await eventually(() => pressed.original(), 5000, 'the links');
    expect(answer.content.split('\n').slice(1)).toEqual(
      p.created().map((u) => `||${cdn}/f/${u.slug}_lg.png||`),
    );
  });

  it('a message with no gallery gives no links, whatever its text says (the press says so)', () => {
    // Discord only sends a press with the bot's own gallery reply; the handler reads the
    // message it gets, so this pins what it reads from one with text posing as a link.
    const components = [
      {
        type: 17,
        components: [
          { type: 10, content: '`https://evil.example/f/abcdefg.png` x' },
          { type: 1, components: [{ type: 2, style: 2, label: 'md', custom_id: 'sizes:md' }] },
        ],
      },
    ];
    expect(galleryPictures(components)).toEqual([]);
    expect(sizedLinks(galleryPictures(components), 'md')).toEqual([]);
  });
});
