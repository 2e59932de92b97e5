import { createHash } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { generatedChunks, type AttachmentContent } from '../fakes/discord.js';
import { CHANNEL, alice } from '../helpers/cast.js';
import { eventually, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { freePort } from '../helpers/redis-server.js';
import { removeContainers, runContainer } from './docker.js';

const image = inject('dockerImage');
const runId = inject('dockerRunId');

let p: Pipeline | undefined;

afterEach(async () => {
  await removeContainers(runId);
  await p?.close();
  p = undefined;
});

function sha256Of(content: AttachmentContent): string {
  const hash = createHash('sha256');
  for (const chunk of generatedChunks(content)) hash.update(chunk);
  return hash.digest('hex');
}

/** The pipeline's environment, as a container of the image gets it. */
function containerEnv(pipeline: Pipeline, extra: Record<string, string>): Record<string, string> {
  return { ...pipeline.env, LOG_LEVEL: 'info', ...extra };
}

function expectNoTokens(pipeline: Pipeline, text: string) {
  expect(text).not.toContain(pipeline.env.IMGPILE_TOKEN);
  expect(text).not.toContain(pipeline.env.DISCORD_TOKEN);
}

describe('the image', () => {
  it('runs the bot and a worker: both turn healthy, and a file uploaded through an interaction lands with its bytes and its link in the reply', async () => {
    p = await startPipeline({ workers: false });
    const bot = await runContainer(
      image,
      'bot',
      containerEnv(p, { HEALTH_PORT: String(await freePort()) }),
      runId,
    );
    // HEALTH_HOST: the health server listens on 127.0.0.2 only, and the probe must go there.
    const workerEnv = containerEnv(p, {
      HEALTH_PORT: String(await freePort()),
      HEALTH_HOST: '127.0.0.2',
    });
    const worker = await runContainer(image, 'worker', workerEnv, runId);
    await Promise.all([bot.healthy(), worker.healthy()]);
    // Healthy although nothing answers on 127.0.0.1: the probe followed HEALTH_HOST.
    await expect(fetch(`http://127.0.0.1:${workerEnv.HEALTH_PORT}/healthz`)).rejects.toThrow();

    const content = { size: 300_000, head: MAGIC.png, seed: 11 };
    const att = p.discord.addAttachment({
      filename: 'photo.png',
      content,
      contentType: 'image/png',
    });
    const interaction = runImgpile(p.discord, {
      channelId: CHANNEL,
      user: alice,
      path: ['upload'],
      options: { file: att },
    });
    const reply = await eventually(
      () => {
        const text = textOf(interaction.original());
        return text && !text.startsWith('⏳') ? text : undefined;
      },
      30_000,
      'the final reply',
    );
    const uploads = p.created();
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ size: content.size, sha256: sha256Of(content) });
    expect(reply).toContain(`/f/${uploads[0]!.slug}.png`);

    // The bot enqueued, the worker uploaded; neither wrote a token anywhere.
    const [botLogs, workerLogs] = await Promise.all([bot.logs(), worker.logs()]);
    expect(botLogs.lines.some((l) => l.msg === 'rehost request queued')).toBe(true);
    expect(workerLogs.lines.some((l) => l.msg === 'file rehosted')).toBe(true);
    expectNoTokens(p, botLogs.text + workerLogs.text);

    // Both stop cleanly within Docker's default timeout.
    await Promise.all([bot.stop(), worker.stop()]);
    expect((await bot.state()).ExitCode).toBe(0);
    expect((await worker.state()).ExitCode).toBe(0);
  });

  it('a busy health port ends start-up with one clear fatal line and exit code 1, no stack trace', async () => {
    p = await startPipeline({ workers: false });
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '0.0.0.0', resolve));
    try {
      const { port } = busy.address() as AddressInfo;
      const worker = await runContainer(
        image,
        'worker',
        containerEnv(p, { HEALTH_PORT: String(port) }),
        runId,
      );
      expect((await worker.exited()).ExitCode).toBe(1);
      const logs = await worker.logs();
      const fatal = logs.lines.filter((l) => l.level === 'fatal');
      expect(fatal, logs.text).toHaveLength(1);
      expect(String(fatal[0]!.msg)).toMatch(new RegExp(`health port .*${port}.* already in use`));
      expect(logs.text).not.toMatch(/^\s+at /m);
    } finally {
      busy.close();
    }
  });

  it("`docker stop`, with Docker's default timeout, during uploads: a short one finishes, a long one is handed back and finished once by the next worker; exit 0", async () => {
    p = await startPipeline({ workers: false });
    // Health off (HEALTH_PORT empty): the image's probe must then pass, not fail forever.
    const env = containerEnv(p, { HEALTH_PORT: '' });
    const short = { size: 4 * 1024 * 1024, head: MAGIC.png, seed: 21 };
    const long = { size: 48 * 1024 * 1024, head: MAGIC.png, seed: 22 };
    // 2 s and 12 s to download, hence to upload: the long one outlasts the 8 s grace.
    const shortAtt = p.discord.addAttachment({
      filename: 'short.png',
      content: short,
      bytesPerSecond: 2 * 1024 * 1024,
    });
    const longAtt = p.discord.addAttachment({
      filename: 'long.png',
      content: long,
      bytesPerSecond: 4 * 1024 * 1024,
    });

    const first = await runContainer(image, 'worker', env, runId);
    await first.healthy();
    // Healthy says nothing of readiness with health off; the log does.
    await first.ready('worker role started');
    const { requestId } = await p.enqueue({ attachments: [shortAtt, longAtt] });
    await eventually(
      () => p!.imgpile.requests.filter((r) => r.host === 'upload').length >= 2,
      20_000,
      'both uploads to start',
    );

    const stopMs = await first.stop();
    console.log(`[docker] docker stop during a 48 MiB upload took ${(stopMs / 1000).toFixed(1)} s`);
    const state = await first.state();
    const logs = await first.logs();
    expect(state, logs.text.slice(-2000)).toMatchObject({ ExitCode: 0, OOMKilled: false });
    // Docker did not have to kill it: it stopped on its own, inside the 10 s.
    expect(stopMs).toBeLessThan(10_000);
    const messages = logs.lines.map((l) => String(l.msg));
    expect(messages.some((m) => m.startsWith('grace period over'))).toBe(true);
    expect(messages.some((m) => m.includes('interrupted by shutdown'))).toBe(true);
    expect(messages).toContain('stopped cleanly');
    expect(logs.lines.find((l) => l.msg === 'shutting down')).toMatchObject({ graceMs: 8000 });
    // The short upload finished inside the grace; the long one is not on imgpile yet.
    expect(p.created().map((u) => u.sha256)).toEqual([sha256Of(short)]);

    const next = await runContainer(image, 'worker', env, runId);
    const result = await p.waitForResult(requestId, 60_000);
    expect(result.files.map((f) => f.status)).toEqual(['uploaded', 'uploaded']);
    // Each file reached imgpile exactly once, whole: nothing lost, nothing twice.
    const created = p.created();
    expect(created.map((u) => u.sha256).sort()).toEqual([sha256Of(short), sha256Of(long)].sort());
    expect(created.find((u) => u.sha256 === sha256Of(long))).toMatchObject({ size: long.size });
    expect(p.discord.attachments.get(longAtt.id)!.downloads).toBe(2);
    expect(p.discord.attachments.get(shortAtt.id)!.downloads).toBe(1);
    expectNoTokens(p, logs.text + (await next.logs()).text);
  });
});
