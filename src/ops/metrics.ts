import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PipelineEvent } from '../request.js';

/**
 * The process's Prometheus registry (prom-client, one per process, never the global one): Node's
 * default process metrics (CPU, memory, event loop lag, GC, handles) and the bot's own under
 * `imgpile_bot_`. Each process serves its own; Prometheus adds them up across processes (the
 * dashboard and alert rules in docs/ do), which is how separate processes are aggregated.
 */
export function createMetrics(prefix = 'imgpile_bot') {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const collectors: (() => Promise<void>)[] = [];
  const registers = [registry];
  return {
    registry,
    counter: <L extends string>(name: string, help: string, labelNames: L[] = []) =>
      new Counter<L>({ name: `${prefix}_${name}`, help, labelNames, registers }),
    gauge: <L extends string>(name: string, help: string, labelNames: L[] = []) =>
      new Gauge<L>({ name: `${prefix}_${name}`, help, labelNames, registers }),
    histogram: <L extends string>(name: string, help: string, labelNames: L[], buckets: number[]) =>
      new Histogram<L>({ name: `${prefix}_${name}`, help, labelNames, buckets, registers }),
    /** Runs before each scrape (queue depths are read from Redis then). */
    collect(fn: () => Promise<void>) {
      collectors.push(fn);
    },
    async render(): Promise<string> {
      await Promise.all(collectors.map((c) => c().catch(() => undefined)));
      return registry.metrics();
    },
    contentType: registry.contentType,
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** The bot's own metrics, fed by pipeline events, the producer and the dispatcher. */
export function createBotMetrics() {
  const m = createMetrics();
  const setupProblem = m.gauge(
    'setup_problem',
    'A setting the operator must fix, by variable: 1 while imgpile refuses IMGPILE_TOKEN.',
    ['variable'],
  );
  setupProblem.set({ variable: 'IMGPILE_TOKEN' }, 0);
  return {
    registry: m,
    files: m.counter('files_total', 'Files processed by workers, by result and reason.', [
      'reason',
      'result',
    ]),
    bytes: m.counter('uploaded_bytes_total', 'Bytes streamed to imgpile.'),
    requests: m.counter('requests_completed_total', 'Rehost requests finished by workers.'),
    failedJobs: m.counter('jobs_failed_total', 'Jobs that failed after every attempt, by queue.', [
      'queue',
    ]),
    rateLimitWaits: m.counter(
      'rate_limit_waits_total',
      'Times a job waited for an imgpile request slot.',
    ),
    rateLimitWaitSeconds: m.counter(
      'rate_limit_wait_seconds_total',
      'Time jobs were told to wait for a slot.',
    ),
    imgpile429: m.counter('imgpile_429_total', '429 answers received from imgpile.'),
    quotaRefusals: m.counter(
      'quota_refusals_total',
      'Requests refused for a daily quota, by scope.',
      ['scope'],
    ),
    discordInvalid: m.counter(
      'discord_invalid_requests_total',
      'Requests Discord answered 401, 403 or 429 (at 10,000 in 10 minutes it bans the IP).',
    ),
    discordInvalidWindow: m.gauge(
      'discord_invalid_requests_window',
      "This process's requests Discord answered 401, 403 or 429 in the current 10-minute window (read at scrape time).",
    ),
    queueDepth: m.gauge('queue_jobs', 'Jobs in each queue by state (read at scrape time).', [
      'queue',
      'state',
    ]),
    setupProblem,
    catchupMissed: m.counter(
      'catchup_missed_total',
      'Messages with files posted in watched channels while the bot was away, found and queued by catch-up.',
    ),
    catchupExpired: m.counter(
      'catchup_expired_before_rehost_total',
      'Messages catch-up found whose files were past saving (deleted, or links Discord no longer refreshes).',
    ),
    rateLimitWindow: m.gauge(
      'rate_limit_window_requests',
      'Authenticated imgpile requests granted in the trailing window, across every process (read at scrape time).',
    ),
    interactions: m.histogram(
      'interaction_duration_seconds',
      'Time from receiving an interaction to its handler finishing, by kind and outcome.',
      ['kind', 'outcome'],
      [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    ),
    rehostLatency: m.histogram(
      'rehost_latency_seconds',
      'Time from a rehost request being queued to its reply delivered.',
      [],
      [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 900],
    ),
    uploadDuration: m.histogram(
      'upload_duration_seconds',
      'Time one file took from its source to imgpile (download and upload in one pass).',
      [],
      [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300],
    ),
  };
}
export type BotMetrics = ReturnType<typeof createBotMetrics>;

/** Counts what the pipeline reports. */
export function recordPipelineEvent(m: BotMetrics, e: PipelineEvent): void {
  switch (e.type) {
    case 'file_uploaded':
      m.files.inc({ reason: 'none', result: e.reused ? 'reused' : 'uploaded' });
      m.bytes.inc(e.bytes);
      if (e.ms !== undefined) m.uploadDuration.observe(e.ms / 1000);
      break;
    case 'file_failed':
      m.files.inc({ reason: e.code, result: 'failed' });
      break;
    case 'rate_limit_wait':
      m.rateLimitWaits.inc();
      m.rateLimitWaitSeconds.inc(e.waitMs / 1000);
      break;
    case 'imgpile_429':
      m.imgpile429.inc();
      break;
    case 'request_completed':
      m.requests.inc();
      m.rehostLatency.observe(e.latencyMs / 1000);
      break;
    case 'job_failed':
      m.failedJobs.inc({ queue: e.queue });
      break;
    case 'quota_refused':
      m.quotaRefusals.inc({ scope: e.scope });
      break;
    case 'discord_invalid_request':
      m.discordInvalid.inc();
      break;
    case 'catchup':
      m.catchupMissed.inc(e.missed);
      m.catchupExpired.inc(e.expired);
      break;
    case 'setup_problem':
      m.setupProblem.set({ variable: e.variable }, e.present ? 1 : 0);
      break;
  }
}
