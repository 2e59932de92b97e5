/**
 * Rehost bench: one large file from the local Discord CDN through a real process to the local
 * imgpile, both fakes in this process. A `worker` process, warmed up first, against the plain
 * `curl | curl` pipe; then a process of role `all` (the bot connected beside the workers) taking
 * the file through `/imgpile upload` as the first thing it does after starting, the way an
 * operator meets it after a restart: what its peak costs above where it idled. Both processes run
 * the compiled build with `npm start`'s flags, as operators run them (not src under tsx, whose
 * loader thread alone adds some 30 MB to the idle figure).
 */
import { GENERAL, alice } from '../test/helpers/cast.js';
import type { Harness } from '../test/helpers/harness.js';
import { runImgpile } from '../test/helpers/interactions.js';
import { MAGIC } from '../test/helpers/media-bytes.js';
import { buildDist, startRole } from '../test/helpers/processes.js';
import { MB, fmtMB, peakGrowth, verdict, waitForIdle } from './lib.js';
import { curlPipe, enqueue, setup, waitFor } from './pipeline.js';

/** A worker process: warmed up on a small file, then the large one queued directly. */
async function throughWorker(s: Harness, size: number) {
  const [worker] = await s.startWorkerProcesses(1, 'build');
  const pid = worker!.child.pid!;
  await waitFor(s, (await enqueue(s, [{ size: 256 * 1024, seed: 1 }])).requestId);
  await waitForIdle(pid, 1_000);
  const started = performance.now();
  const { before, growth, result } = await peakGrowth(pid, async () =>
    waitFor(s, (await enqueue(s, [{ size, seed: 2 }])).requestId),
  );
  const seconds = (performance.now() - started) / 1000;
  return { idle: before, growth, seconds, status: result.files[0]?.status };
}

/** A process of role `all`, idle after start: the file through `/imgpile upload`, its first. */
async function throughAll(s: Harness, size: number) {
  const all = await startRole('all', s.env, 'worker role started', 'build');
  s.processes.push(all);
  const pid = all.child.pid!;
  await waitForIdle(pid);
  const file = s.discord.addAttachment({
    filename: 'big.jpg',
    content: { size, head: MAGIC.jpeg, seed: 3 },
    contentType: 'image/jpeg',
    channelId: GENERAL,
  });
  const started = performance.now();
  const { before, growth, result } = await peakGrowth(pid, () => {
    const upload = runImgpile(s.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file },
    });
    return waitFor(s, upload.id);
  });
  const seconds = (performance.now() - started) / 1000;
  return { idle: before, growth, seconds, status: result.files[0]?.status };
}

export async function benchRehost(redisUrl: string, size = 100 * MB): Promise<void> {
  await buildDist();
  const s = await setup(redisUrl, { WORKER_CONCURRENCY: '1' });
  let worker, all, baseline;
  try {
    worker = await throughWorker(s, size);
    const att = s.discord.addAttachment({
      filename: 'baseline.jpg',
      content: { size, head: MAGIC.jpeg, seed: 2 },
      contentType: 'image/jpeg',
    });
    baseline = await curlPipe(att.url, s.imgpile.uploadUrl);
  } finally {
    await s.close();
  }
  const s2 = await setup(redisUrl, { WORKER_CONCURRENCY: '1' });
  try {
    all = await throughAll(s2, size);
  } finally {
    await s2.close();
  }
  for (const r of [worker, all])
    if (r.status !== 'uploaded') throw new Error(`bench rehost failed: ${r.status}`);
  const rate = size / MB / worker.seconds;
  console.log(
    `\n## Rehost: one ${fmtMB(size)} file, Discord CDN -> worker process -> imgpile (dist/, npm start's flags)`,
  );
  console.log(`worker idle RSS          ${fmtMB(worker.idle)}`);
  console.log(
    `worker peak RSS growth   ${fmtMB(worker.growth)}   (target < 32 MB: ${verdict(worker.growth < 32 * MB)})`,
  );
  console.log(
    `rehost throughput        ${rate.toFixed(1)} MB/s in ${worker.seconds.toFixed(2)} s (enqueue to result)`,
  );
  if (baseline) {
    const baseRate = size / MB / baseline;
    console.log(
      `curl | curl -F file=@-   ${baseRate.toFixed(1)} MB/s in ${baseline.toFixed(2)} s (download-then-upload pipe)`,
    );
    console.log(
      `rehost / baseline        ${(rate / baseRate).toFixed(2)}x   (target >= 0.8x: ${verdict(rate / baseRate >= 0.8)})`,
    );
  }
  console.log(
    `role all idle RSS        ${fmtMB(all.idle)}   (after start, the bot in 1 server; the file is its first)`,
  );
  console.log(
    `role all peak RSS growth ${fmtMB(all.growth)}   (target < 16 MB: ${verdict(all.growth < 16 * MB)}; /imgpile upload to result in ${all.seconds.toFixed(2)} s)`,
  );
}
