import { afterEach, describe, expect, it } from 'vitest';
import { GENERAL, GUILD, bob, moderator } from '../helpers/cast.js';
import { eventually, runImgpile } from '../helpers/interactions.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

describe('/imgpile settings', () => {
  it('anyone may read them; only Manage Server may change them', async () => {
    p = await startPipeline({ bot: true });
    const read = runImgpile(p.discord, { channelId: GENERAL, user: bob, path: ['settings'] });
    const shown = await eventually(() => read.original(), 5000);
    expect(shown.content).toMatch(/Replies: \*\*gallery\*\*/);
    expect(shown.content).toMatch(/Accounts: \*\*either\*\*/);
    expect(shown.flags & 64).toBe(64);

    const refused = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['settings'],
      options: { replies: 'plain' },
    });
    expect((await eventually(() => refused.original(), 5000)).content).toMatch(/Manage Server/);
    expect((await p.services.store.settings.get(GUILD)).replies).toBe('gallery');

    const changed = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['settings'],
      options: { replies: 'plain', accounts: 'own' },
    });
    expect((await eventually(() => changed.original(), 5000)).content).toMatch(
      /Replies: \*\*plain\*\*.*\n.*Accounts: \*\*own\*\*/,
    );
    expect(await p.services.store.settings.get(GUILD)).toEqual({
      replies: 'plain',
      accounts: 'own',
    });
  });
});
