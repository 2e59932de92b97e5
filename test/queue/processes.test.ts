import { afterEach, describe, expect, it } from 'vitest';
import { startWorkers } from '../../src/app.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRole, type RoleProcess } from '../helpers/processes.js';
import { eventually } from '../helpers/interactions.js';

let p: Pipeline;
const procs: RoleProcess[] = [];

afterEach(async () => {
  await Promise.all(procs.splice(0).map((proc) => proc.stop('SIGKILL')));
  await p?.close();
});

/**
 * A worker process streaming one slow file to imgpile: resolves once imgpile has started
 * receiving it, so a test can act mid-upload.
 */
async function slowUploadUnderWay(
  env: Record<string, string>,
  size: number,
  bytesPerSecond: number,
) {
  p = await startPipeline({ workers: false, env });
  const att = p.discord.addAttachment({
    filename: 'slow.png',
    content: { size, head: MAGIC.png },
    bytesPerSecond,
  });
  const worker = await startRole('worker', p.env, 'worker role started');
  procs.push(worker);
  const queued = await p.enqueue({ attachments: [att] });
  await eventually(
    () => p.imgpile.requests.some((r) => r.host === 'upload'),
    10_000,
    'the upload to start',
  );
  return { att, worker, queued };
}

/** Another worker, in this process, takes over what is left and finishes the request. */
async function finishWithAnotherWorker(requestId: string) {
  const next = startWorkers(p.services, async () => {});
  try {
    return await p.waitForResult(requestId, 30_000);
  } finally {
    await next.close(1000);
  }
}

describe('worker processes', () => {
  it('a job whose worker is killed mid-upload is finished by another worker, uploaded once', async () => {
    const { att, worker, queued } = await slowUploadUnderWay(
      { WORKER_LOCK_MS: '1500' },
      3 * 1024 * 1024,
      1024 * 1024,
    );
    await worker.stop('SIGKILL');
    expect(p.created()).toHaveLength(0);
    const result = await finishWithAnotherWorker(queued.requestId);
    expect(result.files[0]!.status).toBe('uploaded');
    expect(p.created()).toHaveLength(1);
    expect(p.discord.attachments.get(att.id)!.downloads).toBe(2);
  });

  it('SIGTERM lets an in-flight upload finish within the grace period, then exits cleanly', async () => {
    const { worker, queued } = await slowUploadUnderWay(
      { SHUTDOWN_GRACE_MS: '10000' },
      1024 * 1024,
      1024 * 1024,
    );
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(worker.logs.some((l) => l.msg === 'stopped cleanly')).toBe(true);
    // It finished the upload before exiting.
    expect(p.created()).toHaveLength(1);
    // The request's final step is waiting in the queue for whichever worker comes next.
    const result = await finishWithAnotherWorker(queued.requestId);
    expect(result.files[0]).toMatchObject({ status: 'uploaded', reused: false });
    expect(p.created()).toHaveLength(1);
  });

  it('past the grace period the upload is aborted and handed back; another worker finishes it once', async () => {
    const { att, worker, queued } = await slowUploadUnderWay(
      { SHUTDOWN_GRACE_MS: '300' },
      2 * 1024 * 1024,
      512 * 1024,
    );
    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(
      worker.logs.some((l) => l.msg === 'upload interrupted by shutdown; it will run again'),
    ).toBe(true);
    expect(p.created()).toHaveLength(0);
    const result = await finishWithAnotherWorker(queued.requestId);
    expect(result.files[0]!.status).toBe('uploaded');
    expect(p.created()).toHaveLength(1);
    const job = await p.uploadsQueue.getJob(`upload_${queued.requestId}_${att.id}`);
    expect(job!.attemptsMade).toBe(1); // the interrupted run used no attempt
  });

  it('a second signal exits at once', async () => {
    const { worker } = await slowUploadUnderWay(
      { SHUTDOWN_GRACE_MS: '60000' },
      4 * 1024 * 1024,
      256 * 1024,
    );
    worker.child.kill('SIGTERM');
    await worker.waitForLog((l) => l.msg === 'shutting down');
    expect(await worker.stop('SIGINT')).toBe(1);
    // It did not wait out the 60 s grace period for the upload.
    expect(worker.logs.some((l) => l.msg === 'second signal: exiting now')).toBe(true);
    expect(worker.logs.some((l) => l.msg === 'stopped cleanly')).toBe(false);
    expect(p.created()).toHaveLength(0);
  });

  it('two worker processes together never exceed the imgpile request limit', async () => {
    const limit = 6;
    const windowMs = 2000;
    // imgpile counts requests as they arrive, the limiter as it grants them: on a loaded machine
    // a grant can reach imgpile most of a second later (a 60 s window hides that in its 500 ms
    // margin; a 2 s one cannot). imgpile's window here is a second shorter, which tolerates that
    // much transit and still catches two processes each spending the whole budget (12 at once).
    const imgpileWindowMs = windowMs - 1000;
    p = await startPipeline({
      workers: false,
      imgpile: { requestsPerMinute: limit, windowMs: imgpileWindowMs },
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
    // The most requests imgpile saw in any trailing window of its own.
    const times = authed.map((r) => r.at).sort((a, b) => a - b);
    const busiest = Math.max(
      ...times.map((t) => times.filter((u) => u > t - imgpileWindowMs && u <= t).length),
    );
    expect(busiest).toBeLessThanOrEqual(limit);
    // Both processes did work.
    const workerLogs = procs.map(
      (proc) => proc.logs.filter((l) => l.msg === 'file rehosted').length,
    );
    expect(workerLogs.every((n) => n > 0)).toBe(true);
  });
});
