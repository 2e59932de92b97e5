import { afterEach, describe, expect, it } from 'vitest';
import { GALLERY, GENERAL, alice, bob, moderator, testServer } from '../helpers/cast.js';
import { eventually, finalReply, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

/** `/imgpile settings` read by a member of `locale`: what the bot answers. */
async function settingsIn(locale: string) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user: bob, path: ['settings'], locale });
  return (await eventually(() => i.original(), 5000, `settings in ${locale}`)).content;
}

describe('every reply in the member’s language', () => {
  it('a German member’s upload is queued, rehosted and followed up in German, by the worker too', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png', 1), file2: png('b.png', 2) },
      locale: 'de',
    });
    const reply = await finalReply(i);
    expect(textOf(reply)).toContain('2 Dateien auf imgpile hochgeladen');
    expect(textOf(reply)).not.toMatch(/Rehosted|Open post/);
    // The follow-up draws the reply again from the job: still in German.
    await p.followUpsDone();
    expect(textOf(i.original())).toContain('2 Dateien auf imgpile hochgeladen');
  });

  it('a German member’s refusal and a command’s answer are German; the server’s stays English', async () => {
    p = await startPipeline({ bot: true });
    const bad = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['post', 'view'],
      options: { slug: '!!' },
      locale: 'de',
    });
    const refused = await eventually(() => bad.original(), 5000, 'the refusal');
    expect(refused.content).toMatch(/^Das ist kein imgpile-Slug/);
    expect(await settingsIn('de')).toMatch(/^Antworten: \*\*gallery\*\*/);
    expect(await settingsIn('en-US')).toMatch(/^Replies: \*\*gallery\*\*/);
  });

  it('a Brazilian member reads pt-BR, a Spanish-speaking Latin American member Spanish', async () => {
    p = await startPipeline({ bot: true });
    expect(await settingsIn('pt-BR')).toMatch(/^Respostas: \*\*gallery\*\* \(os envios/);
    expect(await settingsIn('es-419')).toMatch(/^Respuestas: \*\*gallery\*\*/);
  });

  it('en-GB, a language without a translation and an unknown locale read English', async () => {
    p = await startPipeline({ bot: true });
    for (const locale of ['en-GB', 'ko', 'xx-YY'])
      expect(await settingsIn(locale)).toMatch(/^Replies: \*\*gallery\*\*/);
  });
});

describe('a watched channel answers in its server’s language', () => {
  it('a Japanese server’s watched channel replies, and follows up, in Japanese', async () => {
    const server = { ...testServer(), preferredLocale: 'ja' };
    p = await startPipeline({ bot: true, discord: { guilds: [server] } });
    // The moderator's own reply is in their language (en-US), the channel's in the server's.
    const add = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    expect((await eventually(() => add.original(), 5000, 'the watch reply')).content).toMatch(
      /^Watching/,
    );
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('j.png')] });
    const reply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
      'the reply in the watched channel',
    );
    expect(textOf(reply)).toContain('imgpile にアップロードしました');
    await p.followUpsDone();
    const again = p.discord.channelMessages(GALLERY).find((m) => m.id === reply.id);
    expect(textOf(again)).toContain('imgpile にアップロードしました');
    expect(textOf(again)).not.toMatch(/Rehosted/);
  });
});
