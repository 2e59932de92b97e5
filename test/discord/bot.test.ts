import { afterEach, describe, expect, it } from 'vitest';
import {
  AFTER_DARK,
  GALLERY,
  GENERAL,
  GUILD,
  IMGPILE_TOKEN,
  alice,
  bob,
  moderator,
} from '../helpers/cast.js';
import { MAGIC, fileBytes, sha256 } from '../helpers/media-bytes.js';
import { eventually, pressButton, runImgpile, runRehostMessage } from '../helpers/interactions.js';
import { buttonsOf, galleryUrlsOf, textOf } from '../helpers/interactions.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const png = (name: string, size = 4000, seed = 1) =>
  p.discord.addAttachment({
    filename: name,
    content: fileBytes(size, MAGIC.png, seed),
    contentType: 'image/png',
  });

/** The interaction's final content, once the worker has replaced the "Rehosting" text. */
function finalContent(i: ReturnType<Pipeline['discord']['interact']>) {
  return eventually(
    () => {
      const c = textOf(i.original());
      return c && !c.startsWith('⏳') ? c : undefined;
    },
    15_000,
    'the final reply',
  );
}

describe('/imgpile upload', () => {
  it('one file: acknowledged before any upload runs, then answered with its direct link, pinging no one', async () => {
    p = await startPipeline({ bot: true });
    const att = png('cat.png');
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: att },
    });
    const content = await finalContent(i);
    const media = p.created()[0]!;
    expect(content).toContain(`${p.imgpile.cdnOrigin}/f/${media.slug}.png`);
    expect(content).toContain('`cat.png`');
    const calls = i.calls();
    const callback = calls.find((c) => c.path.endsWith('/callback'))!;
    expect(callback.body).toMatchObject({ type: 5 }); // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    // Acknowledged before imgpile saw any upload.
    const firstUpload = p.imgpile.requests.find((r) => r.host === 'upload')!;
    expect(callback.at).toBeLessThanOrEqual(firstUpload.at);
    const edits = calls.filter((c) => c.method === 'PATCH');
    expect(edits.length).toBeGreaterThan(0);
    for (const edit of edits)
      expect((edit.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
        parse: [],
        replied_user: false,
      });
  });

  it('three files with a title: one post holding them in order, and every direct link', async () => {
    p = await startPipeline({ bot: true });
    const atts = [png('a.png', 3000, 1), png('b.png', 3000, 2), png('c.png', 3000, 3)];
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: atts[0]!, file2: atts[1]!, file3: atts[2]!, title: 'Three cats' },
    });
    const content = await finalContent(i);
    expect(p.imgpile.posts.size).toBe(1);
    const post = [...p.imgpile.posts.values()][0]!;
    expect(post.title).toBe('Three cats');
    const slugs = ['a.png', 'b.png', 'c.png'].map(
      (n) => p.imgpile.uploads.find((u) => u.filename === n && u.status === 201)!.slug,
    );
    expect(post.media).toEqual(slugs);
    expect(content).toContain(`${p.imgpile.apiOrigin}/p/${post.slug}`);
    const positions = slugs.map((s) => content.indexOf(`/f/${s}.png`));
    expect(positions.every((x) => x > 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it('a private post: the link with its key goes to the owner only, ephemerally', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('secret.png'), visibility: 'private' },
    });
    const content = await finalContent(i);
    const post = [...p.imgpile.posts.values()][0]!;
    expect(content).not.toContain(post.accessKey!);
    const followUp = await eventually(() => i.followUps()[0], 5000, 'the key follow-up');
    expect(followUp.flags & 64).toBe(64); // EPHEMERAL
    expect(followUp.content).toContain(
      `${p.imgpile.apiOrigin}/p/${post.slug}?key=${post.accessKey}`,
    );
  });

  it('an oversize, a non-media and a banned file are each answered with their reason', async () => {
    p = await startPipeline({ bot: true, env: { MAX_FILE_BYTES: '50000' } });
    const big = png('huge.png', 60_000);
    const page = p.discord.addAttachment({
      filename: 'page.png',
      content: fileBytes(3000, MAGIC.html),
      contentType: 'image/png',
    });
    const bannedBytes = fileBytes(3000, MAGIC.jpeg, 77);
    p.imgpile.ban(sha256(bannedBytes));
    const banned = p.discord.addAttachment({
      filename: 'banned.jpg',
      content: bannedBytes,
      contentType: 'image/jpeg',
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: big, file2: page, file3: banned },
    });
    const content = await finalContent(i);
    expect(content).toContain('`huge.png`: the file is larger than 49 KB');
    expect(content).toContain('`page.png`: this file type is not accepted');
    expect(content).toContain('`banned.jpg`: imgpile refused this file (it matches a banned file)');
    expect(p.created()).toHaveLength(0);
  });

  /** Starts a slow upload, lets Discord's token for it expire, and returns the channel message. */
  async function outliveToken(options: Record<string, string | boolean> = {}) {
    const slow = p.discord.addAttachment({
      filename: 'slow.png',
      content: { size: 600_000, head: MAGIC.png },
      bytesPerSecond: 400_000,
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: slow, ...options },
    });
    await eventually(() => i.original(), 5000, 'the deferral');
    p.discord.expireInteraction(i.id);
    return eventually(
      () =>
        p.discord.channelMessages(GENERAL).find((m) => textOf(m).includes('your rehost finished')),
      15_000,
      'the channel message',
    );
  }

  it('when the work outlives the interaction token, the result goes to the channel instead', async () => {
    p = await startPipeline({ bot: true });
    const message = await outliveToken();
    expect(textOf(message)).toContain(`<@${alice.id}>`);
    expect(message.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(textOf(message)).toContain('/f/');
  });

  it('a private post finished after the token expired keeps its link and key out of the channel', async () => {
    p = await startPipeline({ bot: true });
    const message = await outliveToken({ visibility: 'private' });
    const post = [...p.imgpile.posts.values()][0]!;
    // The channel hears only that it is done; the links went to the owner in a DM.
    expect(message.content).toContain('its links were sent to you in a direct message');
    expect(message.content).not.toContain(post.slug);
    expect(message.content).not.toContain(post.accessKey!);
  });
});

describe('secrets', () => {
  it('no token reaches job data or any Redis value but the short-lived reply token', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png', 3000, 1), file2: png('b.png', 3000, 2), title: 'x' },
    });
    await finalContent(i);
    const redis = p.services.redis;
    const keys = await redis.keys(`${p.config.redisPrefix}:*`);
    expect(keys.some((k) => k.includes(':bull:imgpile-uploads:upload_'))).toBe(true);
    const secrets = [i.token, IMGPILE_TOKEN, p.discord.botToken];
    const holders: string[] = [];
    for (const key of keys) {
      const type = await redis.type(key);
      const values =
        type === 'string'
          ? [await redis.get(key)]
          : type === 'hash'
            ? Object.entries(await redis.hgetall(key)).flat()
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, 0, -1)
                  : [];
      if (secrets.some((secret) => values.some((v) => v?.includes(secret)) || key.includes(secret)))
        holders.push(key);
    }
    // Only the interaction token, in its own key, for as long as Discord honours it.
    expect(holders).toEqual([`${p.config.redisPrefix}:request:${i.id}:reply-token`]);
    const ttl = await redis.pttl(holders[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
  });
});

describe('watched channels', () => {
  async function watch(
    channel: string,
    mode: 'media' | 'post',
    visibility: 'public' | 'hidden' = 'hidden',
  ) {
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel }, mode, visibility },
    });
    const reply = await eventually(() => i.original(), 5000, 'watch reply');
    expect(reply.content).toContain(`Watching <#${channel}> (${mode} mode, ${visibility})`);
    expect(reply.flags & 64).toBe(64);
  }

  it('media mode: reacts while working, replies with the direct link without pinging, then marks it done', async () => {
    p = await startPipeline({ bot: true });
    // Public: standalone files, no post (a hidden or private watch always makes a post).
    await watch(GALLERY, 'media', 'public');
    const msg = p.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png('sunset.png')],
    });
    const reply = await eventually(
      () => p.discord.channelMessages(GALLERY)[0],
      15_000,
      'the reply',
    );
    expect(reply.message_reference).toMatchObject({ message_id: msg.id });
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(textOf(reply)).toContain(`/f/${p.created()[0]!.slug}.png`);
    await eventually(
      () => p.discord.reactionsOn(GALLERY, msg.id).includes('✅'),
      5000,
      'the done reaction',
    );
    expect(p.discord.reactionsOn(GALLERY, msg.id)).not.toContain('⏳');
    const reactionCalls = p.discord.restCalls.filter((c) =>
      c.path.includes(`/messages/${msg.id}/reactions/`),
    );
    expect(reactionCalls[0]).toMatchObject({ method: 'PUT' });
    expect(decodeURIComponent(reactionCalls[0]!.path)).toContain('⏳');
    expect(p.imgpile.posts.size).toBe(0);
  });

  it("post mode: groups the message's files into one post", async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY, 'post');
    p.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png('1.png', 2000, 1), png('2.png', 2000, 2)],
    });
    const reply = await eventually(
      () => p.discord.channelMessages(GALLERY)[0],
      15_000,
      'the reply',
    );
    expect(p.imgpile.posts.size).toBe(1);
    const post = [...p.imgpile.posts.values()][0]!;
    expect(post.media).toHaveLength(2);
    expect(textOf(reply)).toContain(`/p/${post.slug}`);
  });

  it('age-restricted channels and spoilers make the upload NSFW', async () => {
    p = await startPipeline({ bot: true });
    await watch(AFTER_DARK, 'media');
    p.discord.postMessage({ channelId: AFTER_DARK, author: bob, attachments: [png('x.png')] });
    await eventually(() => p.discord.channelMessages(AFTER_DARK)[0], 15_000, 'the reply');
    expect([...p.imgpile.posts.values()][0]!.isNsfw).toBe(true);
  });

  it('ignores bots, webhooks, the bot itself and unwatched channels', async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY, 'media');
    p.discord.postMessage({
      channelId: GALLERY,
      author: { id: '1200000000000000077', username: 'otherbot', bot: true },
      attachments: [png('a.png')],
    });
    p.discord.postMessage({
      channelId: GALLERY,
      author: { id: '1200000000000000078', username: 'hook' },
      webhookId: '1500000000000000001',
      attachments: [png('b.png')],
    });
    p.discord.postMessage({
      channelId: GALLERY,
      author: p.discord.botUser,
      attachments: [png('c.png')],
    });
    p.discord.postMessage({ channelId: GENERAL, author: bob, attachments: [png('d.png')] });
    // A message that is handled, after them, proves the others were seen and skipped.
    const handled = p.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png('e.png')],
    });
    await eventually(() => p.discord.channelMessages(GALLERY)[0], 15_000, 'the reply');
    expect(p.created().map((u) => u.filename)).toEqual(['e.png']);
    const touched = new Set(
      p.discord.restCalls
        .filter((c) => c.path.includes('/reactions/'))
        .map((c) => c.path.split('/')[4]),
    );
    expect([...touched]).toEqual([handled.id]);
    expect(p.discord.channelMessages(GENERAL)).toHaveLength(0);
  });

  it('needs Manage Server at run time', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    const reply = await eventually(() => i.original(), 5000, 'the refusal');
    expect(reply.content).toBe(
      'You need the Manage Server permission to change which channels are watched.',
    );
    expect(reply.flags & 64).toBe(64);
    expect(await p.services.store.watches.list(GUILD)).toEqual([]);
  });

  it('watch list and remove', async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY, 'post');
    const list = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'list'],
    });
    expect((await eventually(() => list.original(), 5000)).content).toContain(
      `<#${GALLERY}>: post, hidden`,
    );
    const remove = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'remove'],
      options: { channel: { channel: GALLERY } },
    });
    expect((await eventually(() => remove.original(), 5000)).content).toBe(
      `Stopped watching <#${GALLERY}>.`,
    );
    expect(await p.services.store.watches.get(GUILD, GALLERY)).toBeNull();
  });
});

describe('context menu', () => {
  it("rehosts the target message's attachments", async () => {
    p = await startPipeline({ bot: true });
    const target = p.discord.postMessage({
      channelId: GENERAL,
      author: bob,
      attachments: [png('meme.png')],
    });
    const i = runRehostMessage(p.discord, { channelId: GENERAL, user: alice, message: target });
    const content = await finalContent(i);
    expect(content).toContain(`/f/${p.created()[0]!.slug}.png`);
    expect(await p.services.store.ownership.getMediaOwner(p.created()[0]!.slug)).toMatchObject({
      userId: alice.id,
    });
  });

  it('says so when the message has no attachments', async () => {
    p = await startPipeline({ bot: true });
    const target = p.discord.postMessage({ channelId: GENERAL, author: bob, content: 'just text' });
    const i = runRehostMessage(p.discord, { channelId: GENERAL, user: alice, message: target });
    const reply = await eventually(() => i.original(), 5000);
    expect(reply.content).toBe('That message has no attachments or image links to rehost.');
    expect(reply.flags & 64).toBe(64);
  });
});

describe('/imgpile feed', () => {
  it('pages with buttons, only for the person who ran it', async () => {
    p = await startPipeline({ bot: true });
    for (let n = 0; n < 12; n++)
      p.imgpile.seedPost({
        owner: 'carol',
        title: `post ${n}`,
        createdAt: new Date(Date.now() - n * 1000),
        score: n,
      });
    const i = runImgpile(p.discord, { channelId: GENERAL, user: alice, path: ['feed'] });
    const first = await eventually(
      () => (i.original()?.components.length ? i.original() : undefined),
      5000,
      'page 1',
    );
    const text = textOf(first);
    expect(text).toMatch(/^Page 1 of 3/);
    const titles = [...text.matchAll(/post \d+/g)].map((m) => m[0]);
    expect(titles).toEqual(['post 0', 'post 1', 'post 2', 'post 3', 'post 4']);
    expect(text).toContain('carol');
    const links = buttonsOf(first).filter((b) => b.url);
    expect(links[0]!.url).toMatch(new RegExp(`^${p.imgpile.apiOrigin}/p/\\w+$`));
    expect(galleryUrlsOf(first)[0]).toMatch(/_md\.jpg$/);
    const nav = buttonsOf(first).filter((b) => b.custom_id?.startsWith('feed:'));
    expect(nav[0]!.disabled).toBe(true);
    const next = nav[1]!.custom_id!;
    const message = first;

    const stranger = pressButton(p.discord, {
      user: bob,
      customId: next,
      message,
    });
    const refusal = await eventually(() => stranger.original(), 5000, 'the refusal');
    expect(refusal.content).toMatch(/Only the person who opened this feed can page it/);
    expect(refusal.flags & 64).toBe(64);

    const press = pressButton(p.discord, {
      user: alice,
      customId: next,
      message,
    });
    await eventually(() => press.calls().some((c) => c.method === 'PATCH'), 5000, 'page 2');
    const update = press.calls().find((c) => c.method === 'PATCH')!.body as {
      components: unknown[];
    };
    const page2 = textOf(update);
    expect(page2).toMatch(/^Page 2 of 3/);
    expect([...page2.matchAll(/post \d+/g)].map((m) => m[0])).toEqual([
      'post 5',
      'post 6',
      'post 7',
      'post 8',
      'post 9',
    ]);
  });

  it('refuses NSFW outside age-restricted channels, and allows it in them', async () => {
    p = await startPipeline({ bot: true });
    p.imgpile.seedPost({ owner: 'carol', title: 'adult', moderation: 'nsfw' });
    const refused = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['feed'],
      options: { nsfw: true },
    });
    const reply = await eventually(() => refused.original(), 5000);
    expect(reply.content).toMatch(/only be shown in age-restricted channels/);
    expect(reply.flags & 64).toBe(64);
    expect(p.imgpile.requests.filter((r) => r.path === '/api/v1/posts')).toHaveLength(0);
    const allowed = runImgpile(p.discord, {
      channelId: AFTER_DARK,
      user: alice,
      path: ['feed'],
      options: { nsfw: true },
    });
    const page = await eventually(
      () => (allowed.original()?.components.length ? allowed.original() : undefined),
      5000,
    );
    expect(textOf(page)).toContain('adult');
    // Adult content where it may be shown: spoilered.
    expect(JSON.stringify(page.components)).toContain('"spoiler":true');
  });

  it('caches pages briefly so viewers share the public request budget', async () => {
    p = await startPipeline({ bot: true });
    p.imgpile.seedPost({ owner: 'carol', title: 'one' });
    for (const user of [alice, bob]) {
      const i = runImgpile(p.discord, { channelId: GENERAL, user, path: ['feed'] });
      await eventually(() => (i.original()?.components.length ? i.original() : undefined), 5000);
    }
    expect(p.imgpile.requests.filter((r) => r.path === '/api/v1/posts')).toHaveLength(1);
  });
});

describe('managing what the bot uploaded', () => {
  async function uploadAsAlice(options: Record<string, string | boolean> = {}) {
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('mine.png'), ...options },
    });
    await finalContent(i);
  }

  it('media delete: refused for another user with nothing sent to imgpile, allowed for the owner', async () => {
    p = await startPipeline({ bot: true });
    await uploadAsAlice();
    const slug = p.created()[0]!.slug;
    const before = p.imgpile.requests.length;
    const denied = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['media', 'delete'],
      options: { slug },
    });
    const refusal = await eventually(() => denied.original(), 5000);
    expect(refusal.content).toMatch(/^Only the person who uploaded that media/);
    expect(refusal.flags & 64).toBe(64);
    expect(p.imgpile.requests.length).toBe(before);
    expect(p.imgpile.media.has(slug)).toBe(true);

    const allowed = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['media', 'delete'],
      options: { slug: `${p.imgpile.cdnOrigin}/f/${slug}.png` },
    });
    await eventually(
      () => allowed.original()?.content?.startsWith('Deleted'),
      5000,
      'the deletion',
    );
    expect(p.imgpile.media.has(slug)).toBe(false);
    expect(await p.services.store.ownership.getMediaOwner(slug)).toBeNull();
  });

  it('post edit and delete: the owner or a Manage Messages member may, others may not', async () => {
    p = await startPipeline({ bot: true });
    await uploadAsAlice({ title: 'Mine', visibility: 'public' }); // one file with only a title is no post
    const slug = [...p.imgpile.posts.keys()][0]!;
    const denied = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['post', 'edit'],
      options: { slug, title: 'Hijacked' },
    });
    expect((await eventually(() => denied.original(), 5000)).content).toMatch(
      /^Only the person who uploaded that post/,
    );
    expect(p.imgpile.posts.get(slug)!.title).toBe('Mine');

    const edit = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'edit'],
      options: { slug, title: 'Renamed', visibility: 'private' },
    });
    const edited = await eventually(
      () => (edit.original()?.content?.startsWith('Updated') ? edit.original() : undefined),
      5000,
    );
    expect(edited.content).toContain(`?key=${p.imgpile.posts.get(slug)!.accessKey}`);
    expect(p.imgpile.posts.get(slug)!.title).toBe('Renamed');

    const modDelete = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['post', 'delete'],
      options: { slug },
    });
    await eventually(
      () => modDelete.original()?.content?.startsWith('Deleted'),
      5000,
      'the deletion',
    );
    expect(p.imgpile.posts.has(slug)).toBe(false);
  });

  it('refuses posts the bot did not create, sending nothing', async () => {
    p = await startPipeline({ bot: true });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'not ours' });
    const before = p.imgpile.requests.length;
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'delete'],
      options: { slug: post.slug },
    });
    expect((await eventually(() => i.original(), 5000)).content).toMatch(
      /was not uploaded through this bot/,
    );
    expect(p.imgpile.requests.length).toBe(before);
  });

  it('post view shows a post; an imgpile outage gets a short message, never the upstream body', async () => {
    p = await startPipeline({ bot: true });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'Sunset' });
    const view = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'view'],
      options: { slug: post.slug },
    });
    const shown = await eventually(
      () => (view.original()?.components.length ? view.original() : undefined),
      5000,
    );
    expect(textOf(shown)).toContain('Sunset');
    p.imgpile.inject({
      path: /\/posts\//,
      status: 500,
      body: { message: 'SQLSTATE[HY000] stack trace here' },
    });
    const broken = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'view'],
      options: { slug: post.slug },
    });
    const followUp = await eventually(() => broken.followUps()[0], 5000, 'the error');
    expect(followUp.content).toBe('imgpile could not be reached. Try again in a minute.');
    expect(followUp.flags & 64).toBe(64);
  });
});

describe('/imgpile quota', () => {
  it("shows the user's, the server's and the account's files today and when they reset", async () => {
    p = await startPipeline({ bot: true, env: { USER_DAILY_FILE_LIMIT: '7' } });
    const up = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('q.png') },
    });
    await finalContent(up);
    const i = runImgpile(p.discord, { channelId: GENERAL, user: alice, path: ['quota'] });
    const reply = await eventually(() => i.original(), 5000);
    const embed = reply.embeds[0] as {
      fields: { name: string; value: string }[];
      description: string;
    };
    expect(embed.fields).toEqual([
      { name: 'You', value: '1 of 7 (6 left)', inline: true },
      { name: 'This server', value: '1 of 200 (199 left)', inline: true },
      { name: "The bot's imgpile account", value: '1 of 1000 (999 left)', inline: true },
    ]);
    expect(embed.description).toMatch(/Resets <t:\d+:R>/);
    expect(reply.flags & 64).toBe(64);
  });

  it('a request over quota is refused up front with what is left', async () => {
    p = await startPipeline({ bot: true, env: { USER_DAILY_FILE_LIMIT: '1' } });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('1.png', 1000, 1), file2: png('2.png', 1000, 2) },
    });
    const followUp = await eventually(() => i.followUps()[0], 5000, 'the refusal');
    expect(followUp.content).toMatch(/That is 2 files, but only 1 of the daily 1 are left for you/);
    expect(followUp.flags & 64).toBe(64);
    expect(p.imgpile.requests.filter((r) => r.host === 'upload')).toHaveLength(0);
  });
});
