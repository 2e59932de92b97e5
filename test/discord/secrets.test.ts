import { Queue, type Job } from 'bullmq';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_REQUESTS, QUEUE_UPLOADS } from '../../src/queue/jobs.js';
import type { Redis } from '../../src/redis.js';
import { ACCOUNT_KEY, linkAccount, openSocialPanel } from '../helpers/accounts.js';
import { GALLERY, GENERAL, IMGPILE_TOKEN, alice, moderator } from '../helpers/cast.js';
import {
  eventually,
  pressButton,
  runImgpile,
  submitModal,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

const ALICE_TOKEN = '42|alice-linked-token-0f8e2d1c9b';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

/** Every value stored under `prefix`, read by type, as text. */
async function everyValue(redis: Redis, prefix: string): Promise<string> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      out.push(key);
      if (type === 'string') out.push((await redis.get(key)) ?? '');
      else if (type === 'hash') out.push(JSON.stringify(await redis.hgetall(key)));
      else if (type === 'list') out.push(JSON.stringify(await redis.lrange(key, 0, -1)));
      else if (type === 'set') out.push(JSON.stringify(await redis.smembers(key)));
      else if (type === 'zset')
        out.push(JSON.stringify(await redis.zrange(key, 0, -1, 'WITHSCORES')));
      else if (type === 'stream') out.push(JSON.stringify(await redis.xrange(key, '-', '+')));
      else out.push(`<${type}>`);
    }
  } while (cursor !== '0');
  return out.join('\n');
}

let seed = 0;
const png = (name: string) =>
  p.discord.addAttachment({
    filename: name,
    content: fileBytes(3000, MAGIC.png, (seed += 1)),
    contentType: 'image/png',
  });

async function settled(i: ReturnType<typeof runImgpile>) {
  return eventually(() => {
    const c = textOf(i.original());
    return c && !c.startsWith('⏳') && !c.startsWith('Queued') ? c : undefined;
  }, 15_000);
}

describe('a linked token is a secret', () => {
  it('after a full run, no log line, Redis value, job or Discord message holds it in clear', async () => {
    const lines: string[] = [];
    p = await startPipeline({
      bot: true,
      logLevel: 'trace',
      logTo: { write: (line) => lines.push(line) },
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    // Rehosts to her account: a post, a single file, a watched channel.
    await settled(
      runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['upload'],
        options: { file: png('a.png'), file2: png('b.png'), title: 'two' },
      }),
    );
    await settled(
      runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['upload'],
        options: { file: png('c.png') },
      }),
    );
    const added = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    await eventually(() => added.original(), 5000);
    p.discord.postMessage({ channelId: GALLERY, author: alice, attachments: [png('w.png')] });
    await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
    );
    // Her listing, status, quota; a vote, a comment and a follow.
    for (const path of [['mine'], ['account', 'status'], ['quota']]) {
      const i = runImgpile(p.discord, { channelId: GENERAL, user: alice, path });
      await eventually(() => textOf(i.original()) || i.original()?.embeds.length, 10_000);
    }
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'sunset' });
    const panel = await openSocialPanel(p, alice, post.slug);
    for (const customId of [`social:up:${post.id}:${post.slug}`, 'social:follow:carol']) {
      const i = pressButton(p.discord, { user: alice, customId, message: panel });
      await eventually(() => i.original()?.content, 10_000);
    }
    const comment = submitModal(p.discord, {
      channelId: GENERAL,
      user: alice,
      customId: `comment:${post.slug}`,
      values: { content: 'nice' },
    });
    await eventually(() => comment.original()?.content, 10_000);
    // Then the token breaks: the worker meets the 401.
    p.imgpile.revokeToken(ALICE_TOKEN);
    const broken = await settled(
      runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['upload'],
        options: { file: png('d.png') },
      }),
    );
    expect(broken).toContain("imgpile refused your linked account's token");

    // The run went through her account, with her token.
    expect(p.created().filter((u) => u.user === 'alice-ip')).toHaveLength(4);
    expect(
      p.imgpile.requests.filter((r) => r.authorization === `Bearer ${ALICE_TOKEN}`).length,
    ).toBeGreaterThan(8);

    const logs = lines.join('');
    expect(logs).toContain('imgpile account linked');
    expect(logs).toContain('imgpile refused a linked token');
    expect(logs).not.toContain(ALICE_TOKEN);
    expect(logs).not.toContain(ALICE_TOKEN.split('|')[1]);

    const stored = await everyValue(p.services.redis, p.config.redisPrefix);
    expect(stored).toContain('alice-ip');
    for (const form of [
      ALICE_TOKEN,
      ALICE_TOKEN.split('|')[1]!,
      Buffer.from(ALICE_TOKEN).toString('base64'),
      Buffer.from(ALICE_TOKEN).toString('hex'),
    ])
      expect(stored).not.toContain(form);

    const jobs: Job[] = [];
    for (const name of [QUEUE_UPLOADS, QUEUE_REQUESTS]) {
      const queue = new Queue(name, {
        connection: p.services.redis,
        prefix: p.services.bullPrefix,
      });
      jobs.push(...(await queue.getJobs(['completed', 'failed', 'waiting', 'delayed', 'active'])));
      await queue.close();
    }
    const jobText = JSON.stringify(
      jobs.map((j): unknown[] => [j.data, j.returnvalue, j.failedReason]),
    );
    expect(jobText).toContain('"account":"user"');
    expect(jobText).not.toContain(ALICE_TOKEN);

    const replies = JSON.stringify(p.discord.restCalls);
    expect(replies).toContain('alice-ip');
    expect(replies).not.toContain(ALICE_TOKEN);
  });
});
