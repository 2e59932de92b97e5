import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imageLinkEmbed } from '../fakes/discord.js';
import { GALLERY, GENERAL, alice, mallory, moderator } from '../helpers/cast.js';
import {
  eventually,
  finalReply,
  runImgpile,
  runRehostMessage,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes, sha256 } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { fakeDns, redirect, routeToLoopback, serve, startSites } from '../rehost/url-fixtures.js';

let p: Pipeline;
let sites: Awaited<ReturnType<typeof startSites>>;
const photo = fileBytes(40_000, MAGIC.png, 9);

beforeEach(async () => {
  sites = await startSites();
  sites.routes.set('pics.example/cat.png', serve(photo));
  sites.routes.set('pics.example/page.png', serve(fileBytes(3000, MAGIC.html)));
  sites.routes.set('pics.example/sneaky.png', redirect('http://inside.example/secret.png'));
});
afterEach(async () => {
  await p?.close();
  await sites.close();
});

/** A pipeline whose workers resolve names with a fake DNS and dial the local sites. */
async function pipeline(env: Record<string, string> = {}) {
  const dns = fakeDns({
    'pics.example': ['93.184.216.34'],
    'inside.example': ['10.0.0.7'],
    'metadata.example': ['169.254.169.254'],
  });
  const dial = routeToLoopback(sites.port);
  p = await startPipeline({
    bot: true,
    env: { URL_ALLOW_HTTP: 'on', ...env },
    network: { lookup: dns.lookup, connect: dial.connect },
  });
  return { dns, dial };
}

describe('rehosting links', () => {
  it('/imgpile upload url: fetches the link from the address it checked and rehosts the bytes', async () => {
    const { dial } = await pipeline();
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { url: 'http://pics.example/cat.png' },
    });
    await eventually(() => textOf(i.original()).includes('/f/'), 15_000, 'the reply');
    expect(p.created().map((u) => u.sha256)).toEqual([sha256(photo)]);
    expect(p.created()[0]!.filename).toBe('cat.png');
    expect(dial.dialled).toEqual([
      { hostname: 'pics.example', address: '93.184.216.34', port: 80 },
    ]);
  });

  it('refuses links to private and metadata addresses, and redirects into them, sending nothing upstream', async () => {
    await pipeline();
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: {
        url: 'http://inside.example/x.png',
        url2: 'http://metadata.example/latest/meta-data.png',
        url3: 'http://pics.example/sneaky.png',
        url4: 'http://pics.example/page.png',
      },
    });
    const reply = textOf(await finalReply(i));
    expect(reply).toMatch(/x\.png`: this link points to a private network address/);
    expect(reply).toMatch(/meta-data\.png`: this link points to a cloud metadata address/);
    expect(reply).toMatch(/sneaky\.png`: .*private network address/);
    expect(reply).toMatch(/page\.png`: this file type is not accepted/);
    expect(p.imgpile.uploads).toHaveLength(0);
  });

  it('https only unless the admin allows http; URL_REHOST=off turns links off', async () => {
    await pipeline({ URL_ALLOW_HTTP: 'off' });
    const httpLink = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { url: 'http://pics.example/cat.png' },
    });
    expect(
      await eventually(
        () =>
          httpLink.original()?.content.startsWith('Nothing')
            ? httpLink.original()?.content
            : undefined,
        10_000,
      ),
    ).toMatch(/only https links can be rehosted/);
    await p.close();
    await pipeline({ URL_REHOST: 'off' });
    const off = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { url: 'http://pics.example/cat.png' },
    });
    expect(
      await eventually(
        () => (off.original()?.content.startsWith('Nothing') ? off.original()?.content : undefined),
        10_000,
      ),
    ).toMatch(/rehosting links is turned off/);
  });

  it('the menu and watched channels rehost links in a message text and embeds', async () => {
    await pipeline();
    const msg = p.discord.postMessage({
      channelId: GENERAL,
      author: alice,
      content: 'look at this http://pics.example/cat.png !',
    });
    const menu = runRehostMessage(p.discord, { channelId: GENERAL, user: alice, message: msg });
    await eventually(() => textOf(menu.original()).includes('/f/'), 15_000, 'the menu reply');

    const watch = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY }, visibility: 'public' },
    });
    await eventually(() => watch.original(), 5000);
    p.discord.postMessage({
      channelId: GALLERY,
      author: alice,
      content: '',
      embeds: [imageLinkEmbed('http://pics.example/cat.png')],
    });
    const reply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
      'the watch reply',
    );
    expect(textOf(reply)).toContain('/f/');
  });
});

describe('a pasted Discord attachment link', () => {
  it("is not another attachment's rehost by its id alone: a made-up channel or name gets no earlier copy", async () => {
    await pipeline();
    const secret = p.discord.addAttachment({
      filename: 'secret.png',
      content: fileBytes(3000, MAGIC.png, 77),
      contentType: 'image/png',
    });
    const first = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: secret },
    });
    await eventually(() => textOf(first.original()).includes('/f/'), 15_000, 'the first rehost');
    const [copy] = p.created();
    // Someone who knows only the attachment's id: another channel, another name.
    const forged = new URL(secret.url);
    forged.pathname = `/attachments/1100000000000000999/${secret.id}/anything.png`;
    forged.search = '';
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: mallory,
      path: ['upload'],
      options: { url: forged.href },
    });
    const reply = textOf(await finalReply(i));
    expect(reply).not.toContain(copy!.slug);
    expect(p.created()).toHaveLength(1);
  });
});

describe('the same file twice in one request', () => {
  it('is one file: one upload, one quota unit, one line in the reply', async () => {
    await pipeline();
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { url: 'http://pics.example/cat.png', url2: 'http://pics.example/cat.png' },
    });
    const reply = textOf(await finalReply(i));
    expect(p.created()).toHaveLength(1);
    expect(reply.match(/\/f\/[A-Za-z0-9]+\.png/g)?.length).toBeGreaterThanOrEqual(1);
    const usage = await p.services.quotas.usage({ guildId: null, userId: alice.id });
    expect(usage.user?.used).toBe(1);
  });
});

describe('a link behind spoiler marks', () => {
  it('is adult content, as a spoilered attachment is: a flagged post, never public media', async () => {
    await pipeline();
    const watch = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY }, visibility: 'public' },
    });
    await eventually(() => watch.original(), 5000);
    p.discord.postMessage({
      channelId: GALLERY,
      author: alice,
      content: 'careful ||http://pics.example/cat.png||',
    });
    await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
      'the watch reply',
    );
    expect(p.created()).toHaveLength(1);
    const posts = [...p.imgpile.posts.values()];
    expect(posts).toHaveLength(1);
    expect(posts[0]!.isNsfw).toBe(true);
  });
});
