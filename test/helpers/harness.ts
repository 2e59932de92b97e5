import { randomBytes } from 'node:crypto';
import { Job, Queue } from 'bullmq';
import {
  createReplies,
  createServices,
  startBackfills,
  startBot,
  startFollowUps,
  startProducer,
  startWorkers,
  type Services,
} from '../../src/app.js';
import { parseConfig, type Config } from '../../src/config.js';
import type { InteractionObserver } from '../../src/discord/core/dispatcher.js';
import { createLogger } from '../../src/logger.js';
import {
  QUEUE_FOLLOWUPS,
  QUEUE_REQUESTS,
  QUEUE_UPLOADS,
  requestJobId,
} from '../../src/queue/jobs.js';
import type { EnqueueInput } from '../../src/queue/producer.js';
import { deleteKeys } from '../../src/redis.js';
import type { RehostResult, Delivery, PipelineEvent } from '../../src/request.js';
import { startFakeDiscord } from '../fakes/discord.js';
import { startFakeImgpile, type FakeImgpileOptions } from '../fakes/imgpile.js';
import { CHANNEL, GUILD, IMGPILE_TOKEN, imgpileAccounts, testServer, USER } from './cast.js';
import { startRole, type RoleEntry, type RoleProcess } from './processes.js';

export type PipelineOptions = {
  env?: Record<string, string>;
  imgpile?: FakeImgpileOptions;
  /** Start workers in this process (default true). */
  workers?: boolean;
  /** Log the real discord.js client into the fake gateway; workers reply through Discord. */
  bot?: boolean;
  /** Options of the local Discord. */
  discord?: Parameters<typeof startFakeDiscord>[0];
  /** The Redis to use (tests: the run's private one; benches: their own). */
  redisUrl: string;
  /** LOG_LEVEL of the in-process services (default: TEST_LOG_LEVEL or silent). */
  logLevel?: string;
  /** The network links are fetched over, for in-process workers (a fake DNS, a dialler). */
  network?: Parameters<typeof startWorkers>[3];
  /** Where the in-process services' log lines go (default: stdout). */
  logTo?: { write(line: string): void };
  /** The clock of the in-process services' daily quotas (default: the real one). */
  now?: () => Date;
};

/**
 * The whole pipeline against local fakes and a Redis, under a random key prefix so test files
 * can share one Redis. Built through the same createServices as the real process; workers run
 * in this process or, for benches and process tests, as real worker processes. Shared by the
 * tests (test/helpers/pipeline.ts) and the benches.
 */
export async function startHarness(options: PipelineOptions) {
  const imgpileFake = await startFakeImgpile({
    users: { [IMGPILE_TOKEN]: imgpileAccounts.bot.username },
    requestsPerMinute: 100_000,
    ...options.imgpile,
  });
  const discord = await startFakeDiscord({ guilds: [testServer()], ...options.discord });
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const env: Record<string, string> = {
    DISCORD_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    IMGPILE_TOKEN,
    IMGPILE_API_URL: imgpileFake.apiUrl,
    IMGPILE_UPLOAD_URL: imgpileFake.uploadUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: prefix,
    ATTACHMENT_HOSTS: discord.cdnHost,
    IMGPILE_REQUESTS_PER_MINUTE: '100000',
    WORKER_RETRY_DELAY_MS: '50',
    WORKER_LOCK_MS: '5000',
    LOG_LEVEL: options.logLevel ?? process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  };
  const app = await startApp(options, env, discord.botToken);
  const queues = openQueues(app.services);
  const processes: RoleProcess[] = [];
  /** Starts `n` real worker processes (src/main.ts worker) on the same Redis and fakes. */
  async function startWorkerProcesses(n: number, entry?: RoleEntry): Promise<RoleProcess[]> {
    const started = [];
    for (let i = 0; i < n; i++)
      started.push(await startRole('worker', env, 'worker role started', entry));
    processes.push(...started);
    return started;
  }

  return {
    env,
    ...app,
    imgpile: imgpileFake,
    discord,
    ...queues,
    enqueue: enqueuer(app.producer),
    waitForResult: (requestId: string, timeoutMs?: number) =>
      waitForResult(queues.requestsQueue, requestId, timeoutMs),
    /** Resolves once no reply waits for a follow-up any more (each has run its last). */
    followUpsDone: (timeoutMs?: number) => followUpsDone(queues.followUpsQueue, timeoutMs),
    processes,
    startWorkerProcesses,
    /** Stops the bot role (the gateway goes quiet; what members post meanwhile stays in Discord). */
    async stopBot() {
      await app.bot?.close();
      app.bot = null;
    },
    /** Starts the bot role again on the same services (a restart). */
    async startBot() {
      app.bot = await startBot(app.services, {
        observe: (info) => app.handled.push(info),
      });
      return app.bot;
    },
    /** Successful uploads the local imgpile received. */
    created: () => imgpileFake.uploads.filter((u) => u.status === 201),
    async close() {
      await Promise.all(processes.map((w) => w.stop('SIGTERM')));
      await app.bot?.close();
      await app.workers?.close(1_000);
      await app.followUps?.close(1_000);
      await app.backfills?.close(1_000);
      await app.replies.close();
      await app.producer.close();
      await queues.requestsQueue.close();
      await queues.uploadsQueue.close();
      await queues.followUpsQueue.close();
      await deleteKeys(app.services.redis, prefix);
      await app.services.close();
      await imgpileFake.close();
      await discord.close();
    },
  };
}
export type Harness = Awaited<ReturnType<typeof startHarness>>;

/**
 * The services of the process under test, in this process: producer, workers (unless
 * `workers: false`) and the bot (with `bot: true`), with what they deliver and report.
 */
async function startApp(options: PipelineOptions, env: Record<string, string>, botToken: string) {
  const config: Config = parseConfig(env);
  const log = createLogger(
    { level: config.logLevel, secrets: [IMGPILE_TOKEN, botToken] },
    options.logTo,
  );
  const events: PipelineEvent[] = [];
  const services: Services = createServices(config, log, {
    onEvent: (e) => events.push(e),
    ...(options.now ? { now: options.now } : {}),
  });
  const producer = startProducer(services);
  const deliveries: Delivery[] = [];
  const replies = createReplies(services);
  const workers =
    options.workers === false
      ? null
      : startWorkers(
          services,
          async (d) => {
            deliveries.push(d);
            if (options.bot) await replies.deliver(d);
          },
          options.bot ? replies.progress : undefined,
          options.network,
        );
  // Replies are followed up where they are sent: by the in-process workers, through Discord.
  const followUps = workers && options.bot ? startFollowUps(services, replies.lookAgain) : null;
  const backfills = workers && options.bot ? startBackfills(services) : null;
  /** Interactions the bot has finished handling (its dispatcher's observer), in order. */
  const handled: Parameters<InteractionObserver>[0][] = [];
  const bot = options.bot
    ? await startBot(services, { observe: (info) => handled.push(info) })
    : null;
  return {
    config,
    services,
    producer,
    workers,
    followUps,
    backfills,
    replies,
    bot,
    deliveries,
    events,
    handled,
  };
}

function openQueues(services: Services) {
  const requestsQueue = new Queue(QUEUE_REQUESTS, {
    connection: services.redis,
    prefix: services.bullPrefix,
  });
  const uploadsQueue = new Queue(QUEUE_UPLOADS, {
    connection: services.redis,
    prefix: services.bullPrefix,
  });
  const followUpsQueue = new Queue(QUEUE_FOLLOWUPS, {
    connection: services.redis,
    prefix: services.bullPrefix,
  });
  // A restarted Redis (in the tests that do it) must not print errors for these.
  for (const q of [requestsQueue, uploadsQueue, followUpsQueue]) q.on('error', () => undefined);
  return { requestsQueue, uploadsQueue, followUpsQueue };
}

/** Enqueues a rehost as alice in #general of the test server, unless told otherwise. */
function enqueuer(producer: ReturnType<typeof startProducer>) {
  let counter = 0;
  return (input: Partial<EnqueueInput> & Pick<EnqueueInput, 'attachments'>) => {
    counter += 1;
    return producer.enqueueRehost({
      requester: { guildId: GUILD, channelId: CHANNEL, userId: USER },
      replyTarget: { type: 'none' },
      requestId: `req-${counter}-${randomBytes(3).toString('hex')}`,
      ...input,
    });
  };
}

/** Polls the request job until it completes; returns its result. */
async function waitForResult(
  requestsQueue: Queue,
  requestId: string,
  timeoutMs = 20_000,
): Promise<RehostResult> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await Job.fromId(requestsQueue, requestJobId(requestId));
    if (job) {
      const state = await job.getState();
      // Read it again: it may have completed between the read above and getState().
      if (state === 'completed')
        return (await Job.fromId(requestsQueue, job.id!))!.returnvalue as RehostResult;
      if (state === 'failed') throw new Error(`request ${requestId} failed: ${job.failedReason}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`request ${requestId} did not finish within ${timeoutMs} ms`);
}

/**
 * Waits until `atLeast` follow-up jobs have run and none is waiting: a reply is sent before its
 * follow-up is queued, so an empty queue alone does not mean the follow-up is done.
 */
async function followUpsDone(queue: Queue, timeoutMs = 30_000, atLeast = 1): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await queue.getJobCounts(
      'waiting',
      'delayed',
      'active',
      'prioritized',
      'completed',
      'failed',
    );
    const { completed = 0, failed = 0, ...pending } = counts;
    if (completed + failed >= atLeast && Object.values(pending).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`follow-ups still pending after ${timeoutMs} ms`);
}
