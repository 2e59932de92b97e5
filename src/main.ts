import { Queue } from 'bullmq';
import { createReplies, createServices, startBot, startProducer, startWorkers } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startHealthServer, type HealthCheck } from './ops/health.js';
import { createBotMetrics, recordPipelineEvent } from './ops/metrics.js';
import { QUEUE_REQUESTS, QUEUE_UPLOADS } from './queue/jobs.js';

const ROLES = ['all', 'bot', 'worker'] as const;
type Role = (typeof ROLES)[number];

function parseRole(arg: string | undefined): Role {
  const role = arg ?? 'all';
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  process.stderr.write(`Unknown role "${role}". Use one of: ${ROLES.join(', ')}.\n`);
  process.exit(64); // EX_USAGE
}

/**
 * Entry point: `node dist/src/main.js [all|bot|worker]`.
 * - worker: streams files to imgpile and replies through Discord's REST API (no gateway);
 * - bot: the gateway connection, commands and listeners (they enqueue work);
 * - all (default): both in one process, for small servers.
 */
async function main(): Promise<void> {
  const role = parseRole(process.argv[2]);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee README.md, "Configuration".\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger({
    level: config.logLevel,
    secrets: [config.discord.token, config.imgpile.token],
  }).child({ role });
  const metrics = createBotMetrics();
  const services = createServices(config, log, { onEvent: (e) => recordPipelineEvent(metrics, e) });
  const stops: ((graceMs: number) => Promise<void>)[] = [];
  const checks: Record<string, HealthCheck> = {
    redis: async () => {
      const timeout = new Promise<string>((resolve) =>
        setTimeout(() => resolve('timeout'), 1_000).unref(),
      );
      return (await Promise.race([services.redis.ping(), timeout])) === 'PONG';
    },
  };

  let closeHealth = async () => {};
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    const run = async () => {
      // In order: the gateway first (no new work), then the workers drain, then the rest.
      for (const stop of stops) await stop(config.shutdownGraceMs);
      await closeHealth();
      await services.close();
    };
    run().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  // Listening before the roles start: /healthz reports them as they come up.
  if (config.health) {
    const queues = [QUEUE_UPLOADS, QUEUE_REQUESTS].map((name) => {
      const queue = new Queue(name, { connection: services.redis, prefix: services.bullPrefix });
      // Connection errors are already logged once by the shared connection.
      queue.on('error', () => undefined);
      return queue;
    });
    metrics.registry.collect(async () => {
      for (const queue of queues) {
        const counts = await queue.getJobCounts(
          'waiting',
          'prioritized',
          'active',
          'delayed',
          'waiting-children',
          'completed',
          'failed',
        );
        for (const [state, n] of Object.entries(counts))
          metrics.queueDepth.set({ queue: queue.name, state }, n);
      }
    });
    const health = await startHealthServer({
      ...config.health,
      checks,
      metrics: metrics.registry,
      log,
    });
    closeHealth = async () => {
      await health.close();
      await Promise.all(queues.map((q) => q.close()));
    };
  }

  if (role === 'bot' || role === 'all') {
    const producer = startProducer(services);
    let bot;
    try {
      bot = await startBot(services, producer, {
        observe: ({ kind, ms, ok }) =>
          metrics.interactions.observe({ kind, outcome: ok ? 'ok' : 'error' }, ms / 1000),
      });
    } catch (err) {
      // Usually a refused DISCORD_TOKEN (discord.js: "An invalid token was provided.").
      log.fatal(
        { err: { message: (err as Error).message } },
        'could not connect to Discord; check DISCORD_TOKEN',
      );
      process.exit(1);
    }
    checks.gateway = () => bot.isReady();
    stops.push(async () => {
      await bot.close();
      await producer.close();
    });
    log.info({ shards: config.discord.shards }, 'bot role started');
  }
  if (role === 'worker' || role === 'all') {
    const replies = createReplies(services);
    const workers = startWorkers(services, replies.deliver, replies.progress);
    checks.worker = () => workers.isRunning();
    stops.push((grace) => workers.close(grace));
    log.info({ concurrency: config.worker.concurrency }, 'worker role started');
  }
}

await main();
