import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSIONS, type FakeUser } from '../fakes/discord.js';
import {
  AFTER_DARK,
  GALLERY,
  GENERAL,
  MODERATOR,
  alice,
  bob,
  carol,
  mallory,
  moderator,
  testServer,
} from '../helpers/cast.js';
import { eventually, runImgpile, runRehostMessage, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRedisServer } from '../helpers/redis-server.js';
import { fakeDns, routeToLoopback, serve, startSites } from '../rehost/url-fixtures.js';

let p: Pipeline;
let stopRedis: (() => Promise<void>) | undefined;
afterEach(async () => {
  await p?.close();
  await stopRedis?.();
  stopRedis = undefined;
});

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

/** Every message anyone but the invoker can read: channel messages and public replies. */
function publicTexts(i: ReturnType<Pipeline['discord']['interact']>) {
  const texts = [...p.discord.messages.values()].map((m) => JSON.stringify(m));
  const original = i.original();
  if (original && !(original.flags & 64)) texts.push(JSON.stringify(original));
  for (const f of i.followUps()) if (!(f.flags & 64)) texts.push(JSON.stringify(f));
  return texts.join('\n');
}

const finalReply = (i: ReturnType<Pipeline['discord']['interact']>) =>
  eventually(
    () => {
      const o = i.original();
      return o && !o.content.startsWith('⏳') && (o.content || o.components.length) ? o : undefined;
    },
    15_000,
    'the final reply',
  );

describe('private and hidden posts: links for their owner only', () => {
  it.each(['private', 'hidden'])(
    'a %s upload is answered to the invoker alone; the channel never sees a link',
    async (visibility) => {
      p = await startPipeline({ bot: true });
      const i = runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['upload'],
        options: { file: png('secret.png'), file2: png('secret2.png', 2), visibility },
      });
      const reply = await finalReply(i);
      expect(reply.flags & 64).toBe(64);
      const post = [...p.imgpile.posts.values()][0]!;
      expect(post.visibility).toBe(visibility);
      const seen = publicTexts(i);
      expect(seen).not.toContain(post.slug);
      expect(seen).not.toContain('/f/');
    },
  );

  it('after the 15 minutes, a private post goes to its owner by DM; the channel only hears it is done', async () => {
    p = await startPipeline({ bot: true });
    const slow = p.discord.addAttachment({
      filename: 'slow.png',
      content: { size: 600_000, head: MAGIC.png },
      bytesPerSecond: 400_000,
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: slow, visibility: 'private' },
    });
    await eventually(() => i.original(), 5000, 'the deferral');
    p.discord.expireInteraction(i.id);
    const dm = await eventually(
      () =>
        [...p.discord.messages.values()].find(
          (m) => m.channel_id !== GENERAL && m.content.includes('/p/'),
        ),
      15_000,
      'the DM',
    );
    const post = [...p.imgpile.posts.values()][0]!;
    expect(dm.content).toContain(`?key=${post.accessKey}`);
    const inChannel = p.discord.channelMessages(GENERAL);
    expect(inChannel.map((m) => m.content).join('\n')).not.toContain(post.slug);
  });
});

/** Everything `user` was shown for interaction `i`: its reply, follow-ups (ephemeral ones too), DMs. */
function seenBy(i: ReturnType<Pipeline['discord']['interact']>, user: FakeUser) {
  const dm = p.discord.dmChannel(user);
  const dms = p.discord.channelMessages(dm);
  return JSON.stringify([i.original(), ...i.followUps(), ...dms]);
}

describe("posts and keys: one member never gets another's", () => {
  it("the same link with the same options makes a second member their own private post, never the first one's key", async () => {
    const sites = await startSites();
    try {
      sites.routes.set('pics.example/cat.png', serve(fileBytes(40_000, MAGIC.png, 9)));
      const dns = fakeDns({ 'pics.example': ['93.184.216.34'] });
      p = await startPipeline({
        bot: true,
        env: { URL_ALLOW_HTTP: 'on' },
        network: { lookup: dns.lookup, connect: routeToLoopback(sites.port).connect },
      });
      const ask = (user: FakeUser) =>
        runImgpile(p.discord, {
          channelId: GENERAL,
          user,
          path: ['upload'],
          options: { url: 'http://pics.example/cat.png', visibility: 'private' },
        });
      const hers = ask(alice);
      await p.waitForResult(hers.id);
      const [theirs] = [...p.imgpile.posts.values()];
      expect(seenBy(hers, alice)).toContain(`?key=${theirs!.accessKey}`);
      const his = ask(bob);
      await p.waitForResult(his.id);

      const seen = seenBy(his, bob);
      expect(seen).not.toContain(theirs!.accessKey);
      expect(seen).not.toContain(theirs!.slug);
      const own = [...p.imgpile.posts.values()].find((q) => q.slug !== theirs!.slug);
      expect(own?.visibility).toBe('private');
      expect(seen).toContain(`?key=${own!.accessKey}`);
    } finally {
      await sites.close();
    }
  });

  it('the menu on a message whose post was made private later gives another member neither that post nor its key', async () => {
    p = await startPipeline({ bot: true });
    const msg = p.discord.postMessage({
      channelId: AFTER_DARK,
      author: carol,
      attachments: [png('night.png'), png('night2.png', 2)],
    });
    const hers = runRehostMessage(p.discord, { channelId: AFTER_DARK, user: alice, message: msg });
    await p.waitForResult(hers.id);
    const [post] = [...p.imgpile.posts.values()];
    const edit = runImgpile(p.discord, {
      channelId: AFTER_DARK,
      user: alice,
      path: ['post', 'edit'],
      options: { slug: post!.slug, visibility: 'private' },
    });
    // Not the deferral's empty content: the edit's own answer.
    await eventually(() => edit.original()?.content || null, 5000, 'the edit');
    expect(post!.visibility).toBe('private');
    const his = runRehostMessage(p.discord, { channelId: AFTER_DARK, user: bob, message: msg });
    await p.waitForResult(his.id);

    const seen = seenBy(his, bob);
    expect(seen).not.toContain(post!.accessKey);
    expect(seen).not.toContain(post!.slug);
    expect(await p.services.store.ownership.getPostOwner(post!.slug)).toMatchObject({
      userId: alice.id,
    });
  });
});

describe('a restricted request that fails stays restricted', () => {
  it('a private watch whose post cannot be made private puts no link in the channel, and deletes its files', async () => {
    p = await startPipeline({ bot: true });
    const add = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY }, visibility: 'private' },
    });
    await eventually(() => add.original()?.content, 5000, 'the watch');
    p.imgpile.inject({ method: 'PATCH', path: /\/posts\//, status: 503, times: 1000 });
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('p.png')] });
    const reply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      30_000,
      'the reply',
    );

    expect(textOf(reply)).not.toContain('/f/');
    expect(p.imgpile.posts.size).toBe(0);
    expect(p.imgpile.media.size).toBe(0);
    const dm = p.discord.channelMessages(p.discord.dmChannel(bob));
    expect(dm.map((m) => m.content).join('\n')).toMatch(/No post was made/);
  });
});

describe('who may manage a post: server-wide permissions only', () => {
  it('Manage Messages granted in one channel does not reach posts made elsewhere', async () => {
    const server = testServer();
    server.channels[0]!.overwrites = [{ id: bob.id, type: 1, allow: PERMISSIONS.MANAGE_MESSAGES }];
    p = await startPipeline({ bot: true, discord: { guilds: [server] } });
    const made = runImgpile(p.discord, {
      channelId: AFTER_DARK,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png'), file2: png('b.png', 2), title: 'Mine' },
    });
    await finalReply(made);
    const slug = [...p.imgpile.posts.keys()][0]!;
    const del = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['post', 'delete'],
      options: { slug },
    });
    const refusal = await eventually(() => del.original(), 5000, 'the refusal');
    expect(refusal.content).toMatch(/^Only the person who uploaded that post/);
    expect(p.imgpile.posts.has(slug)).toBe(true);
  });
});

describe('a moderator in a Discord timeout', () => {
  it('has no power over other members’ posts until the timeout ends', async () => {
    const server = testServer();
    server.timeouts = { [MODERATOR]: Date.now() + 3_600_000 };
    p = await startPipeline({ bot: true, discord: { guilds: [server] } });
    const made = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png'), file2: png('b.png', 2), title: 'Mine' },
    });
    await finalReply(made);
    const slug = [...p.imgpile.posts.keys()][0]!;
    const remove = () =>
      runImgpile(p.discord, {
        channelId: GENERAL,
        user: moderator,
        path: ['post', 'delete'],
        options: { slug },
      });
    const timedOut = remove();
    const refusal = await eventually(() => timedOut.original(), 5000, 'the refusal');
    expect(refusal.content).toMatch(/^Only the person who uploaded that post/);
    expect(p.imgpile.posts.has(slug)).toBe(true);

    server.timeouts[MODERATOR] = Date.now() - 1;
    const after = remove();
    await eventually(() => after.original()?.content.startsWith('Deleted'), 10_000, 'the delete');
    expect(p.imgpile.posts.has(slug)).toBe(false);
  });
});

describe('adult content', () => {
  it('an upload in an age-restricted channel, or of a spoiler, makes an adult-only post', async () => {
    p = await startPipeline({ bot: true });
    const inNsfw = runImgpile(p.discord, {
      channelId: AFTER_DARK,
      user: alice,
      path: ['upload'],
      options: { file: png('night.png') },
    });
    await finalReply(inNsfw);
    const spoiler = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('SPOILER_ending.png', 2) },
    });
    await finalReply(spoiler);
    const posts = [...p.imgpile.posts.values()];
    expect(posts).toHaveLength(2);
    expect(posts.every((post) => post.isNsfw)).toBe(true);
  });

  it('a thread follows its parent channel: an upload in a thread of an age-restricted channel is adult-only', async () => {
    p = await startPipeline({ bot: true });
    const thread = p.discord.createThread({ parentId: AFTER_DARK, name: 'late' });
    const i = runImgpile(p.discord, {
      channelId: thread.id,
      user: alice,
      path: ['upload'],
      options: { file: png('thread.png') },
    });
    await finalReply(i);
    const post = [...p.imgpile.posts.values()][0];
    expect(post?.isNsfw).toBe(true);
  });

  it("a thread the bot no longer caches (swept) is looked up, not guessed: an ordinary channel's thread is not adult", async () => {
    p = await startPipeline({ bot: true });
    // A thread of an unwatched channel is never cached, as discord.js's sweeper leaves one.
    const thread = p.discord.createThread({ parentId: GENERAL, name: 'old' });
    const i = runImgpile(p.discord, {
      channelId: thread.id,
      user: alice,
      path: ['upload'],
      options: { file: png('swept.png') },
    });
    await finalReply(i);
    expect(p.created()).toHaveLength(1);
    expect(p.imgpile.posts.size).toBe(0);
  });

  it('post view in a SFW channel refuses a pending or adult post, and hides adult files of an approved one', async () => {
    p = await startPipeline({ bot: true });
    const pending = p.imgpile.seedPost({ owner: 'carol', title: 'Waiting', moderation: 'pending' });
    const view = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'view'],
      options: { slug: pending.post.slug },
    });
    const refused = await eventually(
      () => view.followUps()[0] ?? (view.original()?.content ? view.original() : undefined),
      5000,
      'the refusal',
    );
    expect(JSON.stringify(refused)).toMatch(/age-restricted/);
    expect(JSON.stringify(refused)).not.toContain(pending.media.slug);

    const mixed = p.imgpile.seedPost({ owner: 'carol', title: 'Mixed' });
    p.imgpile.setMediaModeration(mixed.media.slug, 'nsfw');
    const view2 = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'view'],
      options: { slug: mixed.post.slug },
    });
    const shown = await eventually(
      () =>
        view2.followUps()[0] ??
        (view2.original()?.content || view2.original()?.components.length
          ? view2.original()
          : undefined),
      5000,
      'the view',
    );
    expect(JSON.stringify(shown)).not.toContain(`/f/${mixed.media.slug}`);
  });
});

describe('every imgpile call goes through its limiter', () => {
  it('post view takes a slot of the public budget', async () => {
    p = await startPipeline({ bot: true });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'Counted' });
    expect(await p.services.publicLimiter.inWindow()).toBe(0);
    const view = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'view'],
      options: { slug: post.slug },
    });
    await eventually(
      () => view.original()?.embeds.length || view.original()?.components.length,
      5000,
    );
    expect(await p.services.publicLimiter.inWindow()).toBe(1);
  });

  it('a 429 met by a command holds every process back', async () => {
    p = await startPipeline({ bot: true });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'Busy' });
    p.imgpile.inject({
      path: /\/posts\//,
      status: 429,
      body: { message: 'Too Many Attempts.' },
      headers: { 'Retry-After': '30' },
    });
    const view = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'view'],
      options: { slug: post.slug },
    });
    await eventually(() => view.followUps()[0], 5000, 'the answer');
    const wait = await eventually(async () => {
      const w = await p.services.publicLimiter.tryAcquire();
      return w > 0 ? w : undefined;
    }, 5000);
    expect(wait).toBeGreaterThan(20_000);
  });
});

describe('reads: one member cannot lock the others out', () => {
  /** The first answer a command gives: its reply, or the follow-up an error makes. */
  const answerOf = (i: ReturnType<Pipeline['discord']['interact']>) =>
    eventually(
      () => {
        const o = i.original();
        if (o && (o.content || o.embeds.length || o.components.length)) return o;
        return i.followUps()[0];
      },
      10_000,
      'the answer',
    );

  it("one member's profile lookups spend their own share of public reads: the next member's feed still shows", async () => {
    p = await startPipeline({ bot: true });
    for (let n = 0; n < 10; n++) p.imgpile.seedPost({ owner: `user${n}`, title: `post ${n}` });
    const answers = [];
    for (let n = 0; n < 10; n++) {
      const lookup = runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['user'],
        options: { username: `user${n}` },
      });
      answers.push(await answerOf(lookup));
    }
    // Her later lookups are told to wait: her share, not everyone's, is used up.
    expect(answers.at(-1)!.content).toMatch(/your share of imgpile reads/i);
    const feed = runImgpile(p.discord, { channelId: GENERAL, user: bob, path: ['feed'] });
    const page = await answerOf(feed);
    expect(page.content).not.toMatch(/busy/);
    expect(JSON.stringify(page.components)).toContain('post ');
  });

  it('a feed page read lately is shown to every member without charging anyone, even one whose share is spent', async () => {
    p = await startPipeline({ bot: true });
    p.imgpile.seedPost({ owner: 'dave', title: 'front' });
    const first = await answerOf(
      runImgpile(p.discord, { channelId: GENERAL, user: bob, path: ['feed'] }),
    );
    expect(JSON.stringify(first.components)).toContain('front');
    const reads = await p.services.publicLimiter.inWindow();
    expect(reads).toBe(1);
    // Alice spends her whole share on profiles first.
    for (let n = 0; n < 4; n++)
      await answerOf(
        runImgpile(p.discord, {
          channelId: GENERAL,
          user: alice,
          path: ['user'],
          options: { username: `nobody${n}` },
        }),
      );
    const spent = await p.services.publicLimiter.inWindow();
    for (const user of [alice, carol]) {
      const page = await answerOf(
        runImgpile(p.discord, { channelId: GENERAL, user, path: ['feed'] }),
      );
      expect(page.content).not.toMatch(/busy|share/i);
      expect(JSON.stringify(page.components)).toContain('front');
    }
    expect(await p.services.publicLimiter.inWindow()).toBe(spent);
  });

  it('with the public reads held back by imgpile, the front page read lately is still shown', async () => {
    p = await startPipeline({ bot: true });
    p.imgpile.seedPost({ owner: 'dave', title: 'front' });
    await answerOf(runImgpile(p.discord, { channelId: GENERAL, user: bob, path: ['feed'] }));
    // Mallory's lookup meets imgpile's 429: every public read is held back for a minute.
    p.imgpile.inject({
      method: 'GET',
      path: /\/users\//,
      status: 429,
      body: { message: 'Too Many Attempts.' },
      headers: { 'retry-after': '60' },
    });
    const held = await answerOf(
      runImgpile(p.discord, {
        channelId: GENERAL,
        user: mallory,
        path: ['user'],
        options: { username: 'dave' },
      }),
    );
    expect(held.content).toMatch(/busy|try again/i);
    const page = await answerOf(
      runImgpile(p.discord, { channelId: GENERAL, user: carol, path: ['feed'] }),
    );
    expect(page.content).not.toMatch(/busy/i);
    expect(JSON.stringify(page.components)).toContain('front');
  });

  it('a profile read twice within a minute is read from imgpile once', async () => {
    p = await startPipeline({ bot: true });
    p.imgpile.seedPost({ owner: 'carol', title: 'hello' });
    for (const user of [alice, bob]) {
      const lookup = runImgpile(p.discord, {
        channelId: GENERAL,
        user,
        path: ['user'],
        options: { username: 'carol' },
      });
      expect((await answerOf(lookup)).embeds[0]).toMatchObject({ title: 'carol' });
    }
    const reads = p.imgpile.requests.filter((r) => r.path.startsWith('/api/v1/users/carol/'));
    expect(reads).toHaveLength(3);
    expect(await p.services.publicLimiter.inWindow()).toBe(3);
  });

  it("an owner's view of their post takes nothing from the upload budget", async () => {
    p = await startPipeline({ bot: true });
    const made = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png'), file2: png('b.png', 2), title: 'Mine' },
    });
    await finalReply(made);
    const slug = [...p.imgpile.posts.keys()][0]!;
    const before = await p.services.limiter.inWindow();
    const view = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['post', 'view'],
      options: { slug },
    });
    const shown = await answerOf(view);
    expect(JSON.stringify(shown)).toContain('Mine');
    expect(shown.flags & 64).toBe(64);
    expect(await p.services.limiter.inWindow()).toBe(before);
  });

  it('the owner of a private post still sees its key link, on a few reads a minute of their own', async () => {
    p = await startPipeline({ bot: true });
    const made = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png'), file2: png('b.png', 2), visibility: 'private' },
    });
    await finalReply(made);
    const post = [...p.imgpile.posts.values()][0]!;
    const before = await p.services.limiter.inWindow();
    const views = [];
    for (let n = 0; n < 6; n++) {
      const view = runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['post', 'view'],
        options: { slug: post.slug },
      });
      views.push(await answerOf(view));
    }
    expect(JSON.stringify(views[0])).toContain(`?key=${post.accessKey}`);
    expect(views.at(-1)!.content).toMatch(/your share of imgpile reads/i);
    // Each read with the bot's token came out of her own few; the uploads kept the rest.
    expect((await p.services.limiter.inWindow()) - before).toBeLessThanOrEqual(3);
  });
});

describe('/imgpile quota', () => {
  it('shows the refusal budget: refused files today, and files still in progress', async () => {
    p = await startPipeline({ bot: true, env: { USER_DAILY_REFUSAL_LIMIT: '4' } });
    const disguised = p.discord.addAttachment({
      filename: 'cat.png',
      content: fileBytes(3000, MAGIC.html, 9),
      contentType: 'image/png',
    });
    const up = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: disguised },
    });
    await finalReply(up);
    const i = runImgpile(p.discord, { channelId: GENERAL, user: alice, path: ['quota'] });
    const reply = await eventually(() => i.original(), 5000);
    const embed = reply.embeds[0] as { description: string };
    expect(embed.description).toMatch(/Refused files: 1 of 4 \(3 left\)/);
  });
});

describe('Redis down', () => {
  it('commands answer at once that the bot is unavailable and nothing was queued', async () => {
    const redis = await startRedisServer();
    stopRedis = () => redis.stop();
    p = await startPipeline({ bot: true, workers: false, redisUrl: redis.url });
    await redis.halt();
    const quota = runImgpile(p.discord, { channelId: GENERAL, user: alice, path: ['quota'] });
    const answer = await eventually(() => quota.original(), 10_000, 'the quota answer');
    expect(answer.content).toMatch(/temporarily unavailable/);
    expect(answer.flags & 64).toBe(64);
    const upload = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('x.png') },
    });
    const said = await eventually(
      () => upload.followUps()[0] ?? (upload.original()?.content ? upload.original() : undefined),
      10_000,
      'the upload answer',
    );
    expect(said.content).toMatch(/temporarily unavailable, so nothing was queued/);
    // Back up: the harness can clean up.
    await redis.resume();
  });
});
