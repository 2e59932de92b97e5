import { commands } from '../commands/index.js';
import { createLinkedAccounts } from './accounts/linked.js';
import type { Config } from './config.js';
import { startDiscordBot, type BotOptions } from './discord/bot.js';
import { followWatches } from './discord/core/watch-follow.js';
import { createWatchedChannels } from './discord/core/watched.js';
import type { BotContext } from './discord/core/context.js';
import {
  countInvalidRequests,
  createDiscordRest,
  createUrlRefresher,
} from './discord/core/rest.js';
import { createBackfillReporter } from './discord/replies/backfill.js';
import { createDiscordReplies } from './discord/replies/deliver.js';
import { createImgpileClient } from './imgpile/index.js';
import { imgpileLinks } from './imgpile/links.js';
import { createChannelEdits } from './limits/channel-edits.js';
import { limiterFeedback } from './limits/feedback.js';
import { createQuotas } from './limits/quotas.js';
import { createRateLimiter } from './limits/rate-limiter.js';
import type { Logger } from './logger.js';
import { createBackfillQueue, createBackfillWorker } from './queue/background/backfill.js';
import type { WorkerContext } from './queue/context.js';
import {
  createFollowUpQueue,
  createFollowUpWorker,
  type FollowUpRunner,
} from './queue/background/followups.js';
import { createJobPolicy } from './queue/policy.js';
import { createRehostProducer, type RehostProducer } from './queue/producer.js';
import { createRehostWorkers } from './queue/workers.js';
import { watchBotToken } from './ops/imgpile-token.js';
import { createRedisOutage, type RedisOutage } from './ops/redis-outage.js';
import { FAIL_FAST, createRedis, type Redis, type RedisOptions } from './redis.js';
import type { LinkOptions } from './rehost/open.js';
import { createHostLookup } from './rehost/url-lookup.js';
import type { Delivery, PipelineEvent } from './request.js';
import { bullPrefix, createStore } from './store/index.js';
import { createWatchIndex } from './store/watching/watch-index.js';

/** imgpile's limit on public (unauthenticated) reads: 30 a minute per IP. */
const PUBLIC_READS_PER_MINUTE = 30;

/** A connection whose lost-Redis errors go to the process's one outage voice. */
function connect(
  config: Config,
  log: Logger,
  outage: RedisOutage,
  name: string,
  options: RedisOptions = {},
): Redis {
  const redis = createRedis(config.redisUrl, { connectionName: name, ...options });
  // Only a connection that was lost ends an outage (not a first handshake racing the loss).
  let lost = false;
  redis.on('error', (err) => {
    if (outage.report(err)) lost = true;
    else log.warn({ err: { message: err.message } }, 'redis connection error');
  });
  redis.on('ready', () => lost && outage.ready());
  return redis;
}

/** What lives in Redis, over one connection: records, quotas and both request budgets. */
function overRedis(config: Config, redis: Redis, now?: () => Date) {
  const prefix = config.redisPrefix;
  const limiterOptions = { redis, prefix, windowMs: config.rateLimit.windowMs };
  return {
    redis,
    store: createStore(redis, prefix, { retentionDays: config.retention.recordsDays }),
    quotas: createQuotas({ redis, prefix, limits: config.quotas, now }),
    /** The shared budget of authenticated imgpile requests, across every process. */
    limiter: createRateLimiter({
      ...limiterOptions,
      token: config.imgpile.token,
      limit: config.rateLimit.requestsPerMinute,
    }),
    /** Public reads (the feed, post view) have their own, smaller budget. */
    publicLimiter: createRateLimiter({
      ...limiterOptions,
      token: 'public',
      limit: PUBLIC_READS_PER_MINUTE,
    }),
  };
}

/** Everything both roles share, built once: the one bag of dependencies (its Redis patient). */
export function createServices(
  config: Config,
  log: Logger,
  hooks: { onEvent?: (e: PipelineEvent) => void; now?: () => Date } = {},
) {
  const redisOutage = createRedisOutage({ url: config.redisUrl, log });
  const shared = overRedis(config, connect(config, log, redisOutage, 'imgpile-bot'), hooks.now);
  const feedback = limiterFeedback(
    { authenticated: shared.limiter, public: shared.publicLimiter },
    log,
  );
  const tokenWatch = watchBotToken(log, (refused) =>
    emit({ type: 'setup_problem', variable: 'IMGPILE_TOKEN', present: refused }),
  );
  const imgpile = createImgpileClient({
    ...config.imgpile,
    onResponse: (info) => {
      feedback(info);
      tokenWatch(info);
    },
  });
  const accounts = createLinkedAccounts({ ...shared, config, imgpile, log });
  if (!accounts.enabled) log.info({ reason: accounts.problem }, 'linking imgpile accounts is off');
  /** Reports a pipeline event (metrics, tests); a failing observer never breaks the pipeline. */
  function emit(event: PipelineEvent) {
    try {
      hooks.onEvent?.(event);
    } catch {
      // metrics must never break the pipeline
    }
  }
  // One count for the process: the workers' REST client here, the gateway client's in startBot.
  const discordInvalidRequests = countInvalidRequests(log.child({ subsystem: 'discord' }), (n) =>
    emit({ type: 'discord_invalid_request', inWindow: n }),
  );
  const discordRest = createDiscordRest(config.discord);
  return {
    config,
    log,
    ...shared,
    bullPrefix: bullPrefix(config.redisPrefix),
    imgpile,
    /** Members' own imgpile accounts (linking off without ACCOUNT_ENCRYPTION_KEY). */
    accounts,
    links: imgpileLinks(config.imgpile.apiUrl),
    discordRest: discordInvalidRequests.watch(discordRest),
    discordInvalidRequests,
    /** Says, once a window, that Redis is lost (every connection of the process reports here). */
    redisOutage,
    emit,
    async close() {
      await imgpile.close();
      shared.redis.disconnect();
    },
  };
}
export type Services = ReturnType<typeof createServices>;

export function startProducer(services: Services): RehostProducer {
  return createRehostProducer(services);
}

/** The worker's replies: Discord's REST API only, and the queue of their follow-ups. */
export function createReplies(services: Services) {
  const followUps = createFollowUpQueue({
    connection: services.redis,
    bullPrefix: services.bullPrefix,
  });
  const replies = createDiscordReplies({
    rest: services.discordRest,
    store: services.store,
    log: services.log,
    imgpile: services.imgpile,
    limiter: services.limiter,
    channelEdits: createChannelEdits(services.redis, services.config.redisPrefix),
    followUps,
  });
  return { ...replies, close: () => followUps.close() };
}

/** The worker that looks at replies again when their time comes (its own Redis connection). */
export function startFollowUps(services: Services, lookAgain: FollowUpRunner) {
  const { config, log } = services;
  const connection = connect(config, log, services.redisOutage, 'imgpile-bot-followups');
  const worker = createFollowUpWorker(lookAgain, {
    connection,
    bullPrefix: services.bullPrefix,
    concurrency: Math.max(2, config.worker.concurrency),
    lockDurationMs: config.worker.lockMs,
    log,
  });
  return {
    isRunning: worker.isRunning,
    async close(graceMs: number) {
      await worker.close(graceMs);
      connection.disconnect();
    },
  };
}

/** The worker that reads channels' histories, a page at a time (`/imgpile watch backfill`). */
export function startBackfills(services: Services) {
  const { config, log, store, discordRest: rest } = services;
  const connection = connect(config, log, services.redisOutage, 'imgpile-bot-backfill');
  const producer = createRehostProducer(services);
  const channelEdits = createChannelEdits(services.redis, config.redisPrefix);
  const perMinute = config.rateLimit.requestsPerMinute;
  const report = createBackfillReporter({ rest, store, channelEdits, log, perMinute });
  const worker = createBackfillWorker(
    { store, producer, rest, log, report },
    { connection, bullPrefix: services.bullPrefix, lockDurationMs: config.worker.lockMs },
  );
  const close = async (graceMs: number) => {
    await worker.close(graceMs);
    await producer.close();
    connection.disconnect();
  };
  return { isRunning: worker.isRunning, close };
}

export function startWorkers(
  services: Services,
  deliver: (delivery: Delivery) => Promise<void>,
  onProgress?: WorkerContext['onProgress'],
  /** Tests only: the network links are fetched over (name resolution, dialling). */
  network: Pick<LinkOptions, 'lookup' | 'connect'> = {},
) {
  const { config, log } = services;
  // Workers block on Redis: they get a connection of their own.
  const connection = connect(config, log, services.redisOutage, 'imgpile-bot-worker');
  const ctx: WorkerContext = {
    ...services,
    policy: createJobPolicy(services),
    download: {
      allowedHosts: config.attachmentHosts,
      maxBytes: config.maxFileBytes,
      refreshUrl: createUrlRefresher(services.discordRest, log),
      // Link hosts by DNS (c-ares), never the thread pool; a few lookups per slot at most.
      links: {
        ...config.urls,
        lookup: createHostLookup({ maxInFlight: 2 * config.worker.concurrency }),
        ...network,
      },
    },
    lockDurationMs: config.worker.lockMs,
    deliver,
    onProgress,
  };
  const workers = createRehostWorkers(ctx, {
    connection,
    bullPrefix: services.bullPrefix,
    concurrency: config.worker.concurrency,
    onConnectionError: (err) => services.redisOutage.report(err),
  });
  return {
    ...workers,
    async close(graceMs: number) {
      await workers.close(graceMs);
      connection.disconnect();
    },
  };
}

/**
 * The bot role: the gateway connection, the commands and the watch listener. Commands get a
 * Redis connection of their own that fails fast: with Redis down they answer at once that
 * nothing was queued, instead of waiting until Discord's token expires. Resolves once ready.
 */
export async function startBot(services: Services, options: BotOptions = {}) {
  const { config, log, redisOutage } = services;
  const commandRedis = connect(config, log, redisOutage, 'imgpile-bot-commands', FAIL_FAST);
  const fast = overRedis(config, commandRedis, services.quotas.now);
  const accounts = createLinkedAccounts({ ...services, ...fast });
  const producer = createRehostProducer({ ...services, ...fast });
  const watched = createWatchedChannels(log.child({ subsystem: 'watches' }));
  const backfills = createBackfillQueue({
    connection: commandRedis,
    bullPrefix: services.bullPrefix,
  });
  const ctx: BotContext = {
    ...services,
    ...fast,
    accounts,
    producer,
    backfills,
    watched,
    features: { messageContent: false },
  };
  const subscriber = connect(config, log, redisOutage, 'imgpile-bot-watch-changes', {
    autoResubscribe: false,
  });
  const closeRest = async () => {
    await Promise.all([producer.close(), backfills.close()]);
    commandRedis.disconnect();
    subscriber.disconnect();
  };
  try {
    // Loaded before the gateway connects: the first GUILD_CREATE caches what is watched.
    const index = createWatchIndex(services.redis, config.redisPrefix);
    await followWatches({ subscriber, index, watched, log });
    const bot = await startDiscordBot(ctx, commands, { ...options, identifyRedis: services.redis });
    return {
      ...bot,
      async close() {
        await bot.close();
        await closeRest();
      },
    };
  } catch (err) {
    await closeRest();
    throw err;
  }
}
