import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Routes, type REST } from 'discord.js';
import { z } from 'zod';
import { QuotaExceededError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { connectionFailure, type Redis } from '../../redis.js';
import { looksLikeMedia } from '../../rehost/media-type.js';
import { MAX_FILES_PER_REQUEST, type Attachment, type PostOptions } from '../../request.js';
import type { Backfill, Store, Watch } from '../../store/index.js';
import type { RehostProducer } from '../producer.js';

/**
 * A channel's history rehosted on request (`/imgpile watch backfill`): one BullMQ job per
 * channel that reads one page of Discord's (100 messages) per run and queues their files
 * through the normal intake (quotas, limits, dedupe), its cursor and counts in Redis. Between
 * pages the job waits in Redis (delayed), so a restart resumes from the cursor, a spent daily
 * quota is waited out without holding a worker, and a stop is seen at the next page.
 */

export const QUEUE_BACKFILL = 'imgpile-backfill';
const PAGE = 100;
/** Files of the server's waiting to be uploaded before the next page is read. */
const MAX_BACKLOG = 200;
const BACKLOG_WAIT_MS = 2_000;

export const backfillJobSchema = z.object({ channelId: z.string().regex(/^\d{1,20}$/) });
export const backfillJobId = (channelId: string) => `backfill_${channelId}`;

type RawAttachment = {
  id: string;
  url: string;
  filename: string;
  size: number;
  content_type?: string;
  flags?: number;
};
export type RawMessage = {
  id: string;
  author: { id: string; bot?: boolean };
  webhook_id?: string;
  attachments?: RawAttachment[];
};

/** Discord's IS_SPOILER attachment flag. */
const IS_SPOILER = 1 << 3;

/** A message's images and videos, as the request's files. */
export function filesOfRaw(message: RawMessage): Attachment[] {
  return (message.attachments ?? [])
    .filter((a) => looksLikeMedia({ contentType: a.content_type, name: a.filename }))
    .slice(0, MAX_FILES_PER_REQUEST)
    .map((a) => ({
      id: a.id,
      url: a.url,
      filename: a.filename,
      size: a.size,
      contentType: a.content_type ?? null,
      spoiler: ((a.flags ?? 0) & IS_SPOILER) !== 0 || a.filename.startsWith('SPOILER_'),
    }));
}

export type BackfillDeps = {
  store: Store;
  producer: Pick<RehostProducer, 'enqueueRehost'>;
  rest: REST;
  log: Logger;
  /** Shows where the backfill stands (its progress message); never throws. */
  report: (b: Backfill) => Promise<void>;
};

/** One page of the channel, in the order the backfill goes. */
async function readPage(rest: REST, b: Backfill): Promise<RawMessage[]> {
  const query = new URLSearchParams({ limit: String(PAGE) });
  if (b.order === 'newest') {
    if (b.cursor) query.set('before', b.cursor);
  } else query.set('after', b.cursor ?? b.since ?? '0');
  const page = (await rest.get(Routes.channelMessages(b.channelId), { query })) as RawMessage[];
  // Discord answers newest first, whichever the anchor.
  const sorted = [...page].sort((x, y) => (BigInt(x.id) < BigInt(y.id) ? -1 : 1));
  return b.order === 'newest' ? sorted.reverse() : sorted;
}

/** Whether a message is past where a newest-first backfill was asked to stop. */
const pastSince = (b: Backfill, id: string) =>
  b.order === 'newest' && b.since !== null && BigInt(id) <= BigInt(b.since);

/**
 * The post a message's files go into, as the channel's watch would make it (a channel not
 * watched: as a new watch would, hidden): adult files and hidden or private ones always in one.
 */
export function backfillPost(watch: Watch | null, files: Attachment[], nsfwChannel: boolean) {
  const w = watch ?? { mode: 'media', visibility: 'hidden' };
  const nsfw = nsfwChannel || files.some((f) => f.spoiler);
  const restricted = w.visibility !== 'public';
  if (!nsfw && !restricted && w.mode === 'media') return null;
  const post: PostOptions = {
    ...(nsfw ? { nsfw: true } : {}),
    ...(restricted ? { visibility: w.visibility } : {}),
  };
  return post;
}

type Step = { kind: 'next' } | { kind: 'done' } | { kind: 'paused'; until: number };

/** Queues one message's files; the counts move, or the quota's reset is returned. */
async function backfillMessage(
  deps: BackfillDeps,
  b: Backfill,
  m: RawMessage,
  watch: Watch | null,
) {
  const files = filesOfRaw(m);
  if (files.length === 0 || m.author.bot || m.webhook_id) return null;
  b.found += files.length;
  const known = await Promise.all(files.map((f) => deps.store.uploads.getUpload(f.id)));
  if (known.every(Boolean)) {
    b.skipped += files.length;
    return null;
  }
  try {
    const queued = await deps.producer.enqueueRehost({
      requestId: `msg-${m.id}`,
      attachments: files,
      requester: { guildId: b.guildId, channelId: b.channelId, userId: m.author.id },
      replyTarget: { type: 'none' },
      post: backfillPost(watch, files, b.nsfw),
    });
    b.queued += queued.accepted.length;
    b.skipped += queued.duplicate ? files.length : queued.refused.length;
    return null;
  } catch (err) {
    if (!(err instanceof QuotaExceededError) || err.scope === 'refusals') throw err;
    b.found -= files.length; // read again once the quota resets
    return err.resetsAt.getTime();
  }
}

/** Reads and queues one page; what comes next. */
async function backfillPage(deps: BackfillDeps, b: Backfill): Promise<Step> {
  const page = await readPage(deps.rest, b);
  const watch = await deps.store.watches.get(b.guildId, b.channelId);
  for (const m of page) {
    if (pastSince(b, m.id)) return { kind: 'done' };
    const until = await backfillMessage(deps, b, m, watch);
    if (until !== null) return { kind: 'paused', until };
    b.cursor = m.id;
  }
  b.pages += 1;
  return page.length < PAGE ? { kind: 'done' } : { kind: 'next' };
}

/** Waits in Redis until `at`, holding no worker (the run ends here). */
async function waitUntil(job: Job, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(Math.max(Date.now() + 1, at), token);
  throw new DelayedError();
}

/** Saves the page's work and says where it stands; then waits for the next run, or ends. */
async function finishRun(
  deps: BackfillDeps,
  job: Job,
  token: string | undefined,
  b: Backfill,
  step: Step,
): Promise<string> {
  if (step.kind === 'paused') Object.assign(b, { status: 'paused', pausedUntil: step.until });
  const { cursor, found, queued, skipped, pages, status, pausedUntil, resumedAt } = b;
  const saved = await deps.store.backfills.update(b.channelId, {
    ...{ cursor, found, queued, skipped, pages, status, pausedUntil, resumedAt },
  });
  if (!saved) {
    // Stopped meanwhile: the stop is the outcome.
    const stopped = await deps.store.backfills.get(b.channelId);
    if (stopped) await deps.report(stopped);
    return 'stopped';
  }
  if (step.kind === 'done') {
    await deps.store.backfills.end(b.channelId, 'done');
    await deps.report({ ...b, status: 'done' });
    deps.log.info(
      { guildId: b.guildId, channelId: b.channelId, found, queued, skipped, pages },
      'backfill done',
    );
    return 'done';
  }
  await deps.report(b);
  return waitUntil(job, token, step.kind === 'paused' ? step.until : Date.now());
}

/** Discord refused to show the channel (gone, or the bot lost its access): the backfill ends. */
const isRefused = (err: unknown) => {
  const status = (err as { status?: number }).status;
  return status === 403 || status === 404;
};

/** One run of a backfill's job: a page, then wait in Redis for the next run. */
export function backfillProcessor(deps: BackfillDeps) {
  return async function processBackfill(job: Job, token?: string): Promise<string> {
    const { channelId } = backfillJobSchema.parse(job.data);
    const b = await deps.store.backfills.get(channelId);
    if (!b || (b.status !== 'running' && b.status !== 'paused')) {
      if (b) await deps.report(b);
      return b?.status ?? 'gone';
    }
    // The uploads of earlier pages go first: the queue never holds the whole history.
    const waiting = await deps.store.backlog.count({ guildId: b.guildId, userId: b.startedBy });
    if (waiting > MAX_BACKLOG) return waitUntil(job, token, Date.now() + BACKLOG_WAIT_MS);
    const resumed = b.status === 'paused';
    Object.assign(b, { status: 'running', pausedUntil: null });
    // Its quota reset: the progress message says it goes on.
    if (resumed) await deps.report(Object.assign(b, { resumedAt: Date.now() }));
    try {
      return await finishRun(deps, job, token, b, await backfillPage(deps, b));
    } catch (err) {
      if (err instanceof DelayedError || !isRefused(err)) throw err;
      deps.log.warn(
        { err, guildId: b.guildId, channelId },
        'backfill ended: Discord refused the channel',
      );
      await deps.store.backfills.end(channelId, 'failed');
      await deps.report({ ...b, status: 'failed' });
      return 'failed';
    }
  };
}

export type BackfillQueue = ReturnType<typeof createBackfillQueue>;

/** Where backfills are started. `connection` may be shared. */
export function createBackfillQueue(options: { connection: Redis; bullPrefix: string }) {
  const queue = new Queue(QUEUE_BACKFILL, {
    connection: options.connection,
    prefix: options.bullPrefix,
  });
  queue.on('error', () => undefined);
  return {
    /** Queues the channel's backfill (its record is already started). */
    async start(channelId: string) {
      const jobId = backfillJobId(channelId);
      // A finished job of an earlier backfill of the channel would keep the id taken.
      await queue.remove(jobId).catch(() => undefined);
      await queue.add(
        'backfill',
        { channelId },
        {
          jobId,
          attempts: 5,
          backoff: { type: 'exponential', delay: 5_000 },
          removeOnComplete: true,
          removeOnFail: { age: 7 * 86_400 },
        },
      );
    },
    /** Runs a waiting backfill's next page now (a stop is then seen at once). */
    async wake(channelId: string) {
      const job = await queue.getJob(backfillJobId(channelId));
      if (job && (await job.isDelayed())) await job.promote().catch(() => undefined);
    },
    close: () => queue.close(),
  };
}

/** The backfill worker: `connection` is its own. One page at a time per channel. */
export function createBackfillWorker(
  deps: BackfillDeps,
  options: { connection: Redis; bullPrefix: string; lockDurationMs: number },
) {
  const worker = new Worker(QUEUE_BACKFILL, backfillProcessor(deps), {
    connection: options.connection,
    prefix: options.bullPrefix,
    concurrency: 2,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.lockDurationMs,
    maxStalledCount: 3,
  });
  // A lost Redis is said once a window by the connection's own voice (src/ops/redis-outage.ts).
  worker.on('error', (err) => {
    if (connectionFailure(err) !== null) return;
    deps.log.error({ err, queue: worker.name }, 'worker error');
  });
  return {
    isRunning: () => worker.isRunning(),
    async close(graceMs: number) {
      const timer = setTimeout(() => worker.cancelAllJobs('shutdown'), graceMs);
      try {
        await worker.close();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
