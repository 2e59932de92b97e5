import { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { followUpJobId, type FollowUpJob } from '../../src/queue/background/followups.js';
import { ACCOUNT_KEY, linkAccount } from '../helpers/accounts.js';
import {
  ALICE_TOKEN,
  GALLERY,
  GENERAL,
  GUILD,
  IMGPILE_TOKEN,
  alice,
  bob,
  moderator,
} from '../helpers/cast.js';
import {
  eventually,
  finalReply,
  galleryUrlsOf,
  runImgpile,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

/** imgpile takes its time making sized variants, until a test says they are done. */
const SLOW_PROCESSING = { processingMs: 3_600_000 };

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

const originals = () => p.created().map((u) => `${p.imgpile.cdnOrigin}/f/${u.slug}.png`);
const previews = () => p.created().map((u) => `${p.imgpile.cdnOrigin}/f/${u.slug}_md.png`);
const unprocessed = () => [...p.imgpile.media.values()].every((m) => m.processedAt > new Date());

/** The message's components with every preview named as its original. */
const asOriginals = (components: unknown) =>
  JSON.stringify(components).replaceAll('_md.png', '.png');

/** Edits of the interaction's reply that showed links. */
const linkEdits = (i: ReturnType<typeof runImgpile>) =>
  i
    .calls()
    .filter(
      (c) =>
        c.method === 'PATCH' &&
        c.path.endsWith('/@original') &&
        JSON.stringify(c.body).includes(`${p.imgpile.cdnOrigin}/f/`),
    );

async function watch(channel: string) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: moderator,
    path: ['watch', 'add'],
    options: { channel: { channel } },
  });
  await eventually(() => i.original()?.content.startsWith('Watching'), 5000, 'the watch');
}

describe('the reply comes at once and is followed up', () => {
  it('shows the originals before previews exist, then is edited once to show them', async () => {
    p = await startPipeline({ bot: true, imgpile: SLOW_PROCESSING });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png', 1), file2: png('b.png', 2) },
    });
    const first = await finalReply(i);
    expect(galleryUrlsOf(first)).toEqual(originals());
    expect(unprocessed()).toBe(true);
    const firstComponents = JSON.stringify(first.components);

    p.imgpile.finishProcessing();
    const edited = await eventually(
      () => (galleryUrlsOf(i.original()).every((u) => u.includes('_md.')) ? i.original() : null),
      15_000,
      'the reply showing previews',
    );
    expect(galleryUrlsOf(edited)).toEqual(previews());
    // The same reply, drawn the same way: only the pictures changed.
    expect(asOriginals(edited.components)).toBe(firstComponents);
    await p.followUpsDone();
    expect(linkEdits(i)).toHaveLength(2);
  });

  it("a watched channel's reply is edited in place, once", async () => {
    p = await startPipeline({ bot: true, imgpile: SLOW_PROCESSING });
    await watch(GALLERY);
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('w.png')] });
    const reply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
      'the reply',
    );
    expect(galleryUrlsOf(reply)).toEqual(originals());
    p.imgpile.finishProcessing();
    await eventually(
      () => galleryUrlsOf(p.discord.messages.get(reply.id)).every((u) => u.includes('_md.')),
      15_000,
      'the reply showing previews',
    );
    expect(galleryUrlsOf(p.discord.messages.get(reply.id))).toEqual(previews());
    expect(textOf(p.discord.messages.get(reply.id))).toContain(originals()[0]);
    await p.followUpsDone();
    const edits = p.discord.restCalls.filter(
      (c) => c.method === 'PATCH' && c.path === `/channels/${GALLERY}/messages/${reply.id}`,
    );
    expect(edits).toHaveLength(1);
  });
});

describe('the result is never written over', () => {
  it('a "queued" edit that reaches Discord after the result was ready goes first, then the links', async () => {
    p = await startPipeline({ bot: true, imgpile: SLOW_PROCESSING });
    // The bot's own "queued" edit arrives late: a small file is on imgpile long before.
    p.discord.delayRest({
      method: 'PATCH',
      path: /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/,
      ms: 1_500,
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('quick.png') },
    });
    const edits = () =>
      i.calls().filter((c) => c.method === 'PATCH' && c.path.endsWith('/@original'));
    await eventually(() => edits().length >= 2, 15_000, 'both edits');
    const shows = (body: unknown) => JSON.stringify(body).includes(`${p.imgpile.cdnOrigin}/f/`);
    expect(edits().map((c) => shows(c.body))).toEqual([false, true]);
    expect(galleryUrlsOf(i.original())).toEqual(originals());
  });
});

describe("follow-ups keep to Discord's and imgpile's limits", () => {
  it('seven replies in one channel are edited within its 5 edits in 5 s, none refused', async () => {
    p = await startPipeline({ bot: true });
    await watch(GALLERY);
    for (let n = 0; n < 7; n++)
      p.discord.postMessage({
        channelId: GALLERY,
        author: bob,
        attachments: [png(`r${n}.png`, n)],
      });
    const replies = () => p.discord.channelMessages(GALLERY).filter((m) => m.message_reference);
    await eventually(() => replies().length === 7, 15_000, 'seven replies');
    await eventually(
      () => replies().every((m) => galleryUrlsOf(m).every((u) => u.includes('_md.'))),
      20_000,
      'every reply showing its preview',
    );
    const edits = p.discord.restCalls.filter(
      (c) => c.method === 'PATCH' && c.path.startsWith(`/channels/${GALLERY}/messages/`),
    );
    expect(edits).toHaveLength(7);
    const times = edits.map((c) => c.at);
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + 5_000).length).toBeLessThanOrEqual(5);
    expect(p.discord.refusedRequests).toEqual([]);
  });
});

describe('a follow-up that cannot run leaves the reply as sent', () => {
  /** Reads of media or posts imgpile answered with the bot's token. */
  const botReads = () =>
    p.imgpile.requests.filter(
      (r) =>
        r.method === 'GET' &&
        /^\/api\/v1\/(media|posts)\//.test(r.path) &&
        r.authorization === `Bearer ${IMGPILE_TOKEN}`,
    );
  const followUpJob = (requestId: string) => Job.fromId(p.followUpsQueue, followUpJobId(requestId));

  it('survives a restart: the worker stops after the reply, another edits it', async () => {
    p = await startPipeline({ bot: true, workers: false, imgpile: SLOW_PROCESSING });
    const [first] = await p.startWorkerProcesses(1);
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('restart.png') },
    });
    expect(galleryUrlsOf(await finalReply(i))).toEqual(originals());
    await first!.stop('SIGTERM');
    expect(await (await followUpJob(i.id))?.getState()).toBe('delayed');
    p.imgpile.finishProcessing();
    await p.startWorkerProcesses(1);
    await eventually(
      () => galleryUrlsOf(i.original()).every((u) => u.includes('_md.')),
      20_000,
      'the reply showing previews',
    );
    expect(galleryUrlsOf(i.original())).toEqual(previews());
  });

  it("with no room in the bot's budget it reads nothing and tries at its next step", async () => {
    p = await startPipeline({
      bot: true,
      env: { IMGPILE_REQUESTS_PER_MINUTE: '20', IMGPILE_RATE_WINDOW_MS: '4000' },
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('busy.png') },
    });
    await finalReply(i);
    const reads = botReads().length;
    // Uploads (here, the test) take the whole budget before the first look.
    while ((await p.services.limiter.tryAcquire(1)) === 0);
    await eventually(
      async () => ((await followUpJob(i.id))?.data as FollowUpJob | undefined)?.step === 1,
      10_000,
      'the first look, put off',
    );
    expect(botReads()).toHaveLength(reads);
    expect(galleryUrlsOf(i.original())).toEqual(originals());
    await eventually(
      () => galleryUrlsOf(i.original()).every((u) => u.includes('_md.')),
      15_000,
      'the reply showing previews at the next step',
    );
  });

  it('plain replies have no previews, so no follow-up', async () => {
    p = await startPipeline({ bot: true });
    await p.services.store.settings.set(GUILD, { replies: 'plain' });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('plain.png') },
    });
    await finalReply(i);
    expect(await followUpJob(i.id)).toBeUndefined();
  });

  it("a member's own account's files are never read with the bot's token", async () => {
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('mine.png') },
    });
    const reply = await finalReply(i);
    expect(p.created()[0]!.user).toBe('alice-ip');
    expect(galleryUrlsOf(reply)).toEqual(originals());
    expect(await followUpJob(i.id)).toBeUndefined();
    expect(botReads()).toEqual([]);
  });
});
