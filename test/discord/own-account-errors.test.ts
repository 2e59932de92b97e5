import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_KEY, linkAccount, openSocialPanel } from '../helpers/accounts.js';
import { ALICE_TOKEN, GENERAL, IMGPILE_TOKEN, alice } from '../helpers/cast.js';
import {
  eventually,
  finalReply,
  pressButton,
  runImgpile,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

async function pipeline() {
  p = await startPipeline({
    bot: true,
    env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
    imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
  });
  await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
}

const FORBIDDEN = { status: 403, body: { message: 'This action is unauthorized.' } };

describe("a 403 on a member's own-account action", () => {
  it('a follow imgpile refuses talks about their account, not the bot’s', async () => {
    await pipeline();
    const { post } = p.imgpile.seedPost({ owner: 'carol' });
    p.imgpile.inject({ method: 'POST', path: /\/users\/carol\/follow$/, ...FORBIDDEN });
    const panel = await openSocialPanel(p, alice, post.slug);
    const i = pressButton(p.discord, {
      user: alice,
      customId: 'social:follow:carol',
      message: panel,
    });
    const answer = await eventually(() => i.original()?.content || undefined, 5000, 'the answer');
    expect(answer).toBe('imgpile did not allow this for your imgpile account.');
    expect(answer).not.toMatch(/bot/);
  });

  it('a file imgpile refuses for their own account says so, not that the bot’s account does not own it', async () => {
    await pipeline();
    p.imgpile.inject({ host: 'upload', method: 'POST', ...FORBIDDEN });
    const file = p.discord.addAttachment({
      filename: 'x.png',
      content: fileBytes(3000, MAGIC.png, 77),
      contentType: 'image/png',
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file },
    });
    const reply = textOf(await finalReply(i));
    expect(reply).toContain('imgpile did not allow this for your own imgpile account');
    expect(reply).not.toMatch(/bot's account/);
  });
});
