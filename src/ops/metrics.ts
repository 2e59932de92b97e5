import type { PipelineEvent } from '../queue/jobs.js';

/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format. Enough for this bot; no global state (one registry per process).
 */
type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map(
      (k) =>
        `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',');
}

type Metric = {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  render: () => string[];
};

const series = (full: string, k: string) => `${full}${k ? `{${k}}` : ''}`;

function counter(metrics: Metric[], full: string, help: string) {
  const values = new Map<string, number>();
  metrics.push({
    name: full,
    help,
    type: 'counter',
    render: () => [...values].map(([k, v]) => `${series(full, k)} ${v}`),
  });
  return {
    inc(labels: Labels = {}, by = 1) {
      const k = key(labels);
      values.set(k, (values.get(k) ?? 0) + by);
    },
    get: (labels: Labels = {}) => values.get(key(labels)) ?? 0,
  };
}

function gauge(metrics: Metric[], full: string, help: string) {
  const values = new Map<string, number>();
  metrics.push({
    name: full,
    help,
    type: 'gauge',
    render: () => [...values].map(([k, v]) => `${series(full, k)} ${v}`),
  });
  return {
    set(labels: Labels, value: number) {
      values.set(key(labels), value);
    },
  };
}

function histogram(metrics: Metric[], full: string, help: string, buckets: number[]) {
  const all = new Map<string, { counts: number[]; sum: number; count: number; labels: Labels }>();
  metrics.push({
    name: full,
    help,
    type: 'histogram',
    render: () =>
      [...all.values()].flatMap((s) => {
        const lines = buckets.map(
          (b, i) => `${full}_bucket{${key({ ...s.labels, le: String(b) })}} ${s.counts[i]}`,
        );
        lines.push(`${full}_bucket{${key({ ...s.labels, le: '+Inf' })}} ${s.count}`);
        const k = key(s.labels);
        lines.push(`${series(`${full}_sum`, k)} ${s.sum}`);
        lines.push(`${series(`${full}_count`, k)} ${s.count}`);
        return lines;
      }),
  });
  return {
    observe(labels: Labels, value: number) {
      const k = key(labels);
      let s = all.get(k);
      if (!s) {
        s = { counts: buckets.map(() => 0), sum: 0, count: 0, labels };
        all.set(k, s);
      }
      buckets.forEach((b, i) => {
        if (value <= b) s.counts[i]! += 1;
      });
      s.sum += value;
      s.count += 1;
    },
  };
}

export function createMetrics(prefix = 'imgpile_bot') {
  const metrics: Metric[] = [];
  const collectors: (() => Promise<void>)[] = [];
  return {
    counter: (name: string, help: string) => counter(metrics, `${prefix}_${name}`, help),
    gauge: (name: string, help: string) => gauge(metrics, `${prefix}_${name}`, help),
    histogram: (name: string, help: string, buckets: number[]) =>
      histogram(metrics, `${prefix}_${name}`, help, buckets),
    /** Runs before each scrape (queue depths are read from Redis then). */
    collect(fn: () => Promise<void>) {
      collectors.push(fn);
    },
    async render(): Promise<string> {
      await Promise.all(collectors.map((c) => c().catch(() => undefined)));
      return `${metrics
        .flatMap((m) => [`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`, ...m.render()])
        .join('\n')}\n`;
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/** The bot's own metrics, fed by pipeline events, the producer and the dispatcher. */
export function createBotMetrics() {
  const registry = createMetrics();
  return {
    registry,
    files: registry.counter('files_total', 'Files processed by workers, by result and reason.'),
    bytes: registry.counter('uploaded_bytes_total', 'Bytes streamed to imgpile.'),
    requests: registry.counter('requests_completed_total', 'Rehost requests finished by workers.'),
    failedJobs: registry.counter(
      'jobs_failed_total',
      'Jobs that failed after every attempt, by queue.',
    ),
    rateLimitWaits: registry.counter(
      'rate_limit_waits_total',
      'Times a job waited for an imgpile request slot.',
    ),
    rateLimitWaitSeconds: registry.counter(
      'rate_limit_wait_seconds_total',
      'Time jobs were told to wait for a slot.',
    ),
    imgpile429: registry.counter('imgpile_429_total', '429 answers received from imgpile.'),
    quotaRefusals: registry.counter(
      'quota_refusals_total',
      'Requests refused for a daily quota, by scope.',
    ),
    discordInvalid: registry.counter(
      'discord_invalid_requests_total',
      'Requests Discord answered 401, 403 or 429 (at 10,000 in 10 minutes it bans the IP).',
    ),
    discordInvalidWindow: registry.gauge(
      'discord_invalid_requests_window',
      "This process's requests Discord answered 401, 403 or 429 in the current 10-minute window (read at scrape time).",
    ),
    queueDepth: registry.gauge('queue_jobs', 'Jobs in each queue by state (read at scrape time).'),
    setupProblem: registry.gauge(
      'setup_problem',
      'A setting the operator must fix, by variable: 1 while imgpile refuses IMGPILE_TOKEN.',
    ),
    rateLimitWindow: registry.gauge(
      'rate_limit_window_requests',
      'Authenticated imgpile requests granted in the trailing window, across every process (read at scrape time).',
    ),
    interactions: registry.histogram(
      'interaction_duration_seconds',
      'Time from receiving an interaction to its handler finishing, by kind and outcome.',
      [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    ),
  };
}
export type BotMetrics = ReturnType<typeof createBotMetrics>;

/** Counts what the pipeline reports. */
export function recordPipelineEvent(m: BotMetrics, e: PipelineEvent): void {
  switch (e.type) {
    case 'file_uploaded':
      m.files.inc({ result: e.reused ? 'reused' : 'uploaded', reason: 'none' });
      m.bytes.inc({}, e.bytes);
      break;
    case 'file_failed':
      m.files.inc({ result: 'failed', reason: e.code });
      break;
    case 'rate_limit_wait':
      m.rateLimitWaits.inc();
      m.rateLimitWaitSeconds.inc({}, e.waitMs / 1000);
      break;
    case 'imgpile_429':
      m.imgpile429.inc();
      break;
    case 'request_completed':
      m.requests.inc();
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
    case 'setup_problem':
      m.setupProblem.set({ variable: e.variable }, e.present ? 1 : 0);
      break;
  }
}
