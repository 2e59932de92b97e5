import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_TYPE, PERMISSIONS, type FakeUser } from '../fakes/discord.js';
import { eventually, runImgpile, runRehostMessage } from '../helpers/interactions.js';
import { textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import {
  MODERATOR,
  MODERATOR_ROLE,
  startPipeline,
  testServer,
  type Pipeline,
} from '../helpers/pipeline.js';

const GENERAL = '1100000000000000001';
const GALLERY = '1100000000000000002';
const FORUM = '1100000000000000004';
const BOT = '1300000000000000001';
const bob: FakeUser = { id: '1200000000000000002', username: 'bob' };
const moderator: FakeUser = { id: MODERATOR, username: 'mod' };

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
