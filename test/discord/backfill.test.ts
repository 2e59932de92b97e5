import { Queue } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { startBackfills } from '../../src/app.js';
import { backfillStopId } from '../../src/discord/views/backfill-progress.js';
import { QUEUE_BACKFILL, backfillJobId } from '../../src/queue/background/backfill.js';
import { PERMISSIONS } from '../fakes/discord.js';
import { GALLERY, GENERAL, MODERATOR_ROLE, bob, moderator, testServer } from '../helpers/cast.js';
import { eventually, pressButton, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
const extra: { close(ms: number): Promise<void> }[] = [];
afterEach(async () => {
  for (const w of extra.splice(0)) await w.close(1_000);
  await p?.close();
});

let seed = 0;
/** `n` messages in #gallery, every `every`-th with a picture (named by its place). */
function history(n: number, every = 1) {
  return Array.from({ length: n }, (_, i) =>
    p.discord.postMessage({
      channelId: GALLERY,
      author: bob,
      content: `m${i}`,
      attachments:
        i % every === 0
          ? [
              p.discord.addAttachment({
                channelId: GALLERY,
                filename: `h${i}.png`,
                content: fileBytes(2000, MAGIC.png, (seed += 1)),
              }),
            ]
          : [],
    }),
  );
}

function backfill(options: Record<string, unknown> = {}, user = moderator) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user,
    path: ['watch', 'backfill'],
    options: { channel: { channel: GALLERY }, ...options },
  });
  return eventually(() => i.original(), 5000, 'the answer');
}

const record = () => p.services.store.backfills.get(GALLERY);
const progress = () =>
  p.discord.channelMessages(GALLERY).find((m) => textOf(m).includes('Backfill'));
const historyReads = () =>
  p.discord.restCalls.filter(
    (c) => c.method === 'GET' && c.path === `/channels/${GALLERY}/messages`,
  ).length;

function uploadsByName() {
  const by = new Map<string, number>();
  for (const u of p.created()) by.set(u.filename, (by.get(u.filename) ?? 0) + 1);
  return by;
}

describe('/imgpile watch backfill', () => {
  it('rehosts the history page by page, skips what was rehosted, and says when it is done', async () => {
    p = await startPipeline({ bot: true });
    history(30, 3);
    const before = await backfill({ order: 'oldest' });
    expect(before.content).toMatch(/Backfill of <#\d+> started/);
    await eventually(async () => (await record())?.status === 'done', 15_000, 'done');
    await eventually(() => uploadsByName().size === 10, 15_000, 'the uploads');
    expect([...uploadsByName().values()].every((n) => n === 1)).toBe(true);
    const shown = await eventually(() => /Done/.test(textOf(progress())) && progress(), 15_000);
    expect(textOf(shown)).toMatch(/Found 10 files · rehosted 10 · skipped 0/);
    expect(textOf(shown)).toMatch(/oldest first/);
    // Again: everything is on imgpile already.
    const again = await backfill();
    expect(again.content).toMatch(/started/);
    await eventually(async () => (await record())?.status === 'done', 15_000, 'done again');
    expect((await record())!.skipped).toBe(10);
    expect(uploadsByName().size).toBe(10);
  });

  it('survives a restart mid-way: the next worker goes on from the cursor', async () => {
    p = await startPipeline({ bot: true });
    history(300, 20);
    await backfill();
    await eventually(async () => ((await record())?.pages ?? 0) >= 1, 15_000, 'a first page');
    await p.backfills!.close(1_000);
    const readsBefore = historyReads();
    const pagesBefore = (await record())!.pages;
    expect((await record())!.cursor).not.toBeNull();
    extra.push(startBackfills(p.services));
    await eventually(async () => (await record())?.status === 'done', 20_000, 'done');
    // 300 messages: 3 full pages and an empty one. From scratch would read all 4 again.
    expect(historyReads() - readsBefore).toBeLessThanOrEqual(4 - pagesBefore);
    expect(pagesBefore).toBeGreaterThanOrEqual(1);
    await eventually(() => uploadsByName().size === 15, 20_000, 'the uploads');
    expect([...uploadsByName().values()].every((n) => n === 1)).toBe(true);
  });

  it("pauses when the server's daily quota is spent, and says when it resumes", async () => {
    p = await startPipeline({ bot: true, env: { GUILD_DAILY_FILE_LIMIT: '4' } });
    history(10);
    await backfill();
    await eventually(async () => (await record())?.status === 'paused', 15_000, 'paused');
    const b = (await record())!;
    expect(b.queued).toBe(4);
    const midnight = new Date();
    midnight.setUTCHours(24, 0, 0, 0);
    expect(b.pausedUntil).toBe(midnight.getTime());
    const shown = await eventually(() => /Paused/.test(textOf(progress())) && progress(), 10_000);
    expect(textOf(shown)).toContain(`<t:${Math.floor(midnight.getTime() / 1000)}:R>`);
    // Stopped while it waits: the outcome is shown at once, without a Stop button.
    const stop = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'backfill-stop'],
      options: { channel: { channel: GALLERY } },
    });
    expect((await eventually(() => stop.original(), 5000)).content).toMatch(/stopped/);
    const stopped = await eventually(
      () => /Stopped/.test(textOf(progress())) && progress(),
      10_000,
    );
    expect(stopped.components).toEqual([]);
    expect((await record())!.status).toBe('stopped');
  });

  it('resumes the next day when the quota resets, says so, and neither loses nor repeats a file', async () => {
    // The quotas' clock: today, then past the midnight the backfill waits for.
    let now = new Date();
    p = await startPipeline({ bot: true, env: { GUILD_DAILY_FILE_LIMIT: '4' }, now: () => now });
    history(7);
    await backfill({ order: 'oldest' });
    await eventually(async () => (await record())?.status === 'paused', 15_000, 'paused');
    const paused = (await record())!;
    expect(paused.queued).toBe(4);
    await eventually(() => uploadsByName().size === 4, 15_000, 'the first day');
    now = new Date(paused.pausedUntil! + 60_000);
    // Its delay ends (Redis holds it until midnight; promoted, as the timer would).
    const queue = new Queue(QUEUE_BACKFILL, {
      connection: p.services.redis,
      prefix: p.services.bullPrefix,
    });
    const job = await eventually(
      async () => {
        const j = await queue.getJob(backfillJobId(GALLERY));
        return j && (await j.isDelayed()) && j;
      },
      10_000,
      'waiting in Redis',
    );
    await job.promote();
    await queue.close();
    await eventually(async () => (await record())?.status === 'done', 15_000, 'done');
    await eventually(() => uploadsByName().size === 7, 15_000, 'the second day');
    expect([...uploadsByName().keys()].sort()).toEqual(
      Array.from({ length: 7 }, (_, i) => `h${i}.png`).sort(),
    );
    expect([...uploadsByName().values()].every((n) => n === 1)).toBe(true);
    const b = (await record())!;
    expect({ found: b.found, queued: b.queued, skipped: b.skipped }).toEqual({
      found: 7,
      queued: 7,
      skipped: 0,
    });
    const shown = await eventually(() => /Done/.test(textOf(progress())) && progress(), 10_000);
    expect(textOf(shown)).toMatch(/Resumed .* when the server's daily quota reset/);
    expect(textOf(shown)).toMatch(/Found 7 files · rehosted 7 · skipped 0/);
  });

  it('is refused to a member without Manage Server, and its Stop button too', async () => {
    p = await startPipeline({ bot: true, env: { GUILD_DAILY_FILE_LIMIT: '2' } });
    history(5);
    const refused = await backfill({}, bob);
    expect(refused.content).toMatch(/Manage Server/);
    expect(await record()).toBeNull();
    await backfill();
    await eventually(async () => (await record())?.status === 'paused', 15_000, 'paused');
    const message = await eventually(() => progress(), 5000);
    const customId = backfillStopId.encode({ channelId: GALLERY });
    // The progress message is public: Discord lets bob press its Stop; the bot refuses him.
    const press = pressButton(p.discord, { user: bob, customId, message });
    expect((await eventually(() => press.original(), 5000)).content).toMatch(/Manage Server/);
    expect((await record())!.status).toBe('paused');
    // Ids are the sender's to write, but Discord only sends one that is on the message: one
    // naming a channel with no backfill, or nothing valid, is refused before the bot sees it.
    for (const forged of [backfillStopId.encode({ channelId: GENERAL }), 'bfstop:../x'])
      expect(() => pressButton(p.discord, { user: moderator, customId: forged, message })).toThrow(
        /no component/,
      );
    expect((await record())!.status).toBe('paused');
    // The server's own manager may.
    const ok = pressButton(p.discord, { user: moderator, customId, message });
    expect((await eventually(() => ok.original(), 5000)).content).toMatch(/stopped/);
    expect((await record())!.status).toBe('stopped');
  });

  it('a Stop pressed after its backfill ended, before the message was drawn again, says none is running', async () => {
    p = await startPipeline({ bot: true, env: { GUILD_DAILY_FILE_LIMIT: '2' } });
    history(5);
    await backfill();
    await eventually(async () => (await record())?.status === 'paused', 15_000, 'paused');
    const message = await eventually(() => progress(), 5000);
    await p.services.store.backfills.end(GALLERY, 'done');
    const customId = backfillStopId.encode({ channelId: GALLERY });
    const stale = pressButton(p.discord, { user: moderator, customId, message });
    expect((await eventually(() => stale.original(), 5000)).content).toMatch(/No backfill/);
    expect((await record())!.status).toBe('done');
  });

  it.each([
    ['cannot see the channel', PERMISSIONS.VIEW_CHANNEL],
    ['cannot read its history', PERMISSIONS.READ_MESSAGE_HISTORY],
  ])(
    'hostile: a member with Manage Server who %s is refused, and nothing is read',
    async (_, deny) => {
      const server = testServer();
      server.channels[1]!.overwrites = [{ id: MODERATOR_ROLE, type: 0, deny }];
      p = await startPipeline({ bot: true, discord: { guilds: [server] } });
      history(3);
      const refused = await backfill();
      expect(refused.content).toBe(
        `You cannot read the history of <#${GALLERY}> yourself, so you cannot backfill it: a backfill rehosts what was posted there.`,
      );
      expect(await record()).toBeNull();
      expect(historyReads()).toBe(0);
    },
  );

  it('refuses a `since` that is neither a date nor a link to a message of the channel', async () => {
    p = await startPipeline({ bot: true });
    for (const since of ['yesterday', '2024-02-30', 'https://discord.com/channels/1/2/3']) {
      const answer = await backfill({ since });
      expect(answer.content, since).toMatch(/is neither a date/);
    }
    expect(await record()).toBeNull();
  });
});
