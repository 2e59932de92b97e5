import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { linkAttachments } from '../../src/discord/intake/links.js';
import { createRedis, deleteKeys, type Redis } from '../../src/redis.js';
import { createStore, ownerRecord } from '../../src/store/index.js';
import type { Attachment } from '../../src/request.js';
import { CHANNEL, GALLERY, GUILD, USER } from '../helpers/cast.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline | undefined;
afterEach(async () => {
  await p?.close();
  p = undefined;
});

/** Every string the bot keeps under `prefix` (key names, hash fields and values...), BullMQ's aside. */
async function storedStrings(redis: Redis, prefix: string): Promise<string[]> {
  const keys = (await redis.keys(`${prefix}:*`)).filter((k) => !k.startsWith(`${prefix}:bull`));
  const all: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    all.push(key);
    if (type === 'string') all.push((await redis.get(key)) ?? '');
    if (type === 'hash') all.push(...Object.entries(await redis.hgetall(key)).flat());
    if (type === 'set') all.push(...(await redis.smembers(key)));
    if (type === 'zset') all.push(...(await redis.zrange(key, 0, -1)));
    if (type === 'list') all.push(...(await redis.lrange(key, 0, -1)));
  }
  return all;
}

/** Rehosts `attachments` for USER (a post when asked); the first file's link on imgpile. */
async function rehost(pipeline: Pipeline, attachments: Attachment[], post = false) {
  const queued = await pipeline.enqueue({
    attachments,
    ...(post ? { post: { title: 'a post' } } : {}),
  });
  const result = await pipeline.waitForResult(queued.requestId);
  const file = result.files[0]!;
  if (file.status !== 'uploaded') throw new Error(`not rehosted: ${JSON.stringify(file)}`);
  return file.media;
}

const png = (pipeline: Pipeline, seed: number) =>
  pipeline.discord.addAttachment({
    filename: `cat-${seed}.png`,
    content: fileBytes(3000, MAGIC.png, seed),
    contentType: 'image/png',
    channelId: GALLERY,
  });

describe("a rehosted file's records", () => {
  it("hold each fact once: the copy's link is kept in its upload record alone, and find still reads it", async () => {
    p = await startPipeline();
    const store = p.services.store;
    for (const post of [false, true]) {
      const file = png(p, post ? 2 : 1);
      const media = await rehost(p, [file], post);
      const strings = await storedStrings(p.services.redis, p.env.REDIS_PREFIX!);
      expect(strings.filter((s) => s.includes(media.url))).toHaveLength(1);
      expect(strings.filter((s) => s.includes(file.id))).toHaveLength(1);
      expect(await store.attachmentCopies.find(GALLERY, file.id)).toMatchObject({
        slug: media.slug,
        url: media.url,
        inPost: post,
        userId: USER,
      });
      // A link to another channel with the same attachment id finds nothing.
      expect(await store.attachmentCopies.find(CHANNEL, file.id)).toBeNull();
      // Deleted from imgpile through the bot: there is no copy to show any more.
      await store.uploads.forgetMedia(media.slug, file.id);
      expect(await store.attachmentCopies.find(GALLERY, file.id)).toBeNull();
    }
  });

  it("of a Discord attachment posted as a link are found by the link's channel and attachment", async () => {
    p = await startPipeline();
    const file = png(p, 3);
    const [linked] = linkAttachments([file.url], [p.discord.cdnHost]);
    const media = await rehost(p, [linked!]);
    const copy = await p.services.store.attachmentCopies.find(GALLERY, file.id);
    expect(copy).toMatchObject({ slug: media.slug, url: media.url, inPost: false, userId: USER });
    expect(await p.services.store.attachmentCopies.find(CHANNEL, file.id)).toBeNull();
  });
});

describe('records written by 0.2.0', () => {
  const prefix = `t${randomBytes(5).toString('hex')}`;
  let redis: Redis;
  beforeAll(() => {
    redis = createRedis(inject('redisUrl'));
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    redis.disconnect();
  });

  it("are still found by /imgpile find until the retention forgets them (0.2.0's copy note)", async () => {
    const store = createStore(redis, prefix, { retentionDays: 90 });
    const day = new Date().toISOString().slice(0, 10);
    const attachmentId = '1300000000000000077';
    const url = 'https://cdn.example/f/old1234.png';
    // What 0.2.0 wrote for a file in a hidden post: its upload record, owner and copy note.
    const owner = ownerRecord('req-old', { userId: USER, guildId: GUILD }, attachmentId);
    const tx = redis.multi();
    tx.hset(`${prefix}:uploads:${day}`, attachmentId, `7 old1234 image/png AbCdEfGh ${url}`);
    store.ownership.recordMediaOwner(tx, 'old1234', owner, url);
    const note = { slug: 'old1234', url, inPost: true, userId: USER, guildId: GUILD };
    tx.hset(`${prefix}:att-copy:${day}`, `${GALLERY}:${attachmentId}`, JSON.stringify(note));
    await tx.exec();

    expect(await store.attachmentCopies.find(GALLERY, attachmentId)).toEqual(note);
    expect(await store.attachmentCopies.find(CHANNEL, attachmentId)).toBeNull();
    expect(await store.uploads.getUpload(attachmentId)).toMatchObject({ slug: 'old1234', url });
  });
});
