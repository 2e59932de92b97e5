import { afterEach, describe, expect, it } from 'vitest';
import { GALLERY, GENERAL, alice, bob, moderator } from '../helpers/cast.js';
import { eventually, finalReply, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

/**
 * A set-up fault (imgpile refusing the bot's own token) is the operator's to fix: the operator
 * gets an error line naming IMGPILE_TOKEN and a metric (test/ops/start-checks.test.ts); members,
 * in the channel or in their own reply, get only that imgpile cannot be reached now and that
 * the operator has been told, never the bot's set-up.
 */
let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const WRONG_TOKEN = { env: { IMGPILE_TOKEN: 'imgpile-token-that-imgpile-refuses' } };
const NEUTRAL = "the bot can't reach imgpile right now; its operator has been told";
const SETUP_WORDS = /token|setup|set-up|admin|IMGPILE_/i;

const png = (name: string) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(2000, MAGIC.png, 1) });

describe('imgpile refusing the bot token', () => {
  it('a watched channel is told imgpile cannot be reached and that the operator knows, nothing of the set-up', async () => {
    p = await startPipeline({ bot: true, ...WRONG_TOKEN });
    const w = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    await eventually(() => w.original()?.content.startsWith('Watching'), 5000, 'the watch');
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('w.png')] });
    const reply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      20_000,
      'the reply',
    );
    const text = textOf(reply);
    expect(text).toContain(NEUTRAL);
    expect(text).not.toMatch(SETUP_WORDS);
  });

  it("an upload's reply says the same to the member", async () => {
    p = await startPipeline({ bot: true, ...WRONG_TOKEN });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png') },
    });
    const text = textOf(await finalReply(i, 20_000));
    expect(text).toContain(NEUTRAL);
    expect(text).not.toMatch(SETUP_WORDS);
  });
});
