import { Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { linkAttachments } from '../../src/discord/intake/links.js';
import { QuotaExceededError } from '../../src/errors.js';
import { requestJobId, uploadJobId } from '../../src/queue/jobs.js';
import type { RehostResult } from '../../src/request.js';
import { eventually } from '../helpers/interactions.js';
import { CHANNEL, GUILD, OTHER_GUILD, OTHER_USER, USER } from '../helpers/cast.js';
import { MAGIC, fileBytes, sha256 } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { fakeDns, routeToLoopback, serve, startSites } from '../rehost/url-fixtures.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const usage = () => p.services.quotas.usage({ guildId: GUILD, userId: USER });
const postCalls = () =>
  p.imgpile.requests.filter((r) => r.host === 'api' && r.path.startsWith('/api/v1/posts'));

describe('refused files are not free', () => {
  it('disguised files spend no request slot, and count against the sender', async () => {
    p = await startPipeline({ env: { USER_DAILY_REFUSAL_LIMIT: '3' } });
    const disguised = [0, 1, 2].map((i) =>
      p.discord.addAttachment({
        filename: `cat${i}.png`,
        content: fileBytes(3000, MAGIC.html, i),
        contentType: 'image/png',
      }),
    );
    const result = await p.waitForResult((await p.enqueue({ attachments: disguised })).requestId);
    expect(result.files.map((f) => f.status)).toEqual(['failed', 'failed', 'failed']);
    // Nothing reached imgpile, so no slot of the shared budget was used.
    expect(p.imgpile.requests).toHaveLength(0);
    expect(await p.services.limiter.inWindow()).toBe(0);
    // The sender's refusal budget is spent: the next request is refused up front.
    const good = p.discord.addAttachment({ filename: 'ok.png', content: fileBytes(3000) });
    const err = await p.enqueue({ attachments: [good] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuotaExceededError);
    expect(err).toMatchObject({ scope: 'refusals' });
    // Other users are not affected.
    const theirs = await p.enqueue({
      attachments: [good],
      requester: { guildId: GUILD, channelId: CHANNEL, userId: OTHER_USER },
    });
    expect(theirs.accepted).toHaveLength(1);
  });

  it('a file imgpile itself refuses (451) counts against the sender too', async () => {
    p = await startPipeline({ env: { USER_DAILY_REFUSAL_LIMIT: '1' } });
    const bytes = fileBytes(3000, MAGIC.jpeg, 5);
    p.imgpile.ban(sha256(bytes));
    const banned = p.discord.addAttachment({ filename: 'b.jpg', content: bytes });
    await p.waitForResult((await p.enqueue({ attachments: [banned] })).requestId);
    const next = p.discord.addAttachment({ filename: 'n.png', content: fileBytes(2000) });
    await expect(p.enqueue({ attachments: [next] })).rejects.toMatchObject({ scope: 'refusals' });
  });
});

describe('the refusal budget cannot be overspent', () => {
  const disguisedFiles = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) =>
      p.discord.addAttachment({
        filename: `cat${i}.png`,
        content: fileBytes(3000, MAGIC.html, seed + i),
        contentType: 'image/png',
      }),
    );
  const downloads = (atts: { id: string }[]) =>
    atts.reduce((n, a) => n + p.discord.attachments.get(a.id)!.downloads, 0);

  it('requests sent at once cannot spend more than the budget: a budget of 1 downloads one disguised file', async () => {
    p = await startPipeline({ env: { USER_DAILY_REFUSAL_LIMIT: '1' } });
    const disguised = disguisedFiles(8, 40);
    const sent = await Promise.allSettled(disguised.map((a) => p.enqueue({ attachments: [a] })));
    for (const s of sent) {
      if (s.status === 'rejected') expect(s.reason).toMatchObject({ scope: 'refusals' });
      else expect((await p.waitForResult(s.value.requestId)).files[0]!.status).toBe('failed');
    }
    expect(downloads(disguised)).toBe(1);
    expect((await usage()).refusals).toMatchObject({ used: 1, inProgress: 0 });
    // Spent: the next request is refused up front.
    const next = p.discord.addAttachment({ filename: 'n.png', content: fileBytes(2000) });
    await expect(p.enqueue({ attachments: [next] })).rejects.toMatchObject({ scope: 'refusals' });
  });

  it("one request's files are fetched only while the budget has room: a budget of 2 downloads 2 of 6", async () => {
    p = await startPipeline({ env: { USER_DAILY_REFUSAL_LIMIT: '2', WORKER_CONCURRENCY: '6' } });
    const disguised = disguisedFiles(6, 60);
    const result = await p.waitForResult((await p.enqueue({ attachments: disguised })).requestId);
    expect(downloads(disguised)).toBe(2);
    const codes = result.files.map((f) => (f.status === 'failed' ? f.code : f.status));
    expect(codes.filter((c) => c === 'not_media')).toHaveLength(2);
    expect(codes.filter((c) => c === 'refusals_spent')).toHaveLength(4);
    expect((await usage()).refusals).toMatchObject({ used: 2, inProgress: 0 });
  });
});

describe('a link that fails costs its sender', () => {
  let sites: Awaited<ReturnType<typeof startSites>>;
  afterEach(async () => {
    await sites?.close();
  });

  async function linkPipeline(env: Record<string, string>) {
    sites = await startSites();
    sites.routes.set('down.example/x.png', (_req, res) => void res.writeHead(503).end());
    sites.routes.set('pics.example/ok.png', serve(fileBytes(3000, MAGIC.png, 3)));
    const dns = fakeDns({ 'down.example': ['93.184.216.34'], 'pics.example': ['93.184.216.34'] });
    p = await startPipeline({
      env: { URL_ALLOW_HTTP: 'on', ...env },
      network: { lookup: dns.lookup, connect: routeToLoopback(sites.port).connect },
    });
  }
  const link = (url: string) => ({ attachments: linkAttachments([url], []) });

  it('no such host, a 4xx and a site down for every attempt each spend the refusal budget; the file quota cannot recycle them', async () => {
    // One file a day: before, each failure gave it back and the next link was fetched anyway.
    await linkPipeline({ USER_DAILY_FILE_LIMIT: '1', USER_DAILY_REFUSAL_LIMIT: '3' });
    const results = [];
    for (const url of [
      'http://nowhere.example/a.png',
      'http://pics.example/missing.png',
      'http://down.example/x.png',
    ]) {
      results.push(await p.waitForResult((await p.enqueue(link(url))).requestId, 30_000));
    }
    expect(results.map((r) => r.files[0]!.status)).toEqual(['failed', 'failed', 'failed']);
    expect(results[2]!.files[0]).toMatchObject({ code: 'download_failed' });
    // The site that was down was asked once per attempt of its one link, never more.
    const fetches = () => sites.seen.filter((s) => s.host === 'down.example').length;
    expect(fetches()).toBe(5);
    const err = await p.enqueue(link('http://down.example/x.png')).catch((e: unknown) => e);
    expect(err).toMatchObject({ scope: 'refusals' });
    expect(fetches()).toBe(5);
    // The file quota was given back each time: it is the refusals that stopped the sender.
    expect((await usage()).user?.used).toBe(0);
  });

  it('a link that works costs nothing of the refusal budget', async () => {
    await linkPipeline({ USER_DAILY_REFUSAL_LIMIT: '1' });
    await p.waitForResult((await p.enqueue(link('http://pics.example/ok.png'))).requestId);
    const second = await p.enqueue(link('http://pics.example/ok.png?again'));
    expect(second.accepted).toHaveLength(1);
  });
});

describe('what one member can make the bot keep is bounded', () => {
  it('files given back for free (reused, refused, failed) stop being free after the daily file limit', async () => {
    p = await startPipeline({ env: { USER_DAILY_FILE_LIMIT: '2' } });
    const att = p.discord.addAttachment({ filename: 'meme.png', content: fileBytes(2000) });
    let accepted = 0;
    let refusedAt = -1;
    for (let i = 0; i < 12 && refusedAt < 0; i++) {
      try {
        await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
        accepted += 1;
      } catch (err) {
        if (!(err instanceof QuotaExceededError)) throw err;
        refusedAt = i;
      }
    }
    // Two paid (the first upload, then a reuse once two were free), two free: then refused.
    expect(accepted).toBe(4);
    expect(refusedAt).toBe(4);
    // Every refund of the member's day lives in one key, however many there were.
    const quotaKeys = await p.services.redis.keys(`${p.config.redisPrefix}:quota:*`);
    expect(quotaKeys.filter((k) => k.includes(USER)).length).toBeLessThanOrEqual(2);
    expect(quotaKeys.filter((k) => k.includes(':refunded:'))).toEqual([]);
  });
});

describe('posts are never more exposed than asked', () => {
  it('the visibility patch follows the creation at once, and is retried when it fails', async () => {
    p = await startPipeline();
    p.imgpile.inject({ method: 'PATCH', path: /\/posts\//, status: 503, times: 2 });
    const atts = [0, 1].map((i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(2000, MAGIC.png, i) }),
    );
    const queued = await p.enqueue({ attachments: atts, post: { visibility: 'private' } });
    const result = await p.waitForResult(queued.requestId);
    expect(result.post).toMatchObject({ status: 'created', visibility: 'private' });
    const post = [...p.imgpile.posts.values()][0]!;
    expect(post.visibility).toBe('private');
    // Created, then patched (twice refused, then applied), with nothing in between.
    expect(postCalls().map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 201',
      'PATCH 503',
      'PATCH 503',
      'PATCH 200',
    ]);
  });

  it('creation and patch take their two slots together: the limiter never waits between them', async () => {
    // Three requests a window: the two uploads take two; the post needs two more at once.
    p = await startPipeline({
      env: {
        IMGPILE_REQUESTS_PER_MINUTE: '3',
        IMGPILE_RATE_WINDOW_MS: '3000',
        WORKER_CONCURRENCY: '2',
      },
    });
    const atts = [0, 1].map((i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(2000, MAGIC.png, i) }),
    );
    const queued = await p.enqueue({ attachments: atts, post: { visibility: 'hidden' } });
    await p.waitForResult(queued.requestId);
    const [create, patch] = postCalls();
    expect(create).toMatchObject({ method: 'POST', status: 201 });
    expect(patch).toMatchObject({ method: 'PATCH', status: 200 });
    // Well within one rate window of each other: no wait for a slot came between them (a wait
    // would have lasted until the first upload's slot left the 3 s window).
    expect(patch!.at - create!.at).toBeLessThan(1500);
  });

  it('a post whose privacy cannot be applied is deleted, and the user is told', async () => {
    p = await startPipeline();
    p.imgpile.inject({ method: 'PATCH', path: /\/posts\//, status: 503, times: 1000 });
    const atts = [0, 1].map((i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(2000, MAGIC.png, i) }),
    );
    const queued = await p.enqueue({
      attachments: atts,
      post: { visibility: 'private', nsfw: true },
    });
    const result = await p.waitForResult(queued.requestId, 30_000);
    expect(result.post).toMatchObject({ status: 'failed' });
    if (result.post?.status !== 'failed') throw new Error();
    expect(result.post.reason).toMatch(/deleted/);
    expect(p.imgpile.posts.size).toBe(0);
    // The files themselves are still reported.
    expect(result.files.every((f) => f.status === 'uploaded')).toBe(true);
  });
});

describe("someone else's post", () => {
  const two = () =>
    [0, 1].map((i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(2000, MAGIC.png, i) }),
    );
  const bob = { guildId: GUILD, channelId: CHANNEL, userId: OTHER_USER };
  /** The posts on imgpile holding any of `slugs`. */
  const postsHolding = (slugs: string[]) =>
    [...p.imgpile.posts.values()].filter((q) => q.media.some((m) => slugs.includes(m)));
  const mediaOf = (result: RehostResult) =>
    result.files.flatMap((f) => (f.status === 'uploaded' ? [f.media.slug] : []));

  it("a failed create never lets another member's re-run take over a post whose first file is theirs", async () => {
    p = await startPipeline();
    const atts = two();
    const alice = await p.waitForResult(
      (await p.enqueue({ attachments: atts, post: { title: 'Alice' } })).requestId,
    );
    if (alice.post?.status !== 'created') throw new Error('no post for alice');
    // Bob's create fails once (nothing was made), so his job runs again. His first file is
    // Alice's (a reused link does the same), his second a new one.
    p.imgpile.inject({ method: 'POST', path: /\/posts$/, status: 503 });
    const other = p.discord.addAttachment({
      filename: 'b.png',
      content: fileBytes(2000, MAGIC.png, 5),
    });
    const queued = await p.enqueue({
      attachments: [atts[0]!, other],
      post: { title: 'Bob', visibility: 'private' },
      requester: bob,
    });
    const result = await p.waitForResult(queued.requestId, 30_000);

    const hers = p.imgpile.posts.get(alice.post.slug)!;
    expect(hers).toMatchObject({ title: 'Alice', visibility: 'public', accessKey: null });
    expect(await p.services.store.ownership.getPostOwner(hers.slug)).toMatchObject({
      userId: USER,
    });
    expect(result.post).toMatchObject({ status: 'created', visibility: 'private' });
    if (result.post?.status !== 'created') throw new Error();
    expect(result.post.slug).not.toBe(hers.slug);
    const his = p.imgpile.posts.get(result.post.slug)!;
    expect(his.media.filter((m) => hers.media.includes(m))).toEqual([]);
    // The key delivered to Bob is his own post's.
    const delivered = p.deliveries.find((d) => d.result.requestId === queued.requestId);
    expect(delivered?.result.post).toMatchObject({ accessKey: his.accessKey });
  });

  it("a re-run adopts no post made before it set out, nor one with other files: the member's earlier post stays as it was", async () => {
    p = await startPipeline();
    const atts = two();
    const before = await p.waitForResult(
      (await p.enqueue({ attachments: atts, post: { title: 'First' } })).requestId,
    );
    if (before.post?.status !== 'created') throw new Error('no first post');
    // The same member, the same first file, another second one; the create fails once.
    p.imgpile.inject({ method: 'POST', path: /\/posts$/, status: 503 });
    const third = p.discord.addAttachment({
      filename: 'c.png',
      content: fileBytes(2000, MAGIC.png, 6),
    });
    const result = await p.waitForResult(
      (await p.enqueue({ attachments: [atts[0]!, third], post: { title: 'Second' } })).requestId,
      30_000,
    );

    expect(p.imgpile.posts.get(before.post.slug)).toMatchObject({ title: 'First' });
    // imgpile keeps the first file in the first post: the second is refused, and says why.
    expect(result.post).toMatchObject({ status: 'failed', reason: /already in another post/ });
    expect(postsHolding(mediaOf(result))).toHaveLength(1);
  });

  it('a post made before a lost answer is found behind more than 25 newer posts: one post, private as asked', async () => {
    p = await startPipeline();
    const hold = p.imgpile.hold({ method: 'POST', path: /\/posts$/ });
    p.imgpile.inject({ method: 'POST', path: /\/posts$/, status: 502, afterWork: true });
    const queued = await p.enqueue({ attachments: two(), post: { visibility: 'private' } });
    await hold.held;
    // The account keeps posting while the answer is lost.
    for (let i = 0; i < 30; i++) p.imgpile.seedPost({ owner: 'imgpile-bot', title: `later ${i}` });
    hold.release();
    const result = await p.waitForResult(queued.requestId, 30_000);

    const holding = postsHolding(mediaOf(result));
    expect(holding.map((q) => q.visibility)).toEqual(['private']);
    expect(result.post).toMatchObject({ status: 'created', slug: holding[0]!.slug });
  });

  it("a post made before a lost answer is found even when imgpile's clock is an hour behind: one post, private as asked", async () => {
    p = await startPipeline();
    const hold = p.imgpile.hold({ method: 'POST', path: /\/posts$/ });
    p.imgpile.inject({ method: 'POST', path: /\/posts$/, status: 502, afterWork: true });
    const queued = await p.enqueue({ attachments: two(), post: { visibility: 'private' } });
    await hold.held;
    // imgpile dates the post by its own clock, an hour behind the bot's.
    for (const made of p.imgpile.posts.values())
      made.createdAt = new Date(made.createdAt.getTime() - 3_600_000);
    hold.release();
    const result = await p.waitForResult(queued.requestId, 30_000);

    const holding = postsHolding(mediaOf(result));
    expect(holding.map((q) => q.visibility)).toEqual(['private']);
    expect(result.post).toMatchObject({ status: 'created', slug: holding[0]!.slug });
    expect(p.imgpile.posts.size).toBe(1);
  });

  it('a post made before a lost answer that cannot be found again: its files are deleted, no second post is made, the request fails as the private one it was', async () => {
    p = await startPipeline();
    const hold = p.imgpile.hold({ method: 'POST', path: /\/posts$/ });
    p.imgpile.inject({ method: 'POST', path: /\/posts$/, status: 502, afterWork: true });
    const queued = await p.enqueue({ attachments: two(), post: { visibility: 'private' } });
    await hold.held;
    // The account made over a thousand posts since: past what the bot reads to find it.
    for (let i = 0; i < 1_001; i++)
      p.imgpile.seedPost({ owner: 'imgpile-bot', title: `later ${i}` });
    hold.release();
    const result = await p.waitForResult(queued.requestId, 60_000);

    expect(result.post).toMatchObject({ status: 'failed', reason: /could not be found again/ });
    const own = mediaOf(result);
    expect(own).toHaveLength(2);
    for (const slug of own) expect(p.imgpile.media.has(slug)).toBe(false);
    expect(postsHolding(own)).toEqual([]);
    expect([...p.imgpile.posts.values()].filter((q) => q.title === null)).toHaveLength(1);
    const delivered = p.deliveries.find((d) => d.result.requestId === queued.requestId);
    expect(delivered?.request.post).toMatchObject({ visibility: 'private' });
  });

  it('a post that cannot be made private is withdrawn with the files this request uploaded', async () => {
    p = await startPipeline();
    const earlier = p.discord.addAttachment({
      filename: 'earlier.png',
      content: fileBytes(2000, MAGIC.png, 7),
    });
    const first = await p.waitForResult((await p.enqueue({ attachments: [earlier] })).requestId);
    p.imgpile.inject({ method: 'PATCH', path: /\/posts\//, status: 503, times: 1000 });
    const queued = await p.enqueue({
      attachments: [earlier, ...two()],
      post: { visibility: 'private', nsfw: true },
    });
    const result = await p.waitForResult(queued.requestId, 30_000);

    expect(result.post).toMatchObject({ status: 'failed', reason: /deleted/ });
    expect(p.imgpile.posts.size).toBe(0);
    const [reused, ...own] = mediaOf(result);
    expect(reused).toBe(mediaOf(first)[0]);
    // Nothing this request uploaded is left on imgpile, nor in its public media feed.
    for (const slug of own) expect(p.imgpile.media.has(slug)).toBe(false);
    const feed = await fetch(`${p.imgpile.apiUrl}/media?limit=250&nsfw=1`);
    const listed = ((await feed.json()) as { data: { slug: string }[] }).data.map((m) => m.slug);
    expect(listed.filter((s) => own.includes(s))).toEqual([]);
    // The file an earlier rehost made is not this request's to delete.
    expect(p.imgpile.media.has(reused!)).toBe(true);
  });
});

describe('keys are kept no longer than the delivery needs', () => {
  it('a private post key reaches the delivery, but no job return value and no Redis key', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({ filename: 'k.png', content: fileBytes(2000) });
    const queued = await p.enqueue({ attachments: [att], post: { visibility: 'private' } });
    const result = await p.waitForResult(queued.requestId);
    const key = [...p.imgpile.posts.values()][0]!.accessKey!;
    expect(key).toBeTruthy();
    const delivered = p.deliveries[0]!.result.post;
    expect(delivered).toMatchObject({ status: 'created', accessKey: key });
    expect(JSON.stringify(result)).not.toContain(key);
    const keys = await p.services.redis.keys(`${p.config.redisPrefix}:*`);
    for (const k of keys) {
      const type = await p.services.redis.type(k);
      const dump =
        type === 'string'
          ? await p.services.redis.get(k)
          : type === 'hash'
            ? JSON.stringify(await p.services.redis.hgetall(k))
            : '';
      expect(dump ?? '', k).not.toContain(key);
    }
  });
});

describe('every request ends with a reply and releases what it holds', () => {
  it('an imgpile outage while making the post still delivers, and frees the backlog', async () => {
    p = await startPipeline();
    p.imgpile.inject({ method: 'POST', path: /\/posts$/, status: 503, times: 1000 });
    const atts = [0, 1].map((i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(2000, MAGIC.png, i) }),
    );
    const queued = await p.enqueue({ attachments: atts, post: { title: 'x' } });
    const result = await p.waitForResult(queued.requestId, 30_000);
    expect(result.post).toMatchObject({ status: 'failed' });
    expect(p.deliveries.map((d) => d.result.requestId)).toContain(queued.requestId);
    // The guild's backlog counter is back to zero: its next file ranks first.
    const lone = p.discord.addAttachment({ filename: 'l.png', content: fileBytes(1000) });
    const next = await p.enqueue({ attachments: [lone] });
    const job = await Job.fromId(p.uploadsQueue, uploadJobId(next.requestId, lone.id));
    expect(job!.opts.priority).toBe(1);
  });
});

describe('re-runs', () => {
  it('an upload job re-run after it recorded its upload gives no quota back', async () => {
    p = await startPipeline();
    const att = p.discord.addAttachment({ filename: 'once.png', content: fileBytes(2000) });
    const queued = await p.enqueue({ attachments: [att] });
    await p.waitForResult(queued.requestId);
    expect((await usage()).user?.used).toBe(1);
    // As after a crash between recording the upload and finishing the job.
    const job = await Job.fromId(p.uploadsQueue, uploadJobId(queued.requestId, att.id));
    await job!.retry('completed');
    await eventually(
      async () => {
        const again = await Job.fromId(p.uploadsQueue, job!.id!);
        return again?.attemptsMade === 2 && (await again.getState()) === 'completed';
      },
      10_000,
      'the re-run',
    );
    expect((await usage()).user?.used).toBe(1);
    expect(p.created()).toHaveLength(1);
  });

  it('asking again for a post of the same files returns the post that exists', async () => {
    p = await startPipeline();
    const atts = [0, 1].map((i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(2000, MAGIC.png, i) }),
    );
    const first = await p.waitForResult(
      (await p.enqueue({ attachments: atts, post: { title: 'Same' } })).requestId,
    );
    const second = await p.waitForResult(
      (
        await p.enqueue({
          attachments: atts,
          post: { title: 'Same' },
          requester: { guildId: OTHER_GUILD, channelId: CHANNEL, userId: USER },
        })
      ).requestId,
    );
    expect(second.post).toMatchObject({ status: 'created' });
    if (first.post?.status !== 'created' || second.post?.status !== 'created') throw new Error();
    expect(second.post.slug).toBe(first.post.slug);
    expect(p.imgpile.posts.size).toBe(1);
  });
});

describe('retention', () => {
  it('records of uploads and owners expire after their retention; failed jobs are capped', async () => {
    p = await startPipeline({ env: { RECORD_RETENTION_DAYS: '30' } });
    const atts = [0, 1].map((i) =>
      p.discord.addAttachment({ filename: `${i}.png`, content: fileBytes(2000, MAGIC.png, i) }),
    );
    const queued = await p.enqueue({ attachments: atts, post: { title: 'r' } });
    await p.waitForResult(queued.requestId);
    const redis = p.services.redis;
    const records = (await redis.keys(`${p.config.redisPrefix}:*`)).filter(
      (k) => !k.includes(':bull:') && !k.includes(':quota:') && !k.includes(':ratelimit:'),
    );
    expect(records.length).toBeGreaterThan(0);
    for (const k of records) {
      const ttl = await redis.ttl(k);
      expect(ttl, k).toBeGreaterThan(0);
      expect(ttl, k).toBeLessThanOrEqual(30 * 86_400);
    }
    const job = await Job.fromId(p.requestsQueue, requestJobId(queued.requestId));
    expect(job!.opts.removeOnFail).toMatchObject({ count: expect.any(Number) as number });
  });
});
