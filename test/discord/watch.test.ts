import { afterEach, describe, expect, it } from 'vitest';
import { Routes } from 'discord.js';
import { CHANNEL_TYPE, PERMISSIONS } from '../fakes/discord.js';
import {
  AFTER_DARK,
  BOT,
  GALLERY,
  GENERAL,
  GUILD,
  MODERATOR,
  MODERATOR_ROLE,
  bob,
  mallory,
  moderator,
  testServer,
} from '../helpers/cast.js';
import { eventually, finalReply, runImgpile, runRehostMessage } from '../helpers/interactions.js';
import { textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

const FORUM = '1100000000000000004';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

/** The test server with a forum channel besides the text channels. */
function serverWithForum() {
  const server = testServer();
  server.channels.push({ id: FORUM, name: 'showcase', type: CHANNEL_TYPE.GUILD_FORUM });
  return server;
}

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

async function watch(channel: string, options: Record<string, string> = {}) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: moderator,
    path: ['watch', 'add'],
    options: { channel: { channel }, ...options },
  });
  return (await eventually(() => i.original(), 5000, 'the watch reply')).content;
}

/** The bot's reply in `channelId` (a thread or a channel). */
const replyIn = (channelId: string) =>
  eventually(
    () => p.discord.channelMessages(channelId).find((m) => m.message_reference),
    15_000,
    `the reply in ${channelId}`,
  );

describe('watch add checks what the bot can do there', () => {
  it('names the permissions the bot is missing in the channel, and adds nothing', async () => {
    const server = testServer();
    server.channels[1]!.overwrites = [
      { id: BOT, type: 1, deny: PERMISSIONS.ADD_REACTIONS | PERMISSIONS.READ_MESSAGE_HISTORY },
    ];
    p = await startPipeline({ bot: true, discord: { guilds: [server] } });
    const content = await watch(GALLERY);
    expect(content).toMatch(/missing Read Message History, Add Reactions/);
    expect(await p.services.store.watches.list(server.id)).toEqual([]);
  });

  it('watch list marks a channel where the bot has lost what it needs', async () => {
    p = await startPipeline({ bot: true });
    expect(await watch(GALLERY)).toMatch(/^Watching/);
    p.discord.setOverwrites(GALLERY, [{ id: BOT, type: 1, deny: PERMISSIONS.SEND_MESSAGES }]);
    await new Promise((r) => setTimeout(r, 200)); // CHANNEL_UPDATE reaches the bot
    const list = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'list'],
    });
    const shown = await eventually(() => list.original(), 5000);
    expect(shown.content).toMatch(
      new RegExp(`<#${GALLERY}>: media, hidden ⚠️ the bot lost Send Messages`),
    );
  });
});

describe('who may add a watch', () => {
  it('a member with Manage Server who cannot see the channel is refused, and nothing is watched', async () => {
    const server = testServer();
    server.channels[1]!.overwrites = [
      { id: MODERATOR_ROLE, type: 0, deny: PERMISSIONS.VIEW_CHANNEL },
    ];
    p = await startPipeline({ bot: true, discord: { guilds: [server] } });
    expect(await watch(GALLERY)).toBe(
      `You cannot see <#${GALLERY}> yourself, so you cannot watch it: a watch rehosts what is posted there.`,
    );
    expect(await p.services.store.watches.list(server.id)).toEqual([]);
    // A channel they can see is watched as before.
    expect(await watch(GENERAL)).toMatch(/^Watching/);
  });

  it('a moderator in a Discord timeout has no Manage Server until it ends', async () => {
    const server = testServer();
    server.timeouts = { [MODERATOR]: Date.now() + 3_600_000 };
    p = await startPipeline({ bot: true, discord: { guilds: [server] } });
    expect(await watch(GALLERY)).toBe(
      'You need the Manage Server permission to change which channels are watched.',
    );
    expect(await p.services.store.watches.list(server.id)).toEqual([]);
    server.timeouts[MODERATOR] = Date.now() - 1;
    expect(await watch(GALLERY)).toMatch(/^Watching/);
  });
});

describe('threads, forums and media channels', () => {
  it('a new post in a watched forum channel is rehosted, with the reply in the post', async () => {
    p = await startPipeline({ bot: true, discord: { guilds: [serverWithForum()] } });
    expect(await watch(FORUM, { mode: 'media', visibility: 'public' })).toMatch(/^Watching/);
    const { thread } = p.discord.createForumPost({
      channelId: FORUM,
      author: bob,
      content: 'my build',
      attachments: [png('build.png')],
    });
    const reply = await replyIn(thread.id);
    expect(textOf(reply)).toContain('/f/');
    expect(p.discord.channelMessages(FORUM)).toHaveLength(0);
  });

  it('a reply in a thread of a watched text channel is rehosted in the thread', async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY, { visibility: 'public' });
    const thread = p.discord.createThread({ parentId: GALLERY, name: 'more' });
    const msg = p.discord.postMessage({
      threadId: thread.id,
      author: bob,
      attachments: [png('t.png')],
    });
    const reply = await replyIn(thread.id);
    expect(reply.message_reference).toMatchObject({ message_id: msg.id });
    expect(textOf(reply)).toContain('/f/');
    await eventually(() => p.discord.reactionsOn(thread.id, msg.id).includes('✅'), 5000, '✅');
  });

  it.each([
    ['media', 'public'],
    ['post', 'public'],
    ['post', 'private'],
  ])(
    'a file in a private thread of a %s watch that is %s is never in the public feed, and its reply stays in the thread',
    async (mode, visibility) => {
      p = await startPipeline({ bot: true });
      await watch(GALLERY, { mode, visibility });
      const thread = p.discord.createThread({
        parentId: GALLERY,
        name: 'just us',
        type: CHANNEL_TYPE.PRIVATE_THREAD,
        memberIds: [bob.id, BOT],
      });
      const msg = p.discord.postMessage({
        threadId: thread.id,
        author: bob,
        attachments: [png('ours.png')],
      });
      await replyIn(thread.id);
      await eventually(() => p.discord.reactionsOn(thread.id, msg.id).includes('✅'), 5000, '✅');
      const media = [...p.imgpile.media.values()];
      expect(media).toHaveLength(1);
      const post = [...p.imgpile.posts.values()].find((x) => x.id === media[0]!.postId);
      // In a post no feed lists: hidden at least, as restricted as the watch asks beyond that.
      expect(post?.visibility).toBe(visibility === 'private' ? 'private' : 'hidden');
      expect(p.discord.channelMessages(GALLERY)).toHaveLength(0);
    },
  );

  it('the context menu on a file in a private thread makes a hidden post, whoever uses it', async () => {
    p = await startPipeline({ bot: true });
    const thread = p.discord.createThread({
      parentId: GENERAL,
      name: 'just us',
      type: CHANNEL_TYPE.PRIVATE_THREAD,
      memberIds: [bob.id, moderator.id],
    });
    const msg = p.discord.postMessage({
      threadId: thread.id,
      author: bob,
      attachments: [png('ours.png')],
    });
    const menu = runRehostMessage(p.discord, {
      channelId: thread.id,
      user: moderator,
      message: msg,
    });
    await finalReply(menu);
    const media = [...p.imgpile.media.values()];
    expect(media).toHaveLength(1);
    const post = [...p.imgpile.posts.values()].find((x) => x.id === media[0]!.postId);
    expect(post?.visibility).toBe('hidden');
  });

  it('the context menu works in a thread, and the 15-minute fallback lands in the thread', async () => {
    p = await startPipeline({ bot: true });
    const thread = p.discord.createThread({ parentId: GENERAL, name: 'menu' });
    const slow = p.discord.addAttachment({
      filename: 'slow.png',
      content: { size: 600_000, head: MAGIC.png },
      bytesPerSecond: 400_000,
    });
    const msg = p.discord.postMessage({ threadId: thread.id, author: bob, attachments: [slow] });
    const menu = runRehostMessage(p.discord, { channelId: thread.id, user: bob, message: msg });
    await eventually(() => menu.original(), 5000, 'the deferral');
    p.discord.expireInteraction(menu.id);
    const posted = await eventually(
      () =>
        p.discord
          .channelMessages(thread.id)
          .find((m) => textOf(m).includes('your rehost finished')),
      15_000,
      'the fallback in the thread',
    );
    expect(textOf(posted)).toContain('/f/');
  });
});

describe('what a watched channel publishes', () => {
  it('by default a watched channel rehosts hidden: out of imgpile feeds, links in the reply', async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY);
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('h.png')] });
    const reply = await replyIn(GALLERY);
    const post = [...p.imgpile.posts.values()][0]!;
    expect(post.visibility).toBe('hidden');
    expect(textOf(reply)).toContain('/f/');
  });

  it('a private watch makes no public post: links go to the poster by DM, the channel gets none', async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY, { visibility: 'private' });
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('p.png')] });
    const reply = await replyIn(GALLERY);
    const posts = [...p.imgpile.posts.values()];
    expect(posts).toHaveLength(1);
    expect(posts[0]!.visibility).toBe('private');
    expect(reply.content).not.toContain('/f/');
    expect(reply.content).not.toContain(posts[0]!.slug);
    const dm = await eventually(
      () =>
        [...p.discord.messages.values()].find(
          (m) => m.channel_id !== GALLERY && m.content.includes('/f/'),
        ),
      10_000,
      'the DM',
    );
    expect(dm.content).toContain(`?key=${posts[0]!.accessKey}`);
  });
});

describe('a watched channel that refuses the bot', () => {
  const LOST = PERMISSIONS.SEND_MESSAGES | PERMISSIONS.ADD_REACTIONS;

  /** The test server, with #general as the channel Discord posts system messages in. */
  function serverWithSystemChannel() {
    return { ...testServer(), systemChannelId: GENERAL };
  }

  /** Every queue empty: nothing left to upload, retry or deliver. */
  const queuesEmpty = () =>
    eventually(
      async () => {
        const counts = await Promise.all(
          [p.uploadsQueue, p.requestsQueue].map((q) =>
            q.getJobCounts('active', 'waiting', 'delayed', 'prioritized', 'waiting-children'),
          ),
        );
        return counts.every((c) => Object.values(c).every((n) => n === 0));
      },
      60_000,
      'the queues to empty',
    );

  /** Whether the bot's own cache says it has the LOST permissions in `channelId`. */
  const botHas = (channelId: string) => {
    const channel = p.bot!.client.channels.cache.get(channelId);
    return !!channel && 'permissionsFor' in channel && !!channel.permissionsFor(BOT)?.has(LOST);
  };
  const botSeesLoss = (channelId: string) =>
    eventually(() => !botHas(channelId), 5000, 'the lost permissions to reach the bot');

  it(
    '20 messages after the bot lost its permissions cost at most 5 refused requests; the watch pauses and the server is told once',
    { timeout: 90_000 },
    async () => {
      p = await startPipeline({ bot: true, discord: { guilds: [serverWithSystemChannel()] } });
      expect(await watch(GALLERY, { visibility: 'public' })).toMatch(/^Watching/);
      expect(await watch(AFTER_DARK, { visibility: 'public' })).toMatch(/^Watching/);
      p.discord.setOverwrites(GALLERY, [{ id: BOT, type: 1, deny: LOST }]);
      await botSeesLoss(GALLERY);
      for (let i = 0; i < 20; i++)
        p.discord.postMessage({
          channelId: GALLERY,
          author: bob,
          attachments: [png(`${i}.png`, i)],
        });
      // A healthy watched channel still answers: posted after the 20, it shows they were handled.
      p.discord.postMessage({
        channelId: AFTER_DARK,
        author: bob,
        attachments: [png('ok.png', 99)],
      });
      await replyIn(AFTER_DARK);
      await queuesEmpty();

      expect(p.discord.refusedRequests.length).toBeLessThanOrEqual(5);
      expect(p.created().map((u) => u.filename)).toEqual(['ok.png']);
      const notices = p.discord.channelMessages(GENERAL);
      expect(notices).toHaveLength(1);
      expect(notices[0]!.content).toContain(`<#${GALLERY}>`);
      expect(notices[0]!.content).toMatch(/Send Messages, Add Reactions/);
      expect(notices[0]!.content).toContain('/imgpile watch add');
      const list = runImgpile(p.discord, {
        channelId: GENERAL,
        user: moderator,
        path: ['watch', 'list'],
      });
      expect((await eventually(() => list.original(), 5000)).content).toMatch(
        new RegExp(`<#${GALLERY}>: media, public ⏸️ paused`),
      );
    },
  );

  it(
    'a member who blocked the bot cannot get the watch paused: their refusals are theirs, the others are answered as before',
    { timeout: 90_000 },
    async () => {
      p = await startPipeline({ bot: true, discord: { guilds: [serverWithSystemChannel()] } });
      await watch(GALLERY, { visibility: 'public' });
      p.discord.blockBot(mallory);
      for (let i = 0; i < 6; i++)
        p.discord.postMessage({
          channelId: GALLERY,
          author: mallory,
          attachments: [png(`m${i}.png`, i)],
        });
      await queuesEmpty();
      const later = p.discord.postMessage({
        channelId: GALLERY,
        author: bob,
        attachments: [png('b.png', 50)],
      });
      await eventually(
        () => p.discord.reactionsOn(GALLERY, later.id).includes('✅'),
        15_000,
        "bob's ✅",
      );
      await queuesEmpty();
      // Every file of both members was rehosted and answered in the channel.
      expect(p.created()).toHaveLength(7);
      const replies = p.discord.channelMessages(GALLERY).filter((m) => m.message_reference);
      expect(replies).toHaveLength(7);
      // Nothing paused, nobody told; mallory's refusals stop at her own limit, never retried.
      expect((await p.services.store.watches.list(GUILD))[0]?.paused).toBeUndefined();
      expect(p.discord.channelMessages(GENERAL)).toHaveLength(0);
      const refused = p.discord.refusedRequests.map((r) => r.code);
      expect(refused.every((code) => code === 90001)).toBe(true);
      expect(refused.length).toBeLessThanOrEqual(2);
    },
  );

  it('a private watch: a member who blocked the bot is asked for a DM at most twice a day, and the watch goes on', async () => {
    p = await startPipeline({ bot: true, discord: { guilds: [serverWithSystemChannel()] } });
    await watch(GALLERY, { visibility: 'private' });
    p.discord.blockBot(mallory);
    for (let i = 0; i < 4; i++)
      p.discord.postMessage({
        channelId: GALLERY,
        author: mallory,
        attachments: [png(`m${i}.png`, i)],
      });
    await eventually(
      () => p.discord.channelMessages(GALLERY).filter((m) => m.message_reference).length === 4,
      30_000,
      'the four replies',
    );
    await queuesEmpty();
    const dmRefusals = p.discord.refusedRequests.filter((r) => r.code === 50007);
    expect(dmRefusals.length).toBeLessThanOrEqual(2);
    expect(p.discord.refusedRequests.every((r) => [50007, 90001].includes(r.code!))).toBe(true);
    expect((await p.services.store.watches.list(GUILD))[0]?.paused).toBeUndefined();
  });

  it('Discord refusing although the cache says the bot may: two refusals pause the watch', async () => {
    p = await startPipeline({ bot: true, discord: { guilds: [serverWithSystemChannel()] } });
    await watch(GALLERY, { visibility: 'public' });
    // What the cache cannot know (the local Discord does not model it): every reaction refused.
    p.discord.injectRestFailure({
      path: new RegExp(`^/channels/${GALLERY}/messages/\\d+/reactions/`),
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
      times: 1000,
    });
    for (let i = 0; i < 20; i++)
      p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png(`${i}.png`, i)] });
    const notice = await eventually(
      () => p.discord.channelMessages(GENERAL)[0],
      10_000,
      'the notice',
    );
    expect(notice.content).toMatch(/Discord refused the bot 2 times/);
    await queuesEmpty();
    expect(p.discord.refusedRequests.length).toBe(2);
    expect(p.created()).toHaveLength(0);
    expect((await p.services.store.watches.get(GUILD, GALLERY))?.paused).toBeDefined();
  });

  it('adding the watch again, once the permissions are back, resumes it', async () => {
    p = await startPipeline({ bot: true, discord: { guilds: [serverWithSystemChannel()] } });
    await watch(GALLERY, { visibility: 'public' });
    p.discord.setOverwrites(GALLERY, [{ id: BOT, type: 1, deny: LOST }]);
    await botSeesLoss(GALLERY);
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('a.png', 1)] });
    await eventually(() => p.discord.channelMessages(GENERAL)[0], 10_000, 'the notice');
    p.discord.setOverwrites(GALLERY, []);
    await eventually(() => botHas(GALLERY), 5000, 'the permissions back');
    expect(await watch(GALLERY, { visibility: 'public' })).toMatch(/^Watching/);
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('b.png', 2)] });
    expect(textOf(await replyIn(GALLERY))).toContain('/f/');
    expect(p.created().map((u) => u.filename)).toEqual(['b.png']);
  });

  it(
    "replies already queued when the channel starts refusing: a worker's 403 is never retried, and the rest are not sent",
    { timeout: 120_000 },
    async () => {
      p = await startPipeline({ bot: true, workers: false });
      await watch(GALLERY, { visibility: 'public' });
      const sent = Array.from({ length: 20 }, (_, i) =>
        p.discord.postMessage({
          channelId: GALLERY,
          author: bob,
          attachments: [png(`${i}.png`, i)],
        }),
      );
      await eventually(
        async () =>
          (await p.requestsQueue.getJobCounts('waiting-children'))['waiting-children'] === 20,
        15_000,
        'the 20 requests queued',
      );
      p.discord.setOverwrites(GALLERY, [{ id: BOT, type: 1, deny: LOST }]);
      const before = p.discord.refusedRequests.length;
      await p.startWorkerProcesses(1);
      for (const m of sent) await p.waitForResult(`msg-${m.id}`, 60_000);

      expect(p.created()).toHaveLength(20);
      expect(before).toBe(0);
      expect(p.discord.refusedRequests.length).toBeLessThanOrEqual(5);
    },
  );
});

describe("Discord's count of invalid requests", () => {
  it('every 401, 403 and 429 of the process is counted, from both REST clients, with a warning at 250', async () => {
    const HIDDEN = '1100000000000000005';
    const server = testServer();
    server.channels.push({
      id: HIDDEN,
      name: 'staff',
      overwrites: [{ id: BOT, type: 1, deny: PERMISSIONS.VIEW_CHANNEL }],
    });
    const lines: Record<string, unknown>[] = [];
    p = await startPipeline({
      bot: true,
      discord: { guilds: [server] },
      logLevel: 'warn',
      logTo: { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    // The workers' REST client and the gateway client's, 125 refusals each.
    const clients = [p.services.discordRest, p.bot!.client.rest];
    await Promise.allSettled(
      clients.flatMap((rest) =>
        Array.from({ length: 125 }, () => rest.get(Routes.channel(HIDDEN))),
      ),
    );
    expect(p.discord.refusedRequests).toHaveLength(250);
    const counted = p.events.filter((e) => e.type === 'discord_invalid_request');
    expect(counted).toHaveLength(250);
    expect(p.services.discordInvalidRequests.inWindow()).toBe(250);
    const warnings = lines.filter(
      (l) => typeof l.msg === 'string' && /Discord refused/.test(l.msg),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ level: 'warn', count: 250, limit: 10_000 });
  });
});
