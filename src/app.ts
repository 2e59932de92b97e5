import type { Config } from './config.js';
import { createDiscordRest, createUrlRefresher } from './discord/rest.js';
import { createImgpileClient } from './imgpile/index.js';
import { createQuotas } from './limits/quotas.js';
import { createRateLimiter } from './limits/rate-limiter.js';
import type { Logger } from './logger.js';
import { createRehostProducer } from './queue/producer.js';
import { createRehostWorkers, type Delivery, type PipelineEvent } from './queue/workers.js';
import { createRedis } from './redis.js';
import { createRecords } from './store/records.js';

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
    quotas,
    records,
    discordRest,
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
  });
}

export function startWorkers(services: Services, deliver: (delivery: Delivery) => Promise<void>) {
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
    imgpileOrigin: new URL(config.imgpile.apiUrl).origin,
    download: {
      allowedHosts: config.attachmentHosts,
      maxBytes: config.maxFileBytes,
      refreshUrl: createUrlRefresher(services.discordRest, services.log),
    },
    deliver,
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
