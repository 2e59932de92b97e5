import { Events, Status } from 'discord.js';
import { commands } from '../commands/index.js';
import type { Config } from './config.js';
import { createDiscordClient } from './discord/client.js';
import type { BotContext } from './discord/context.js';
import { createDispatcher, type InteractionObserver } from './discord/dispatcher.js';
import { registerWatchListener } from './discord/listeners.js';
import { createDiscordReplies } from './discord/replies.js';
import { createDiscordRest, createUrlRefresher } from './discord/rest.js';
import { createImgpileClient } from './imgpile/index.js';
import { imgpileLinks } from './imgpile/links.js';
import { createQuotas } from './limits/quotas.js';
import { limiterFeedback } from './limits/feedback.js';
import { createRateLimiter } from './limits/rate-limiter.js';
import type { Logger } from './logger.js';
import type { WorkerContext } from './queue/context.js';
import type { Delivery, PipelineEvent } from './queue/jobs.js';
import { createJobPolicy } from './queue/policy.js';
import { createRehostProducer, type RehostProducer } from './queue/producer.js';
import { createRehostWorkers } from './queue/workers.js';
import { createRedis, type Redis } from './redis.js';
import { bullPrefix, createStore } from './store/index.js';

/** imgpile's limit on public (unauthenticated) reads: 30 a minute per IP. */
const PUBLIC_READS_PER_MINUTE = 30;

function logConnectionErrors(redis: Redis, log: Logger): Redis {
  redis.on('error', (err) => log.warn({ err: { message: err.message } }, 'redis connection error'));
  return redis;
}

/**
 * Everything both roles share, built once from the configuration: the one bag of dependencies
 * that producers, processors, commands and replies take what they need from.
 */
export function createServices(
  config: Config,
  log: Logger,
  hooks: { onEvent?: (e: PipelineEvent) => void } = {},
) {
  const redis = logConnectionErrors(
    createRedis(config.redisUrl, { connectionName: 'imgpile-bot' }),
    log,
  );
  const prefix = config.redisPrefix;
  const limiterOptions = { redis, prefix, windowMs: config.rateLimit.windowMs };
  /** The shared budget of authenticated imgpile requests, across every process. */
  const limiter = createRateLimiter({
    ...limiterOptions,
    token: config.imgpile.token,
    limit: config.rateLimit.requestsPerMinute,
  });
  /** Public reads (the feed, post view) have their own, smaller budget. */
  const publicLimiter = createRateLimiter({
    ...limiterOptions,
    token: 'public',
    limit: PUBLIC_READS_PER_MINUTE,
  });
  const imgpile = createImgpileClient({
    ...config.imgpile,
    onResponse: limiterFeedback({ authenticated: limiter, public: publicLimiter }, log),
  });
  return {
    config,
    log,
    redis,
    bullPrefix: bullPrefix(prefix),
    store: createStore(redis, prefix, { retentionDays: config.retention.recordsDays }),
    quotas: createQuotas({ redis, prefix, limits: config.quotas }),
    limiter,
    publicLimiter,
    imgpile,
    links: imgpileLinks(config.imgpile.apiUrl),
    discordRest: createDiscordRest({ token: config.discord.token, apiUrl: config.discord.apiUrl }),
    /** Reports a pipeline event (metrics, tests); a failing observer never breaks the pipeline. */
    emit(event: PipelineEvent) {
      try {
        hooks.onEvent?.(event);
      } catch {
        // metrics must never break the pipeline
      }
    },
    async close() {
      await imgpile.close();
      redis.disconnect();
    },
  };
}
export type Services = ReturnType<typeof createServices>;

export function startProducer(services: Services): RehostProducer {
  return createRehostProducer(services);
}

/** The worker's replies: Discord's REST API only. */
export function createReplies(services: Services) {
  return createDiscordReplies({
    rest: services.discordRest,
    store: services.store,
    log: services.log,
  });
}

export function startWorkers(
  services: Services,
  deliver: (delivery: Delivery) => Promise<void>,
  onProgress?: WorkerContext['onProgress'],
) {
  const { config, log } = services;
  // Workers block on Redis: they get a connection of their own.
  const connection = logConnectionErrors(
    createRedis(config.redisUrl, { connectionName: 'imgpile-bot-worker' }),
    log,
  );
  const ctx: WorkerContext = {
    ...services,
    policy: createJobPolicy(services),
    download: {
      allowedHosts: config.attachmentHosts,
      maxBytes: config.maxFileBytes,
      refreshUrl: createUrlRefresher(services.discordRest, log),
    },
    lockDurationMs: config.worker.lockMs,
    deliver,
    onProgress,
  };
  const workers = createRehostWorkers(ctx, {
    connection,
    bullPrefix: services.bullPrefix,
    concurrency: config.worker.concurrency,
  });
  return {
    ...workers,
    async close(graceMs: number) {
      await workers.close(graceMs);
      connection.disconnect();
    },
  };
}

/** discord.js's own sharding: 'auto' asks Discord how many shards this bot needs. */
function shardOptions(shards: Config['discord']['shards']) {
  return shards === 'auto'
    ? { shards: 'auto' as const }
    : { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}

/**
 * The bot role: the gateway connection, the interaction dispatcher and the watch listener.
 * Resolves once the client is ready.
 */
export async function startBot(
  services: Services,
  producer: RehostProducer,
  options: { observe?: InteractionObserver } = {},
) {
  const { config } = services;
  const log = services.log.child({ subsystem: 'bot' });
  const client = createDiscordClient({
    apiUrl: config.discord.apiUrl,
    extra: shardOptions(config.discord.shards),
  });
  const ctx: BotContext = { ...services, producer };
  const dispatch = createDispatcher(commands, ctx, options.observe);
  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  registerWatchListener(client, ctx);
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn({ shardId, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'gateway reconnecting'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.discord.token);
  await ready;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  return {
    client,
    ctx,
    /** Every shard is connected and ready (for the health check). */
    isReady: () => client.isReady() && client.ws.status === Status.Ready,
    async close() {
      await client.destroy();
    },
  };
}
