import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkers } from '../../src/app.js';
import { GENERAL, alice } from '../helpers/cast.js';
import { eventually, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRole, type RoleProcess } from '../helpers/processes.js';
import { freePort, startRedisServer, type PrivateRedis } from '../helpers/redis-server.js';

let p: Pipeline | undefined;
let redis: PrivateRedis | undefined;
const procs: RoleProcess[] = [];

afterEach(async () => {
  await Promise.all(procs.splice(0).map((proc) => proc.stop('SIGKILL')));
  await p?.close();
  p = undefined;
  await redis?.stop();
  redis = undefined;
});

async function get(port: number, path: string) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, text: await res.text() };
}

/** The value of one sample line of a Prometheus exposition, or 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('process roles', () => {
  it('a bot process and a worker process share the work through Redis; health and metrics follow it', async () => {
    p = await startPipeline({ workers: false });
    const [botPort, workerPort] = [await freePort(), await freePort()];
    procs.push(
      await startRole('bot', { ...p.env, HEALTH_PORT: String(botPort) }, 'bot role started'),
    );
    procs.push(
      await startRole(
        'worker',
        { ...p.env, HEALTH_PORT: String(workerPort) },
        'worker role started',
      ),
    );

    expect(JSON.parse((await get(botPort, '/healthz')).text)).toEqual({
      status: 'ok',
      checks: { redis: 'ok', gateway: 'ok' },
    });
    expect(JSON.parse((await get(workerPort, '/healthz')).text)).toEqual({
      status: 'ok',
      checks: { redis: 'ok', worker: 'ok' },
    });
    // Only the bot holds a gateway connection; the worker uses REST alone.
    expect(p.discord.identifies).toHaveLength(1);

    const upload = async (name: string, seed: number) => {
      const att = p!.discord.addAttachment({
        filename: name,
        content: fileBytes(5000, MAGIC.png, seed),
        contentType: 'image/png',
      });
      const i = runImgpile(p!.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['upload'],
        options: { file: att },
      });
      return eventually(
        () => {
          const c = textOf(i.original());
          return c && !c.startsWith('⏳') ? c : undefined;
        },
        20_000,
        'the final reply',
      );
    };
    const first = await upload('one.png', 1);
    expect(first).toContain(`/f/${p.created()[0]!.slug}.png`);
    // The bot process enqueued, the worker process uploaded.
    expect(procs[0]!.logs.some((l) => l.msg === 'rehost request queued')).toBe(true);
    expect(procs[0]!.logs.some((l) => l.msg === 'file rehosted')).toBe(false);
    expect(procs[1]!.logs.some((l) => l.msg === 'file rehosted')).toBe(true);

    const m1 = (await get(workerPort, '/metrics')).text;
    expect(sample(m1, 'imgpile_bot_files_total{reason="none",result="uploaded"}')).toBe(1);
    expect(sample(m1, 'imgpile_bot_uploaded_bytes_total')).toBe(5000);
    expect(sample(m1, 'imgpile_bot_requests_completed_total')).toBe(1);
    expect(m1).toContain('# TYPE imgpile_bot_queue_jobs gauge');
    expect(sample(m1, 'imgpile_bot_queue_jobs{queue="imgpile-uploads",state="completed"}')).toBe(1);
    const b1 = (await get(botPort, '/metrics')).text;
    expect(
      sample(b1, 'imgpile_bot_interaction_duration_seconds_count{kind="slash",outcome="ok"}'),
    ).toBe(1);

    await upload('two.png', 2);
    const m2 = (await get(workerPort, '/metrics')).text;
    expect(sample(m2, 'imgpile_bot_files_total{reason="none",result="uploaded"}')).toBe(2);
    expect(sample(m2, 'imgpile_bot_uploaded_bytes_total')).toBe(10_000);
    expect(sample(m2, 'imgpile_bot_queue_jobs{queue="imgpile-uploads",state="completed"}')).toBe(2);
    const b2 = (await get(botPort, '/metrics')).text;
    expect(
      sample(b2, 'imgpile_bot_interaction_duration_seconds_count{kind="slash",outcome="ok"}'),
    ).toBe(2);

    // Neither token ever reached a log line.
    for (const proc of procs) {
      const text = JSON.stringify(proc.logs) + proc.stderr();
      expect(text).not.toContain(p.env.IMGPILE_TOKEN);
      expect(text).not.toContain(p.env.DISCORD_TOKEN);
    }

    // Both stop cleanly on SIGTERM.
    expect(await procs[0]!.stop('SIGTERM')).toBe(0);
    expect(await procs[1]!.stop('SIGTERM')).toBe(0);
  });

  it('metrics count failures by reason and quota refusals', async () => {
    p = await startPipeline({ workers: false, env: { USER_DAILY_FILE_LIMIT: '1' } });
    const port = await freePort();
    procs.push(
      await startRole('all', { ...p.env, HEALTH_PORT: String(port) }, 'worker role started'),
    );
    const bad = p.discord.addAttachment({
      filename: 'page.png',
      content: fileBytes(3000, MAGIC.html),
      contentType: 'image/png',
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: bad },
    });
    await eventually(() => i.original()?.content?.includes('not accepted'), 20_000, 'the refusal');
    const twoFiles = [1, 2].map((n) =>
      p!.discord.addAttachment({
        filename: `${n}.png`,
        content: fileBytes(1000, MAGIC.png, n),
        contentType: 'image/png',
      }),
    );
    runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: twoFiles[0]!, file2: twoFiles[1]! },
    });
    const text = await eventually(
      async () => {
        const t = (await get(port, '/metrics')).text;
        return sample(t, 'imgpile_bot_quota_refusals_total{scope="user"}') === 1 ? t : undefined;
      },
      10_000,
      'the quota refusal',
    );
    expect(sample(text, 'imgpile_bot_files_total{reason="not_media",result="failed"}')).toBe(1);
    expect((JSON.parse((await get(port, '/healthz')).text) as { checks: unknown }).checks).toEqual({
      redis: 'ok',
      gateway: 'ok',
      worker: 'ok',
    });
  });

  it('healthz fails when Redis is unreachable', async () => {
    redis = await startRedisServer();
    p = await startPipeline({ workers: false, redisUrl: redis.url });
    const port = await freePort();
    procs.push(
      await startRole('worker', { ...p.env, HEALTH_PORT: String(port) }, 'worker role started'),
    );
    expect((await get(port, '/healthz')).status).toBe(200);
    await redis.halt();
    const res = await eventually(
      async () => {
        const r = await get(port, '/healthz');
        return r.status === 503 ? r : undefined;
      },
      10_000,
      'a failing health check',
    );
    expect(JSON.parse(res.text)).toMatchObject({ status: 'failing', checks: { redis: 'failing' } });
    // Back up: it recovers on its own (and the cleanup needs Redis).
    await redis.resume();
    await eventually(async () => (await get(port, '/healthz')).status === 200, 10_000, 'recovery');
  });
});

describe('start-up failures', () => {
  /** Runs a role to its exit; returns its code, stdout and stderr. */
  async function runToExit(role: string, env: Record<string, string | undefined>) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', role], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    return { code, stdout, stderr };
  }

  it('a refused Discord token ends the bot with a clear log line and exit code 1', async () => {
    p = await startPipeline({ workers: false });
    const run = await runToExit('bot', {
      ...p.env,
      DISCORD_TOKEN: 'not-the-bot-token',
      LOG_LEVEL: 'info',
    });
    expect(run.code).toBe(1);
    const fatal = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: string; msg: string; err?: { message: string } })
      .find((l) => l.level === 'fatal');
    expect(fatal).toMatchObject({ code: 'token' });
    expect(fatal?.msg).toMatch(/^Discord refused the bot token: check DISCORD_TOKEN/);
    expect(run.stdout + run.stderr).not.toContain('not-the-bot-token');
  });

  it('a bad configuration names each variable and exits 78, without echoing values', async () => {
    const run = await runToExit('worker', {
      PATH: process.env.PATH,
      DISCORD_TOKEN: 'x',
      IMGPILE_API_URL: 'ftp://secret-host',
      WORKER_CONCURRENCY: 'many',
    });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('IMGPILE_TOKEN is required');
    expect(run.stderr).toContain('IMGPILE_API_URL must be an http(s) URL');
    expect(run.stderr).toContain('WORKER_CONCURRENCY must be a whole number');
    expect(run.stderr).not.toContain('secret-host');
  });
});

describe('Redis restarts', () => {
  it('a Redis restart mid-run (append-only) loses no job: every request finishes', async () => {
    redis = await startRedisServer({ appendonly: true });
    p = await startPipeline({
      workers: false,
      redisUrl: redis.url,
      env: { WORKER_CONCURRENCY: '2' },
    });
    const ids: string[] = [];
    for (let n = 0; n < 4; n++) {
      const atts = [0, 1, 2].map((k) =>
        p!.discord.addAttachment({
          filename: `${n}-${k}.png`,
          content: { size: 200_000, head: MAGIC.png, seed: n * 10 + k },
          bytesPerSecond: 1_000_000,
        }),
      );
      ids.push((await p.enqueue({ attachments: atts })).requestId);
    }
    const workers = startWorkers(p.services, async () => {});
    try {
      await eventually(() => p!.created().length >= 2, 15_000, 'some uploads');
      await redis.restart();
      for (const id of ids) {
        const result = await p.waitForResult(id, 60_000);
        expect(result.files.map((f) => f.status)).toEqual(['uploaded', 'uploaded', 'uploaded']);
      }
      // No file went up twice.
      const names = p.created().map((u) => u.filename);
      expect(new Set(names).size).toBe(names.length);
      expect(names).toHaveLength(12);
    } finally {
      await workers.close(1000);
    }
  });
});

describe("discord.js's own sharding", () => {
  it('DISCORD_SHARDS=auto follows the recommended shard count, and each guild is served by its shard', async () => {
    p = await startPipeline({
      bot: true,
      discord: { recommendedShards: 2 },
      env: { DISCORD_SHARDS: 'auto' },
    });
    expect(p.discord.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const att = p.discord.addAttachment({
      filename: 's.png',
      content: fileBytes(2000, MAGIC.png, 5),
      contentType: 'image/png',
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: att },
    });
    await eventually(() => textOf(i.original()).includes('/f/'), 15_000, 'the reply');
  });

  it('DISCORD_SHARDS=3 runs exactly three shards', async () => {
    p = await startPipeline({ bot: true, env: { DISCORD_SHARDS: '3' } });
    expect(p.discord.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(p.bot!.isReady()).toBe(true);
  });
});
