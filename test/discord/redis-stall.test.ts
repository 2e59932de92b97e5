import { afterEach, describe, expect, inject, it } from 'vitest';
import { CHANNEL, GUILD, USER, alice } from '../helpers/cast.js';
import { eventually, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRedisProxy } from '../helpers/redis-proxy.js';

/**
 * Redis stalls for the bot's own connection while a request is being queued: the bot's command
 * times out (1.5 s) although Redis queued the work. What the user is told must be true, and the
 * work counted once.
 */

let p: Pipeline | undefined;
let proxy: Awaited<ReturnType<typeof startRedisProxy>> | undefined;
afterEach(async () => {
  await p?.close();
  await proxy?.close();
  p = undefined;
  proxy = undefined;
});

/** The command that queues a request's flow (its request job is named rehost-request). */
const queuesTheFlow = (sent: string) => sent.includes('rehost-request') && /exec/i.test(sent);

describe('a Redis stall while a request is queued', () => {
  it('queued on the server though the bot timed out: never "nothing was queued"; uploaded once, counted once', async () => {
    proxy = await startRedisProxy(inject('redisUrl'));
    const pipe = await startPipeline({ bot: true, redisUrl: proxy.url });
    p = pipe;
    // Longer than the bot's 1.5 s command timeout, shorter than two of them.
    const stalled = proxy.stallAfter(queuesTheFlow, 2_000);
    const file = pipe.discord.addAttachment({
      filename: 'x.png',
      content: fileBytes(3000, MAGIC.png, 5),
      contentType: 'image/png',
    });
    const upload = runImgpile(pipe.discord, {
      channelId: CHANNEL,
      user: alice,
      path: ['upload'],
      options: { file },
    });
    await stalled;
    const result = await pipe.waitForResult(upload.id, 30_000);
    expect(result.files[0]?.status).toBe('uploaded');
    // The bot has finished the command, and answered it if it failed.
    await eventually(
      () => pipe.handled[0]?.ok || upload.followUps().length > 0,
      20_000,
      'the bot to finish the command',
    );

    // Everything the user was told, once the request has finished and replied.
    const told = [
      upload.original(),
      ...upload.followUps(),
      ...pipe.discord.channelMessages(CHANNEL),
    ].map(textOf);
    expect(told.join('\n')).not.toMatch(/nothing was queued/);
    expect(told.join('\n')).toContain(`/f/${pipe.created()[0]!.slug}`);
    expect(pipe.created()).toHaveLength(1);
    const usage = await pipe.services.quotas.usage({ guildId: GUILD, userId: USER });
    expect(usage.user?.used).toBe(1);
    expect(usage.guild?.used).toBe(1);
  });

  it('a stall longer than the bot waits: the user is told it may have been queued, and its quota is kept', async () => {
    proxy = await startRedisProxy(inject('redisUrl'));
    const pipe = await startPipeline({ bot: true, redisUrl: proxy.url });
    p = pipe;
    const stalled = proxy.stallAfter(queuesTheFlow, 15_000);
    const file = pipe.discord.addAttachment({
      filename: 'y.png',
      content: fileBytes(3000, MAGIC.png, 6),
      contentType: 'image/png',
    });
    const upload = runImgpile(pipe.discord, {
      channelId: CHANNEL,
      user: alice,
      path: ['upload'],
      options: { file },
    });
    await stalled;
    const said = await eventually(
      () => upload.followUps()[0] ?? undefined,
      20_000,
      'what the user is told',
    );
    expect(said.content).not.toMatch(/nothing was queued/);
    expect(said.content).toMatch(/may have been queued/);
    // The stall ends: the work was queued after all, and is done and counted once.
    await pipe.waitForResult(upload.id, 30_000);
    expect(pipe.created()).toHaveLength(1);
    const usage = await pipe.services.quotas.usage({ guildId: GUILD, userId: USER });
    expect(usage.user?.used).toBe(1);
  });
});
