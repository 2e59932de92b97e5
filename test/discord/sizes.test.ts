import { afterEach, describe, expect, it } from 'vitest';
import { GENERAL, bob } from '../helpers/cast.js';
import { eventually, pressButton } from '../helpers/interactions.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

/**
 * The size buttons' handler and view (`rehostReply({ sizes: true })`); a gallery reply of images
 * carries them (test/discord/replies.test.ts).
 */
describe('direct links at a chosen size from a gallery reply', () => {
  it('a size button gives the presser alone every picture of the gallery at that size', async () => {
    p = await startPipeline({ bot: true });
    const cdn = p.imgpile.cdnOrigin;
    const message = {
      id: '1',
      flags: 1 << 15,
      components: [
        {
          type: 17,
          components: [
            {
              type: 12,
              items: [
                { media: { url: `${cdn}/f/abcdefg_md.png` } },
                { media: { url: `${cdn}/f/hijklmn.mp4` } },
              ],
            },
            { type: 1, components: [{ type: 2, style: 2, label: 'xl', custom_id: 'sizes:xl' }] },
          ],
        },
      ],
    };
    const before = p.imgpile.requests.length;
    const pressed = pressButton(p.discord, {
      channelId: GENERAL,
      user: bob,
      customId: 'sizes:xl',
      message,
    });
    const answer = await eventually(() => pressed.original(), 5000, 'the links');
    expect(answer.flags & 64).toBe(64);
    expect(answer.content.split('\n').slice(1)).toEqual([
      `${cdn}/f/abcdefg_xl.png`,
      `${cdn}/f/hijklmn_thumb.jpg`,
    ]);
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

  it('hostile: a spoilered picture (adult, outside an age-restricted channel) is given behind a spoiler too', async () => {
    p = await startPipeline({ bot: true });
    const cdn = p.imgpile.cdnOrigin;
    const message = {
      id: '1',
      flags: 1 << 15,
      components: [
        {
          type: 17,
          components: [
            {
              type: 12,
              items: [
                { media: { url: `${cdn}/f/abcdefg_md.png` } },
                { media: { url: `${cdn}/f/nightxx_md.png` }, spoiler: true },
              ],
            },
            { type: 1, components: [{ type: 2, style: 2, label: 'lg', custom_id: 'sizes:lg' }] },
          ],
        },
      ],
    };
    const pressed = pressButton(p.discord, {
      channelId: GENERAL,
      user: bob,
      customId: 'sizes:lg',
      message,
    });
    const answer = await eventually(() => pressed.original(), 5000, 'the links');
    expect(answer.content.split('\n').slice(1)).toEqual([
      `${cdn}/f/abcdefg_lg.png`,
      `||${cdn}/f/nightxx_lg.png||`,
    ]);
  });
});
