import { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { QuotaExceededError, UserError } from '../../src/errors.js';
import { uploadJobId } from '../../src/queue/jobs.js';
import { CHANNEL, GUILD, OTHER_GUILD, OTHER_USER, USER } from '../helpers/cast.js';
import { MAGIC, fileBytes, sha256 } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;

afterEach(async () => {
  await p?.close();
});

describe('rehosting', () => {
  it('streams a single file from the CDN to imgpile and records who asked', async () => {
    p = await startPipeline();
    const bytes = fileBytes(300_000, MAGIC.png);
    const att = p.discord.addAttachment({
      filename: 'cat.png',
      content: bytes,
      contentType: 'image/png',
    });
    const queued = await p.enqueue({ attachments: [att] });
    expect(queued.accepted).toHaveLength(1);
    const result = await p.waitForResult(queued.requestId);
    expect(result.post).toBeNull();
    expect(result.files).toHaveLength(1);
    const [file] = result.files;
    expect(file).toMatchObject({
      status: 'uploaded',
      index: 0,
      attachmentId: att.id,
      filename: 'cat.png',
      reused: false,
    });
    if (file?.status !== 'uploaded') throw new Error('not uploaded');
    expect(file.media.url).toBe(`${p.imgpile.cdnOrigin}/f/${file.media.slug}.png`);
    const upload = p.created()[0]!;
    expect(upload.sha256).toBe(sha256(bytes));
    expect(upload.declaredType).toBe('image/png');
    expect(await p.services.store.ownership.getMediaOwner(file.media.slug)).toMatchObject({
      userId: USER,
      guildId: GUILD,
      attachmentId: att.id,
    });
    expect((await p.services.quotas.usage({ guildId: GUILD, userId: USER })).user).toEqual({
      used: 1,
      limit: 50,
    });
    expect(p.deliveries).toHaveLength(1);
    expect(p.deliveries[0]!.result.requestId).toBe(queued.requestId);
  });

  it('groups a batch into one post, in order, with title, description, visibility and NSFW', async () => {
    p = await startPipeline();
    const atts = [MAGIC.png, MAGIC.jpeg, MAGIC.gif].map((head, i) =>
      p.discord.addAttachment({
        filename: `f${i}`,
        content: fileBytes(20_000 + i * 1000, head, i),
      }),
    );
    const queued = await p.enqueue({
      attachments: atts,
      post: { title: 'Holiday', description: 'Summer 2026', visibility: 'private', nsfw: true },
    });
    const result = await p.waitForResult(queued.requestId);
    expect(result.files.map((f) => f.status)).toEqual(['uploaded', 'uploaded', 'uploaded']);
    expect(result.post).toMatchObject({ status: 'created', visibility: 'private' });
    if (result.post?.status !== 'created') throw new Error('no post');
    expect(result.post.url).toBe(`${p.imgpile.apiOrigin}/p/${result.post.slug}`);
    // The key goes to the delivery (the owner's reply), never into the job's kept result.
    const delivered = p.deliveries[0]!.result.post;
    expect(delivered).toMatchObject({ status: 'created', slug: result.post.slug });
    if (delivered?.status !== 'created') throw new Error('no post delivered');
    expect(delivered.accessKey).toMatch(/^[a-z0-9]+$/);
    const post = p.imgpile.posts.get(result.post.slug)!;
    expect(post).toMatchObject({
      title: 'Holiday',
      description: 'Summer 2026',
      visibility: 'private',
      isNsfw: true,
    });
    const slugs = result.files.map((f) => (f.status === 'uploaded' ? f.media.slug : ''));
    expect(post.media).toEqual(slugs);
    expect(await p.services.store.ownership.getPostOwner(result.post.slug)).toMatchObject({
      userId: USER,
      guildId: GUILD,
    });
  });

  it('a batch with failures still makes a post from the rest and says which file failed and why', async () => {
    p = await startPipeline();
    const banned = fileBytes(5000, MAGIC.jpeg, 42);
    p.imgpile.ban(sha256(banned));
    const atts = [
      p.discord.addAttachment({ filename: 'good.png', content: fileBytes(4000, MAGIC.png) }),
      p.discord.addAttachment({
        filename: 'page.png',
        content: fileBytes(4000, MAGIC.html),
        contentType: 'image/png',
      }),
      p.discord.addAttachment({ filename: 'banned.jpg', content: banned }),
      p.discord.addAttachment({ filename: 'good.gif', content: fileBytes(4000, MAGIC.gif) }),
    ];
    const queued = await p.enqueue({ attachments: atts, post: { title: 'Mixed' } });
    const result = await p.waitForResult(queued.requestId);
    expect(result.files.map((f) => [f.filename, f.status])).toEqual([
      ['good.png', 'uploaded'],
      ['page.png', 'failed'],
      ['banned.jpg', 'failed'],
      ['good.gif', 'uploaded'],
    ]);
    const reasons = result.files.map((f) => (f.status === 'failed' ? [f.code, f.reason] : null));
    expect(reasons[1]?.[0]).toBe('not_media');
    expect(reasons[1]?.[1]).toMatch(/file type is not accepted/);
    expect(reasons[2]?.[0]).toBe('banned');
    expect(reasons[2]?.[1]).toMatch(/imgpile refused this file/);
    if (result.post?.status !== 'created') throw new Error('no post');
    expect(p.imgpile.posts.get(result.post.slug)!.media).toHaveLength(2);
    // Two files never reached imgpile for good: both were given back to the quotas.
    expect((await p.services.quotas.usage({ guildId: GUILD, userId: USER })).user?.used).toBe(2);
  });
});

describe('refusals: nothing that should not go upstream is sent', () => {
  it('refuses a file over MAX_FILE_BYTES by its declared size, before downloading', async () => {
    p = await startPipeline({ env: { MAX_FILE_BYTES: '10000' } });
    const att = p.discord.addAttachment({ filename: 'big.png', content: fileBytes(10_001) });
    const queued = await p.enqueue({ attachments: [att] });
    expect(queued.accepted).toEqual([]);
    expect(queued.refused).toEqual([
      {
        index: 0,
        attachmentId: att.id,
        filename: 'big.png',
        code: 'too_large',
        reason: 'the file is larger than 10 KB',
      },
    ]);
    expect(p.discord.attachments.get(att.id)!.downloads).toBe(0);
    expect(p.imgpile.requests).toHaveLength(0);
  });

  it('refuses a file whose actual bytes exceed its declared size, mid-stream', async () => {
    p = await startPipeline({ env: { MAX_FILE_BYTES: '1000000' } });
    const att = p.discord.addAttachment({
      filename: 'liar.png',
      content: fileBytes(50_000),
      served: { size: 2_000_000, head: MAGIC.png },
      chunked: true,
    });
    const result = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    expect(result.files[0]).toMatchObject({ status: 'failed', code: 'too_large' });
    expect(p.created()).toHaveLength(0);
  });

  it('refuses a file whose Content-Length is over the limit without reading it', async () => {
    p = await startPipeline({ env: { MAX_FILE_BYTES: '100000' } });
    const att = p.discord.addAttachment({
      filename: 'x.png',
      content: fileBytes(1000),
      served: { size: 500_000, head: MAGIC.png },
    });
    const result = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    expect(result.files[0]).toMatchObject({ status: 'failed', code: 'too_large' });
    expect(p.imgpile.requests.filter((r) => r.host === 'upload')).toHaveLength(0);
  });

  it('refuses zero-byte files up front', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({ filename: 'empty.png', content: Buffer.alloc(0) });
    const queued = await p.enqueue({ attachments: [att] });
    expect(queued.refused[0]).toMatchObject({ code: 'empty', reason: 'the file is empty' });
  });

  it('refuses an HTML page that claims to be a PNG before a byte goes to imgpile', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({
      filename: 'cat.png',
      content: fileBytes(5000, MAGIC.html),
      contentType: 'image/png',
    });
    const result = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    expect(result.files[0]).toMatchObject({ status: 'failed', code: 'not_media' });
    expect(p.imgpile.requests.filter((r) => r.host === 'upload')).toHaveLength(0);
  });

  it('refuses a declared non-media type up front', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({
      filename: 'notes.pdf',
      content: fileBytes(100),
      contentType: 'application/pdf',
    });
    const queued = await p.enqueue({ attachments: [att] });
    expect(queued.refused[0]).toMatchObject({ code: 'not_media' });
  });

  it('refuses a link whose host is not in ATTACHMENT_HOSTS', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({ filename: 'a.png', content: fileBytes(100) });
    const elsewhere = { ...att, url: att.url.replace('127.0.0.1', 'localhost') };
    const queued = await p.enqueue({ attachments: [elsewhere] });
    expect(queued.refused[0]).toMatchObject({ code: 'host_not_allowed' });
    expect(p.discord.attachments.get(att.id)!.downloads).toBe(0);
  });

  it('refuses malformed input with a UserError and queues nothing', async () => {
    p = await startPipeline();
    await expect(
      p.producer.enqueueRehost({
        attachments: [{ id: 'not-an-id', url: 'x', filename: '', size: -1 }],
        requester: { guildId: GUILD, channelId: CHANNEL, userId: USER },
        replyTarget: { type: 'none' },
      }),
    ).rejects.toBeInstanceOf(UserError);
    expect(await p.uploadsQueue.count()).toBe(0);
  });
});

describe('recovery', () => {
  it('refreshes an expired Discord link once through the REST API, then downloads', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({
      filename: 'old.png',
      content: fileBytes(3000),
      expired: true,
    });
    const result = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    expect(result.files[0]!.status).toBe('uploaded');
    const refreshes = p.discord.restCalls.filter((c) => c.path === '/attachments/refresh-urls');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.body).toEqual({ attachment_urls: [att.url] });
    expect(refreshes[0]!.authorization).toBe(`Bot ${p.discord.botToken}`);
  });

  it('retries imgpile 500s with backoff, then succeeds', async () => {
    p = await startPipeline();
    p.imgpile.inject({ host: 'upload', status: 500, times: 2 });
    const att = p.discord.addAttachment({ filename: 'a.png', content: fileBytes(3000) });
    const queued = await p.enqueue({ attachments: [att] });
    const result = await p.waitForResult(queued.requestId);
    expect(result.files[0]!.status).toBe('uploaded');
    const job = await Job.fromId(p.uploadsQueue, uploadJobId(queued.requestId, att.id));
    // attemptsMade counts every finished attempt: two failures, then the success.
    expect(job!.attemptsMade).toBe(3);
    expect(p.created()).toHaveLength(1);
  });

  it('retries CDN 5xx, then succeeds', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({
      filename: 'a.png',
      content: fileBytes(3000),
      failTimes: 2,
      failStatus: 503,
    });
    const result = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    expect(result.files[0]!.status).toBe('uploaded');
  });

  it('gives up after every attempt with a generic reason and refunds the quota', async () => {
    p = await startPipeline();
    p.imgpile.inject({ host: 'upload', status: 502, times: 100 });
    const att = p.discord.addAttachment({ filename: 'a.png', content: fileBytes(3000) });
    const result = await p.waitForResult(
      (await p.enqueue({ attachments: [att] })).requestId,
      30_000,
    );
    expect(result.files[0]).toMatchObject({ status: 'failed', code: 'retries_exhausted' });
    expect((await p.services.quotas.usage({ guildId: GUILD, userId: USER })).user?.used).toBe(0);
  });

  it('honours a 429 Retry-After for every request without using up a retry attempt', async () => {
    p = await startPipeline();
    p.imgpile.inject({
      host: 'upload',
      status: 429,
      body: { message: 'Too Many Attempts.' },
      headers: { 'Retry-After': '1' },
    });
    const att = p.discord.addAttachment({ filename: 'a.png', content: fileBytes(3000) });
    const queued = await p.enqueue({ attachments: [att] });
    const result = await p.waitForResult(queued.requestId);
    expect(result.files[0]!.status).toBe('uploaded');
    const uploads = p.imgpile.requests.filter((r) => r.host === 'upload');
    expect(uploads.map((r) => r.status)).toEqual([429, 201]);
    expect(uploads[1]!.at - uploads[0]!.at).toBeGreaterThanOrEqual(1000);
    const job = await Job.fromId(p.uploadsQueue, uploadJobId(queued.requestId, att.id));
    // Only the successful attempt counted: the wait for Retry-After used none.
    expect(job!.attemptsMade).toBe(1);
    expect(p.events).toContainEqual({ type: 'imgpile_429' });
  });

  it('answers a banned file (451) with its reason and refunds it', async () => {
    p = await startPipeline();
    const bytes = fileBytes(3000, MAGIC.jpeg, 9);
    p.imgpile.ban(sha256(bytes));
    const att = p.discord.addAttachment({ filename: 'bad.jpg', content: bytes });
    const result = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    expect(result.files[0]).toMatchObject({
      status: 'failed',
      code: 'banned',
      reason: 'imgpile refused this file (it matches a banned file)',
    });
    expect((await p.services.quotas.usage({ guildId: GUILD, userId: USER })).user?.used).toBe(0);
  });
});

describe('idempotency', () => {
  it('never uploads the same attachment twice, even when asked twice', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({ filename: 'a.png', content: fileBytes(3000) });
    const first = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    const second = await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    expect(first.files[0]).toMatchObject({ status: 'uploaded', reused: false });
    expect(second.files[0]).toMatchObject({ status: 'uploaded', reused: true });
    if (first.files[0]?.status !== 'uploaded' || second.files[0]?.status !== 'uploaded')
      throw new Error();
    expect(second.files[0].media.slug).toBe(first.files[0].media.slug);
    expect(p.created()).toHaveLength(1);
    // The second ask cost no quota.
    expect((await p.services.quotas.usage({ guildId: GUILD, userId: USER })).user?.used).toBe(1);
  });

  it('a request id delivered twice is queued once', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({ filename: 'a.png', content: fileBytes(3000) });
    const first = await p.enqueue({ attachments: [att], requestId: 'msg-1' });
    const again = await p.enqueue({ attachments: [att], requestId: 'msg-1' });
    expect(first.duplicate).toBe(false);
    expect(again).toMatchObject({ duplicate: true, accepted: [] });
    await p.waitForResult('msg-1');
    expect((await p.services.quotas.usage({ guildId: GUILD, userId: USER })).user?.used).toBe(1);
  });

  it('a re-run request job never creates its post twice', async () => {
    p = await startPipeline();
    const atts = [0, 1].map((i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(2000, MAGIC.png, i) }),
    );
    const queued = await p.enqueue({ attachments: atts, post: { title: 'Once' } });
    const result = await p.waitForResult(queued.requestId);
    const job = await Job.fromId(p.requestsQueue, `request_${queued.requestId}`);
    await job!.retry('completed');
    await new Promise((r) => setTimeout(r, 300));
    const again = await p.waitForResult(queued.requestId);
    expect(again.post).toEqual(result.post);
    expect(p.imgpile.posts.size).toBe(1);
    expect(
      p.imgpile.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/posts'),
    ).toHaveLength(1);
  });
});

describe('quotas', () => {
  it('refuses a request over the user quota up front, naming what is left and when it resets', async () => {
    p = await startPipeline({ env: { USER_DAILY_FILE_LIMIT: '3' } });
    const files = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        p.discord.addAttachment({
          filename: `${i}.png`,
          content: fileBytes(500, MAGIC.png, i + n * 10),
        }),
      );
    await p.waitForResult((await p.enqueue({ attachments: files(2) })).requestId);
    const err = await p.enqueue({ attachments: files(2) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuotaExceededError);
    expect(err).toMatchObject({ scope: 'user', remaining: 1, limit: 3, requested: 2 });
    expect((err as Error).message).toMatch(/only 1 of the daily 3 are left for you/);
    // Exactly at the edge: the last file fits, then nothing does.
    await p.waitForResult((await p.enqueue({ attachments: files(1) })).requestId);
    const full = await p.enqueue({ attachments: files(1) }).catch((e: unknown) => e);
    expect(full).toMatchObject({ scope: 'user', remaining: 0 });
    expect((full as Error).message).toMatch(
      /The daily limit of 3 files for you is used up\. It resets <t:\d+:R>/,
    );
  });

  it('a failed file is refunded, so the quota can be used again', async () => {
    p = await startPipeline({ env: { USER_DAILY_FILE_LIMIT: '1' } });
    const bad = p.discord.addAttachment({ filename: 'x.png', content: fileBytes(500, MAGIC.html) });
    await p.waitForResult((await p.enqueue({ attachments: [bad] })).requestId);
    const good = p.discord.addAttachment({ filename: 'y.png', content: fileBytes(500) });
    const result = await p.waitForResult((await p.enqueue({ attachments: [good] })).requestId);
    expect(result.files[0]!.status).toBe('uploaded');
  });

  it('guild and account quotas apply across users and guilds', async () => {
    p = await startPipeline({
      env: { GUILD_DAILY_FILE_LIMIT: '2', IMGPILE_DAILY_FILE_LIMIT: '3' },
    });
    const att = (i: number) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(500, MAGIC.png, i) });
    await p.enqueue({ attachments: [att(1), att(2)] });
    await expect(
      p.enqueue({
        attachments: [att(3)],
        requester: { guildId: GUILD, channelId: CHANNEL, userId: OTHER_USER },
      }),
    ).rejects.toMatchObject({ scope: 'guild', remaining: 0 });
    await p.enqueue({
      attachments: [att(4)],
      requester: { guildId: OTHER_GUILD, channelId: CHANNEL, userId: OTHER_USER },
    });
    await expect(
      p.enqueue({
        attachments: [att(5)],
        requester: { guildId: OTHER_GUILD, channelId: CHANNEL, userId: OTHER_USER },
      }),
    ).rejects.toMatchObject({ scope: 'account', remaining: 0 });
    const usage = await p.services.quotas.usage({ guildId: GUILD, userId: USER });
    expect(usage.account).toEqual({ used: 3, limit: 3 });
    expect(usage.guild).toEqual({ used: 2, limit: 2 });
    expect(usage.resetsAt.toISOString()).toMatch(/T00:00:00\.000Z$/);
  });
});

describe('progress and fairness', () => {
  it('reports per-file progress', async () => {
    p = await startPipeline({ workers: true });
    const att = p.discord.addAttachment({ filename: 'a.png', content: fileBytes(200_000) });
    const queued = await p.enqueue({ attachments: [att] });
    await p.waitForResult(queued.requestId);
    const job = await Job.fromId(p.uploadsQueue, uploadJobId(queued.requestId, att.id));
    expect(job!.progress).toEqual({ bytes: 200_000, total: 200_000 });
  });

  it("one guild's single file is not held up behind another guild's backlog", async () => {
    p = await startPipeline({ workers: false });
    const backlog = Array.from({ length: 30 }, (_, i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(300, MAGIC.png, i) }),
    );
    for (let i = 0; i < 30; i += 10) await p.enqueue({ attachments: backlog.slice(i, i + 10) });
    const lone = p.discord.addAttachment({
      filename: 'lone.png',
      content: fileBytes(300, MAGIC.png, 999),
    });
    const queued = await p.enqueue({
      attachments: [lone],
      requester: { guildId: OTHER_GUILD, channelId: CHANNEL, userId: OTHER_USER },
    });
    const { startWorkers } = await import('../../src/app.js');
    const workers = startWorkers(p.services, async () => {});
    try {
      await p.waitForResult(queued.requestId);
      const loneUpload = p.created().findIndex((u) => u.filename === 'lone.png');
      // Only jobs already in flight may go first: at most one per worker slot.
      expect(loneUpload).toBeLessThanOrEqual(p.config.worker.concurrency);
    } finally {
      await workers.close(1000);
    }
  });
});
