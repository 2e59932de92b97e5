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
import { createQuotas } from './limits/quotas.js';
import { createRateLimiter } from './limits/rate-limiter.js';
import type { Logger } from './logger.js';
import { createRehostProducer } from './queue/producer.js';
import { createRehostWorkers, type Delivery, type PipelineEvent } from './queue/workers.js';
import { createRedis } from './redis.js';
import { createRecords } from './store/records.js';
import { createWatches } from './store/watches.js';

/**
 * Everything both roles share, built once from the configuration: Redis, the imgpile client,
 * the shared limiter, quotas and records, and Discord's REST client.
 */
export function createServices(
  config: Config,
  log: Logger,
  hooks: { onEvent?: (e: PipelineEvent) => void } = {},
) {
  const redis = createRedis(config.redisUrl, { connectionName: 'imgpile-bot' });
  redis.on('error', (err) => log.warn({ err: { message: err.message } }, 'redis connection error'));
  const namespace = config.redisPrefix;
  const bullPrefix = `${config.redisPrefix}:bull`;
  const imgpile = createImgpileClient(config.imgpile);
  const limiter = createRateLimiter({
    redis,
    namespace,
    token: config.imgpile.token,
    limit: config.rateLimit.requestsPerMinute,
    windowMs: config.rateLimit.windowMs,
  });
  const quotas = createQuotas({ redis, namespace, limits: config.quotas });
  const records = createRecords({ redis, namespace });
  const watches = createWatches({ redis, namespace });
  // Public reads (the feed) have their own, smaller budget: 30 a minute per IP.
  const publicLimiter = createRateLimiter({
    redis,
    namespace,
    token: 'public',
    limit: 30,
    windowMs: config.rateLimit.windowMs,
  });
  const discordRest = createDiscordRest({
    token: config.discord.token,
    apiUrl: config.discord.apiUrl,
  });
  return {
    config,
    log,
    redis,
    namespace,
    bullPrefix,
    imgpile,
    limiter,
    publicLimiter,
    quotas,
    records,
    watches,
    discordRest,
    imgpileOrigin: new URL(config.imgpile.apiUrl).origin,
    onEvent: hooks.onEvent,
    async close() {
      await imgpile.close();
      redis.disconnect();
    },
  };
}
export type Services = ReturnType<typeof createServices>;

export function startProducer(services: Services) {
  const { config } = services;
  return createRehostProducer({
    connection: services.redis,
    redis: services.redis,
    bullPrefix: services.bullPrefix,
    namespace: services.namespace,
    quotas: services.quotas,
    records: services.records,
    allowedHosts: config.attachmentHosts,
    maxFileBytes: config.maxFileBytes,
    retryDelayMs: config.worker.retryDelayMs,
    log: services.log,
    onQuotaRefused: (scope) => services.onEvent?.({ type: 'quota_refused', scope }),
  });
}

/** The worker's replies: Discord's REST API only. */
export function createReplies(services: Services) {
  return createDiscordReplies({
    rest: services.discordRest,
    records: services.records,
    redis: services.redis,
    namespace: services.namespace,
    log: services.log,
  });
}

export function startWorkers(
  services: Services,
  deliver: (delivery: Delivery) => Promise<void>,
  onProgress?: Parameters<typeof createRehostWorkers>[0]['onProgress'],
) {
  const { config } = services;
  // Workers block on Redis: they get a connection of their own.
  const connection = createRedis(config.redisUrl, { connectionName: 'imgpile-bot-worker' });
  connection.on('error', (err) =>
    services.log.warn({ err: { message: err.message } }, 'redis connection error'),
  );
  const workers = createRehostWorkers({
    connection,
    redis: services.redis,
    bullPrefix: services.bullPrefix,
    namespace: services.namespace,
    imgpile: services.imgpile,
    limiter: services.limiter,
    quotas: services.quotas,
    records: services.records,
    imgpileOrigin: services.imgpileOrigin,
    download: {
      allowedHosts: config.attachmentHosts,
      maxBytes: config.maxFileBytes,
      refreshUrl: createUrlRefresher(services.discordRest, services.log),
    },
    deliver,
    onProgress,
    concurrency: config.worker.concurrency,
    lockDurationMs: config.worker.lockMs,
    log: services.log,
    onEvent: services.onEvent,
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
 * The bot role: the gateway connection, the interaction dispatcher and the watch listener.
 * Resolves once the client is ready.
 */
export async function startBot(
  services: Services,
  producer: ReturnType<typeof startProducer>,
  options: { observe?: InteractionObserver } = {},
) {
  const { config } = services;
  const log = services.log.child({ subsystem: 'bot' });
  const client = createDiscordClient({
    apiUrl: config.discord.apiUrl,
    // discord.js's own sharding: 'auto' asks Discord how many shards this bot needs.
    extra:
      config.discord.shards === 'auto'
        ? { shards: 'auto' }
        : {
            shards: Array.from({ length: config.discord.shards }, (_, i) => i),
            shardCount: config.discord.shards,
          },
  });
  const ctx: BotContext = {
    config,
    log: services.log,
    producer,
    imgpile: services.imgpile,
    limiter: services.limiter,
    publicLimiter: services.publicLimiter,
    quotas: services.quotas,
    records: services.records,
    watches: services.watches,
    redis: services.redis,
    namespace: services.namespace,
    imgpileOrigin: services.imgpileOrigin,
  };
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
