import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_TYPE } from '../fakes/discord/world/model.js';
import { GALLERY, GENERAL, bob, moderator, testServer } from '../helpers/cast.js';
import { eventually, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

const FORUM = '1100000000000000004';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

let seed = 0;
const png = (name: string, extra: { expired?: boolean } = {}) =>
  p.discord.addAttachment({
    channelId: GALLERY,
    filename: name,
    content: fileBytes(3000, MAGIC.png, (seed += 1)),
    ...extra,
  });

async function watchGallery() {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: moderator,
    path: ['watch', 'add'],
    options: { channel: { channel: GALLERY } },
  });
  const shown = await eventually(() => i.original(), 5000, 'the watch reply');
  expect(shown.content).toMatch(/^Watching/);
}

/** The bot's replies in #gallery, by the message each answers. */
function repliesTo() {
  const by = new Map<string, number>();
  for (const m of p.discord.channelMessages(GALLERY)) {
    const id = (m.message_reference as { message_id?: string } | undefined)?.message_id;
    if (id) by.set(id, (by.get(id) ?? 0) + 1);
  }
  return by;
}

/** Posts a file in #gallery live and waits for its reply: the bot now knows where it stands. */
async function seen() {
  const m = p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('a.png')] });
  await eventually(() => repliesTo().get(m.id), 15_000, 'the live reply');
  return m;
}

const post = (name: string, extra: { expired?: boolean } = {}) =>
  p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png(name, extra)] });

/** Uploads imgpile received, by file name. */
function uploadsByName() {
  const by = new Map<string, number>();
  for (const u of p.created()) by.set(u.filename, (by.get(u.filename) ?? 0) + 1);
  return by;
}

const catchUpEvents = () =>
  p.events.flatMap((e) => (e.type === 'catchup' ? [e] : [])).filter((e) => e.missed + e.expired);

describe('catch-up after downtime', () => {
  it('rehosts what was posted while the bot was stopped, once each, in order', async () => {
    p = await startPipeline({ bot: true });
    await watchGallery();
    await seen();
    await p.stopBot();
    const missed = [post('m1.png'), post('m2.png'), post('m3.png')];
    await p.startBot();
    await eventually(() => missed.every((m) => repliesTo().get(m.id) === 1), 20_000, 'replies');
    expect([...uploadsByName().values()].every((n) => n === 1)).toBe(true);
    expect(uploadsByName().size).toBe(4);
    // Begun in the order they were posted: their ⏳ went on in that order.
    const reacted = p.discord.restCalls
      .filter((c) => c.method === 'PUT' && c.path.includes('/reactions/'))
      .map((c) => /messages\/(\d+)\//.exec(c.path)![1]);
    const order = missed.map((m) => reacted.indexOf(m.id));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(catchUpEvents()).toEqual([{ type: 'catchup', missed: 3, expired: 0 }]);
  });

  it('catches up after a gateway session that could not be resumed', async () => {
    p = await startPipeline({ bot: true });
    await watchGallery();
    await seen();
    await p.discord.refuseConnections();
    const missed = [post('r1.png'), post('r2.png')];
    p.discord.invalidateSessions();
    await p.discord.acceptConnections();
    await eventually(() => missed.every((m) => repliesTo().get(m.id) === 1), 30_000, 'replies');
    expect(uploadsByName().get('r1.png')).toBe(1);
    expect(uploadsByName().get('r2.png')).toBe(1);
  });

  it('never rehosts twice what the live path and catch-up both see', async () => {
    p = await startPipeline({ bot: true });
    await watchGallery();
    await seen();
    await p.stopBot();
    const before = [post('o1.png'), post('o2.png')];
    // Catch-up's first page arrives late: a message posted meanwhile is seen live first, then
    // read back with the page.
    const history = new RegExp(`^/channels/${GALLERY}/messages$`);
    p.discord.delayRest({ method: 'GET', path: history, ms: 1500 });
    await p.startBot();
    const during = [post('o3.png')];
    await eventually(() => repliesTo().get(during[0]!.id), 20_000, 'the live reply');
    const after = [post('o4.png')];
    const all = [...before, ...during, ...after];
    await eventually(() => all.every((m) => repliesTo().get(m.id)), 20_000, 'replies');
    await new Promise((r) => setTimeout(r, 500));
    for (const m of all) expect(repliesTo().get(m.id), m.id).toBe(1);
    expect([...uploadsByName().values()].every((n) => n === 1)).toBe(true);
    // o3 was read back by catch-up too, and found queued already: not counted as missed.
    expect(p.discord.restCalls.some((c) => history.test(c.path))).toBe(true);
    expect(catchUpEvents()).toEqual([{ type: 'catchup', missed: 2, expired: 0 }]);
  });

  it('replies to the first 5 in a channel, then marks the rest and says so once', async () => {
    p = await startPipeline({ bot: true });
    await watchGallery();
    await seen();
    await p.stopBot();
    const missed = Array.from({ length: 8 }, (_, i) => post(`s${i}.png`));
    await p.startBot();
    const quiet = missed.slice(5);
    await eventually(
      () => quiet.every((m) => p.discord.reactionsOn(GALLERY, m.id).includes('✅')),
      20_000,
      'the reactions',
    );
    const summary = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => !m.message_reference),
      5000,
      'the summary',
    );
    expect(textOf(summary)).toMatch(/8 messages with files were posted here/);
    expect(textOf(summary)).toMatch(/the 3 others are rehosted too/);
    await eventually(() => missed.slice(0, 5).every((m) => repliesTo().get(m.id) === 1), 10_000);
    for (const m of quiet) expect(repliesTo().get(m.id)).toBeUndefined();
    expect(uploadsByName().size).toBe(9);
    expect(p.discord.channelMessages(GALLERY).filter((m) => !m.message_reference)).toHaveLength(1);
  });

  it('rehosts a missed file whose link had expired: reading the message gives a fresh one', async () => {
    p = await startPipeline({ bot: true });
    await watchGallery();
    await seen();
    await p.stopBot();
    const old = post('old.png', { expired: true });
    await p.startBot();
    await eventually(() => repliesTo().get(old.id), 20_000, 'the reply');
    expect(uploadsByName().get('old.png')).toBe(1);
  });

  it('catches up a channel watched just before the restart, and a thread of it', async () => {
    p = await startPipeline({ bot: true });
    await watchGallery();
    const thread = p.discord.createThread({ parentId: GALLERY, name: 'more' });
    const first = p.discord.postMessage({
      threadId: thread.id,
      author: bob,
      attachments: [png('t0.png')],
    });
    await eventually(() => p.discord.reactionsOn(thread.id, first.id).includes('✅'), 15_000);
    await p.stopBot();
    const inChannel = post('c1.png');
    const inThread = p.discord.postMessage({
      threadId: thread.id,
      author: bob,
      attachments: [png('t1.png')],
    });
    await p.startBot();
    await eventually(() => repliesTo().get(inChannel.id), 20_000, 'the reply in the channel');
    await eventually(
      () => p.discord.reactionsOn(thread.id, inThread.id).includes('✅'),
      20_000,
      'the thread message rehosted',
    );
    expect(uploadsByName().get('t1.png')).toBe(1);
  });
});

describe('catch-up of threads made while the bot was away', () => {
  it('finds a thread opened in a watched channel while the bot was stopped and rehosts it from its start', async () => {
    p = await startPipeline({ bot: true });
    await watchGallery();
    await seen();
    await p.stopBot();
    const thread = p.discord.createThread({ parentId: GALLERY, name: 'new while away' });
    const inThread = [1, 2].map((n) =>
      p.discord.postMessage({ threadId: thread.id, author: bob, attachments: [png(`n${n}.png`)] }),
    );
    // A thread of a channel no one watches is left alone.
    const elsewhere = p.discord.createThread({ parentId: GENERAL, name: 'not watched' });
    p.discord.postMessage({
      threadId: elsewhere.id,
      author: bob,
      attachments: [
        p.discord.addAttachment({
          channelId: elsewhere.id,
          filename: 'x.png',
          content: fileBytes(3000, MAGIC.png, (seed += 1)),
        }),
      ],
    });
    await p.startBot();
    await eventually(
      () => inThread.every((m) => p.discord.reactionsOn(thread.id, m.id).includes('✅')),
      20_000,
      'the thread caught up',
    );
    expect(uploadsByName().get('n1.png')).toBe(1);
    expect(uploadsByName().get('n2.png')).toBe(1);
    expect(uploadsByName().has('x.png')).toBe(false);
    expect(p.discord.restCalls.some((c) => c.path.includes(`/channels/${elsewhere.id}/`))).toBe(
      false,
    );
    // Discord's list of the server's active threads is how it was found.
    expect(p.discord.restCalls.some((c) => c.path.endsWith('/threads/active'))).toBe(true);
    expect(catchUpEvents()).toContainEqual({ type: 'catchup', missed: 2, expired: 0 });
  });

  it("reads a forum post opened while the bot was away from its starter message (whose id is the thread's)", async () => {
    const server = testServer();
    server.channels.push({ id: FORUM, name: 'showcase', type: CHANNEL_TYPE.GUILD_FORUM });
    p = await startPipeline({ bot: true, discord: { guilds: [server] } });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: FORUM }, mode: 'media', visibility: 'public' },
    });
    expect((await eventually(() => i.original(), 5000, 'the watch')).content).toMatch(/^Watching/);
    await p.stopBot();
    const { thread, message } = p.discord.createForumPost({
      channelId: FORUM,
      author: bob,
      content: 'my build',
      attachments: [
        p.discord.addAttachment({
          filename: 'build.png',
          content: fileBytes(3000, MAGIC.png, (seed += 1)),
        }),
      ],
    });
    expect(message.id).toBe(thread.id);
    await p.startBot();
    await eventually(() => uploadsByName().get('build.png'), 20_000, 'the starter caught up');
    expect(uploadsByName().get('build.png')).toBe(1);
  });
});
