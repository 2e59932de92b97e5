import { afterEach, describe, expect, inject, it } from 'vitest';
import { createRedis } from '../../src/redis.js';
import { createStore } from '../../src/store/index.js';
import { requestJobId } from '../../src/queue/jobs.js';
import { PERMISSIONS } from '../fakes/discord.js';
import {
  AFTER_DARK,
  BOT,
  GALLERY,
  GENERAL,
  GUILD,
  OTHER_GUILD,
  alice,
  bob,
  carol,
  chatter,
  moderator,
  testServer,
} from '../helpers/cast.js';
import { eventually, runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRole, type RoleProcess } from '../helpers/processes.js';
import { startRedisProxy } from '../helpers/redis-proxy.js';

/**
 * The bot caches only the channels it watches and their threads: a server's other channels cost
 * it nothing, and their messages are dropped before anything is built for them. Which channels
 * are watched lives in every bot process and follows changes made by any process.
 */

let p: Pipeline | undefined;
let proxy: Awaited<ReturnType<typeof startRedisProxy>> | undefined;
const bots: RoleProcess[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop('SIGTERM')));
  await p?.close();
  await proxy?.close();
  p = undefined;
  proxy = undefined;
});

const png = (pipe: Pipeline, name: string, seed = 1) =>
  pipe.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

const watchSettings = { mode: 'media', visibility: 'public' } as const;

/** The channel ids the in-process bot has cached, sorted. */
function cached(pipe: Pipeline): string[] {
  return [...pipe.bot!.client.channels.cache.keys()].sort();
}

describe('the channel cache holds watched channels and their threads only', () => {
  it('unwatched channels are not cached; a watch added is cached with its threads, a watch removed is dropped', async () => {
    p = await startPipeline({ bot: true });
    const pipe = p;
    const thread = pipe.discord.createThread({ parentId: GALLERY, name: 'older thread' });
    expect(cached(pipe)).toEqual([]);

    const add = runImgpile(pipe.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    expect((await eventually(() => add.original(), 5000, 'the watch reply')).content).toMatch(
      /^Watching/,
    );
    // The thread opened before the watch is known too, so its next message is seen.
    await eventually(() => cached(pipe).length === 2, 5000, 'the watched channel and its thread');
    expect(cached(pipe)).toEqual([GALLERY, thread.id].sort());

    const remove = runImgpile(pipe.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'remove'],
      options: { channel: { channel: GALLERY } },
    });
    await eventually(() => remove.original(), 5000, 'the remove reply');
    await eventually(() => cached(pipe).length === 0, 5000, 'the cache emptied');
  });

  it('a watched channel at start is cached from the first GUILD_CREATE, its threads too', async () => {
    p = await startPipeline({});
    const pipe = p;
    const thread = pipe.discord.createThread({ parentId: AFTER_DARK, name: 'late night' });
    await pipe.services.store.watches.set(GUILD, AFTER_DARK, watchSettings);
    const bot = await startRole('bot', pipe.env, 'bot role started');
    bots.push(bot);
    const msg = pipe.discord.postMessage({
      threadId: thread.id,
      author: bob,
      attachments: [png(pipe, 'night.png')],
    });
    const result = await pipe.waitForResult(`msg-${msg.id}`, 20_000);
    expect(result.files[0]?.status).toBe('uploaded');
  });
});

describe('chat the bot does not watch leaves nothing behind (issue 18)', () => {
  it('the authors, members and channels of unwatched messages are not cached, nor the poster a watched channel answers', async () => {
    p = await startPipeline({ bot: true });
    const pipe = p;
    const client = pipe.bot!.client;
    await pipe.services.store.watches.set(GUILD, GALLERY, watchSettings);
    await eventually(() => cached(pipe).includes(GALLERY), 5000, 'the watch followed');

    // Chat by several people (each message carries its author and member) in two channels
    // nobody watches, an image among it.
    for (const author of [alice, bob, carol, chatter])
      await pipe.discord.postMessages(20, { channels: [GENERAL, AFTER_DARK], author });
    pipe.discord.postMessage({
      channelId: GENERAL,
      author: carol,
      attachments: [png(pipe, 'unwatched.png', 8)],
    });
    // Dispatched after all of it: once it is answered, the chat has been through the bot.
    const watched = pipe.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png(pipe, 'watched.png', 9)],
    });
    expect((await pipe.waitForResult(`msg-${watched.id}`, 20_000)).files[0]?.status).toBe(
      'uploaded',
    );

    expect([...client.users.cache.keys()]).toEqual([BOT]);
    expect([...client.guilds.cache.get(GUILD)!.members.cache.keys()]).toEqual([BOT]);
    expect(cached(pipe)).toEqual([GALLERY]);
  });
});

describe('watch add for a channel the bot does not cache', () => {
  it('a channel hidden from the bot: it says View Channel is missing, and Discord refuses it twice at most, however often it is tried', async () => {
    const server = testServer();
    server.channels[1]!.overwrites = [{ id: BOT, type: 1, deny: PERMISSIONS.VIEW_CHANNEL }];
    p = await startPipeline({ bot: true, discord: { guilds: [server] } });
    const pipe = p;
    for (let i = 0; i < 5; i++) {
      const add = runImgpile(pipe.discord, {
        channelId: GENERAL,
        user: moderator,
        path: ['watch', 'add'],
        options: { channel: { channel: GALLERY } },
      });
      const said = await eventually(() => add.original(), 5000, 'the answer');
      expect(said.content).toMatch(/missing View Channel/);
    }
    expect(pipe.discord.refusedRequests).toHaveLength(2);
    expect(await pipe.services.store.watches.list(GUILD)).toEqual([]);
  });
});

describe('watches an earlier version kept', () => {
  it('are indexed at start and their channels answered', async () => {
    p = await startPipeline({});
    const pipe = p;
    // As an earlier version wrote a watch: its server's hash only, a bare mode, no index.
    await pipe.services.redis.hset(`${pipe.env.REDIS_PREFIX}:watch:${GUILD}`, GALLERY, 'media');
    const bot = await startRole('bot', pipe.env, 'bot role started');
    bots.push(bot);
    const msg = pipe.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png(pipe, 'kept.png', 7)],
    });
    expect((await pipe.waitForResult(`msg-${msg.id}`, 20_000)).files[0]?.status).toBe('uploaded');
    expect(await pipe.services.store.watches.list(GUILD)).toEqual([
      { channelId: GALLERY, mode: 'media', visibility: 'public' },
    ]);
  });
});

describe('the watched channels follow every process', () => {
  it('a channel watched through another process is answered by a running bot process, an unwatched one ignored, with no restart', async () => {
    p = await startPipeline({});
    const pipe = p;
    const bot = await startRole('bot', pipe.env, 'bot role started');
    bots.push(bot);
    const followed = (channelId: string, watched: boolean) =>
      bot.waitForLog((l) => l.channelId === channelId && l.watched === watched, 10_000);

    // This process's store writes the watch, as `/imgpile watch add` in another bot process does.
    await pipe.services.store.watches.set(GUILD, GALLERY, watchSettings);
    await followed(GALLERY, true);
    const ignored = pipe.discord.postMessage({
      channelId: GENERAL,
      author: bob,
      attachments: [png(pipe, 'general.png', 2)],
    });
    const answered = pipe.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png(pipe, 'gallery.png', 3)],
    });
    const result = await pipe.waitForResult(`msg-${answered.id}`, 20_000);
    expect(result.files[0]?.status).toBe('uploaded');
    expect(pipe.discord.reactionsOn(GALLERY, answered.id)).toContain('⏳');
    // Posted before the answered one, in a channel nobody watches: never looked at.
    expect(pipe.discord.reactionsOn(GENERAL, ignored.id)).toEqual([]);
    expect(await pipe.requestsQueue.getJob(requestJobId(`msg-${ignored.id}`))).toBeUndefined();

    // The watch moves to #general: the same process follows, still without a restart.
    await pipe.services.store.watches.remove(GUILD, GALLERY);
    await pipe.services.store.watches.set(GUILD, GENERAL, watchSettings);
    await followed(GALLERY, false);
    await followed(GENERAL, true);
    const dropped = pipe.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png(pipe, 'gallery2.png', 4)],
    });
    const now = pipe.discord.postMessage({
      channelId: GENERAL,
      author: bob,
      attachments: [png(pipe, 'general2.png', 5)],
    });
    expect((await pipe.waitForResult(`msg-${now.id}`, 20_000)).files[0]?.status).toBe('uploaded');
    expect(pipe.discord.reactionsOn(GALLERY, dropped.id)).toEqual([]);
    expect(await pipe.requestsQueue.getJob(requestJobId(`msg-${dropped.id}`))).toBeUndefined();
  });
});

describe('a remove names a channel of another server', () => {
  it("another server's remove of a channel it does not watch leaves the watch, its index entry and every process's follow alone", async () => {
    p = await startPipeline({ bot: true });
    const pipe = p;
    const { watches } = pipe.services.store;
    await watches.set(GUILD, GALLERY, watchSettings);
    await eventually(() => cached(pipe).includes(GALLERY), 5000, 'the watched channel cached');

    // Another server's remove with this server's channel id (an id typed, or a stale record).
    expect(await watches.remove(OTHER_GUILD, GALLERY)).toBe(false);
    // A change published after it is applied after it: once GENERAL is followed, so is the remove.
    await watches.set(GUILD, GENERAL, watchSettings);
    await eventually(() => cached(pipe).includes(GENERAL), 5000, 'the later watch followed');

    const index = await pipe.services.redis.hgetall(`${pipe.env.REDIS_PREFIX}:watched`);
    expect(index[GALLERY]).toBe(GUILD);
    const msg = pipe.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png(pipe, 'still-watched.png', 8)],
    });
    expect((await pipe.waitForResult(`msg-${msg.id}`, 20_000)).files[0]?.status).toBe('uploaded');
  });
});

describe('a process that missed a change', () => {
  it('reads every watch again when its Redis connection comes back, and answers there', async () => {
    proxy = await startRedisProxy(inject('redisUrl'));
    p = await startPipeline({ bot: true, redisUrl: proxy.url });
    const pipe = p;
    // Another process, with Redis to itself while this one's connections are down.
    const direct = createRedis(inject('redisUrl'));
    const elsewhere = createStore(direct, pipe.env.REDIS_PREFIX!, { retentionDays: 1 });
    try {
      await proxy.cut(async () => {
        await elsewhere.watches.set(GUILD, GALLERY, watchSettings);
        await new Promise((r) => setTimeout(r, 300));
      });
    } finally {
      direct.disconnect();
    }
    await eventually(() => cached(pipe).includes(GALLERY), 15_000, 'the watch reloaded');
    const msg = pipe.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      attachments: [png(pipe, 'after.png', 6)],
    });
    expect((await pipe.waitForResult(`msg-${msg.id}`, 20_000)).files[0]?.status).toBe('uploaded');
  });
});
