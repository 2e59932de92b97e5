import { afterEach, describe, expect, it } from 'vitest';
import { startWorkers } from '../../src/app.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRole, type RoleProcess } from '../helpers/processes.js';

let p: Pipeline;
const procs: RoleProcess[] = [];

afterEach(async () => {
  await Promise.all(procs.splice(0).map((proc) => proc.stop('SIGKILL')));
  await p?.close();
});

describe('worker processes', () => {
  it('a job whose worker is killed mid-upload is finished by another worker, uploaded once', async () => {
    p = await startPipeline({ workers: false, env: { WORKER_LOCK_MS: '1500' } });
    const att = p.discord.addAttachment({
      filename: 'slow.png',
      content: { size: 3 * 1024 * 1024, head: MAGIC.png },
      bytesPerSecond: 1024 * 1024,
    });
    const doomed = await startRole('worker', p.env, 'worker role started');
    procs.push(doomed);
    const queued = await p.enqueue({ attachments: [att] });
    // Wait until the upload to imgpile is under way, then kill the worker outright.
    const deadline = Date.now() + 10_000;
    while (!p.imgpile.requests.some((r) => r.host === 'upload') && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(p.imgpile.requests.some((r) => r.host === 'upload')).toBe(true);
    await doomed.stop('SIGKILL');
    expect(p.created()).toHaveLength(0);

    const rescuer = startWorkers(p.services, async () => {});
    try {
      const result = await p.waitForResult(queued.requestId, 30_000);
      expect(result.files[0]!.status).toBe('uploaded');
      expect(p.created()).toHaveLength(1);
      expect(p.discord.attachments.get(att.id)!.downloads).toBe(2);
    } finally {
      await rescuer.close(1000);
    }
  });

  it('SIGTERM lets an in-flight upload finish within the grace period, then exits cleanly', async () => {
    p = await startPipeline({ workers: false, env: { SHUTDOWN_GRACE_MS: '10000' } });
    const att = p.discord.addAttachment({
      filename: 'slow.png',
      content: { size: 1024 * 1024, head: MAGIC.png },
      bytesPerSecond: 1024 * 1024,
    });
    const worker = await startRole('worker', p.env, 'worker role started');
    procs.push(worker);
    const queued = await p.enqueue({ attachments: [att] });
    while (!p.imgpile.requests.some((r) => r.host === 'upload'))
      await new Promise((r) => setTimeout(r, 20));
    const code = await worker.stop('SIGTERM');
    expect(code).toBe(0);
    expect(worker.logs.some((l) => l.msg === 'stopped cleanly')).toBe(true);
    // It finished the upload before exiting.
    expect(p.created()).toHaveLength(1);
    // The request's final step is waiting in the queue for whichever worker comes next.
    const next = startWorkers(p.services, async () => {});
    try {
      const result = await p.waitForResult(queued.requestId);
      expect(result.files[0]).toMatchObject({ status: 'uploaded', reused: false });
      expect(p.created()).toHaveLength(1);
    } finally {
      await next.close(1000);
    }
  });

  it('past the grace period the upload is aborted and handed back; another worker finishes it once', async () => {
    p = await startPipeline({ workers: false, env: { SHUTDOWN_GRACE_MS: '300' } });
    const att = p.discord.addAttachment({
      filename: 'slower.png',
      content: { size: 2 * 1024 * 1024, head: MAGIC.png },
      bytesPerSecond: 512 * 1024,
    });
    const worker = await startRole('worker', p.env, 'worker role started');
    procs.push(worker);
    const queued = await p.enqueue({ attachments: [att] });
    while (!p.imgpile.requests.some((r) => r.host === 'upload'))
      await new Promise((r) => setTimeout(r, 20));
    const code = await worker.stop('SIGTERM');
    expect(code).toBe(0);
    expect(
      worker.logs.some((l) => l.msg === 'upload interrupted by shutdown; it will run again'),
    ).toBe(true);
    expect(p.created()).toHaveLength(0);
    const next = startWorkers(p.services, async () => {});
    try {
      const result = await p.waitForResult(queued.requestId, 30_000);
      expect(result.files[0]!.status).toBe('uploaded');
      expect(p.created()).toHaveLength(1);
      const job = await p.uploadsQueue.getJob(`upload_${queued.requestId}_${att.id}`);
      expect(job!.attemptsMade).toBe(1); // the interrupted run used no attempt
    } finally {
      await next.close(1000);
    }
  });

  it('a second signal exits at once', async () => {
    p = await startPipeline({ workers: false, env: { SHUTDOWN_GRACE_MS: '60000' } });
    const att = p.discord.addAttachment({
      filename: 'slow.png',
      content: { size: 4 * 1024 * 1024, head: MAGIC.png },
      bytesPerSecond: 256 * 1024,
    });
    const worker = await startRole('worker', p.env, 'worker role started');
    procs.push(worker);
    await p.enqueue({ attachments: [att] });
    while (!p.imgpile.requests.some((r) => r.host === 'upload'))
      await new Promise((r) => setTimeout(r, 20));
    worker.child.kill('SIGTERM');
    await worker.waitForLog((l) => l.msg === 'shutting down');
    const started = Date.now();
    expect(await worker.stop('SIGINT')).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('two worker processes together never exceed the imgpile request limit', async () => {
    const limit = 6;
    const windowMs = 2000;
    p = await startPipeline({
      workers: false,
      imgpile: { requestsPerMinute: limit, windowMs },
      env: { IMGPILE_REQUESTS_PER_MINUTE: String(limit), IMGPILE_RATE_WINDOW_MS: String(windowMs) },
    });
    procs.push(await startRole('worker', p.env, 'worker role started'));
    procs.push(await startRole('worker', p.env, 'worker role started'));
    const ids: string[] = [];
    for (let r = 0; r < 3; r++) {
      const atts = Array.from({ length: 6 }, (_, i) =>
        p.discord.addAttachment({
          filename: `${r}-${i}.png`,
          content: fileBytes(2000, MAGIC.png, r * 10 + i),
        }),
      );
      ids.push((await p.enqueue({ attachments: atts })).requestId);
    }
    for (const id of ids) await p.waitForResult(id, 60_000);
    const authed = p.imgpile.requests.filter((r) => r.user !== null);
    expect(authed.filter((r) => r.status === 429)).toHaveLength(0);
    expect(p.created()).toHaveLength(18);
    // The most requests imgpile saw in any trailing window.
    const times = authed.map((r) => r.at).sort((a, b) => a - b);
    const busiest = Math.max(
      ...times.map((t) => times.filter((u) => u > t - windowMs && u <= t).length),
    );
    expect(busiest).toBeLessThanOrEqual(limit);
    // Both processes did work.
    const workerLogs = procs.map(
      (proc) => proc.logs.filter((l) => l.msg === 'file rehosted').length,
    );
    expect(workerLogs.every((n) => n > 0)).toBe(true);
  });
});
