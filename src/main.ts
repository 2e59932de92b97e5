import {
  createReplies,
  createServices,
  startBot,
  startBackfills,
  startFollowUps,
  startWorkers,
  type Services,
} from './app.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { GatewayFatalError } from './discord/core/gateway.js';
import { createLogger, prettyLogs, type Logger } from './logger.js';
import { startHealthServer, type HealthCheck } from './ops/health.js';
import { createBotMetrics, recordPipelineEvent, type BotMetrics } from './ops/metrics.js';
import { LocalRedisError, ensureRedis, type RedisEndpoint } from './ops/local-redis.js';
import { DuplicateBotError, claimBotShards } from './ops/one-bot.js';
import { announceRedis } from './ops/redis-in-use.js';
import { handleSignals, type StopStep } from './ops/shutdown.js';
import { announceBot, checkTokenAtStart } from './ops/start-checks.js';
import { createQueueDepths } from './queue/depth.js';

const ROLES = ['all', 'bot', 'worker'] as const;
type Role = (typeof ROLES)[number];

function parseRole(arg: string | undefined): Role {
  const role = arg ?? 'all';
  if ((ROLES as readonly string[]).includes(role)) return role as Role;
  process.stderr.write(`Unknown role "${role}". Use one of: ${ROLES.join(', ')}.\n`);
  process.exit(64); // EX_USAGE
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee docs/configuration.md.\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

/**
 * A promise nobody handled, or an exception nobody caught, is a bug: log it as one fatal line
 * with its stack (secrets masked like every line) and exit 1, so a supervisor restarts a clean
 * process instead of leaving one in an unknown state. Queued work is safe in Redis.
 */
function exitOnUnhandled(log: Logger) {
  const die = (kind: string) => (err: unknown) => {
    log.fatal({ err }, `${kind}: exiting`);
    process.exit(1);
  };
  process.on('unhandledRejection', die('unhandled promise rejection'));
  process.on('uncaughtException', die('uncaught exception'));
}

/** `/healthz` and `/metrics`, listening before the roles start so they report as they come up. */
async function startHealth(
  services: Services,
  metrics: BotMetrics,
  checks: Record<string, HealthCheck>,
): Promise<() => Promise<void>> {
  const { config, log } = services;
  if (!config.health) return async () => {};
  const depths = createQueueDepths(services.redis, services.bullPrefix);
  metrics.registry.collect(async () => {
    for (const { queue, state, jobs } of await depths.read())
      metrics.queueDepth.set({ queue, state }, jobs);
    metrics.rateLimitWindow.set({}, await services.limiter.inWindow());
    metrics.discordInvalidWindow.set({}, services.discordInvalidRequests.inWindow());
  });
  try {
    const health = await startHealthServer({
      ...config.health,
      checks,
      metrics: metrics.registry,
      log,
    });
    return async () => {
      await health.close();
      await depths.close();
    };
  } catch (err) {
    const { code } = err as NodeJS.ErrnoException;
    const where = `${config.health.host}:${config.health.port}`;
    log.fatal(
      { code, port: config.health.port, host: config.health.host },
      code === 'EADDRINUSE'
        ? `the health port ${where} is already in use; set HEALTH_PORT to a free port (or unset it to turn health off)`
        : `could not listen on ${where} for health and metrics (${code ?? (err as Error).message})`,
    );
    process.exit(1);
  }
}

/** REDIS_URL, or a Redis on 127.0.0.1 (a private redis-server when none answers); else exit. */
async function useRedis(config: Config, log: Logger): Promise<RedisEndpoint> {
  try {
    return await ensureRedis(config, log);
  } catch (err) {
    if (!(err instanceof LocalRedisError)) throw err;
    log.fatal(err.message);
    process.exit(1);
  }
}

/** Claims this process's shards of the bot on Redis: a second process on them is refused. */
async function claimShards(services: Services) {
  const { config, log } = services;
  try {
    return await claimBotShards({
      redis: services.redis,
      prefix: config.redisPrefix,
      token: config.discord.token,
      shards: config.discord.shardIds,
      log,
    });
  } catch (err) {
    if (!(err instanceof DuplicateBotError)) throw err;
    log.fatal(err.message);
    process.exit(1);
  }
}

async function startBotRole(services: Services, metrics: BotMetrics, stops: StopStep[]) {
  const claim = await claimShards(services);
  let bot;
  try {
    bot = await startBot(services, {
      observe: ({ kind, ms, ok }) =>
        metrics.interactions.observe({ kind, outcome: ok ? 'ok' : 'error' }, ms / 1000),
    });
  } catch (err) {
    if (err instanceof GatewayFatalError) services.log.fatal({ code: err.code }, err.message);
    else services.log.fatal({ err }, 'could not start the bot');
    process.exit(1);
  }
  stops.push({
    name: 'gateway',
    stop: async () => {
      await bot.close();
      await claim.release();
    },
  });
  const { shardCount, shardIds } = services.config.discord;
  services.log.info({ shardCount, shardIds }, 'bot role started');
  const appId = bot.client.application?.id ?? bot.client.user?.id;
  if (appId) await announceBot(services, appId);
  return () => bot.isReady();
}

function startWorkerRole(services: Services, stops: StopStep[]) {
  const replies = createReplies(services);
  const workers = startWorkers(services, replies.deliver, replies.progress);
  const followUps = startFollowUps(services, replies.lookAgain);
  const backfills = startBackfills(services);
  stops.push({
    name: 'workers',
    stop: async (interruptInMs) => {
      await Promise.all([workers, followUps, backfills].map((w) => w.close(interruptInMs)));
      await replies.close();
    },
  });
  services.log.info({ concurrency: services.config.worker.concurrency }, 'worker role started');
  return () => workers.isRunning() && followUps.isRunning() && backfills.isRunning();
}

/**
 * Entry point: `node dist/src/main.js [all|bot|worker]`.
 * - worker: streams files to imgpile and replies through Discord's REST API (no gateway);
 * - bot: the gateway connection, commands and listeners (they enqueue work);
 * - all (default): both in one process, for small servers.
 */
async function main(): Promise<void> {
  const role = parseRole(process.argv[2]);
  const config = readConfig();
  const log = createLogger({
    level: config.logLevel,
    secrets: [config.discord.token, config.imgpile.token],
    pretty: prettyLogs(config.logFormat, process.stdout.isTTY),
    colors: process.stdout.isTTY,
  }).child({ role });
  exitOnUnhandled(log);
  const redis = await useRedis(config, log);
  await announceRedis(redis, log);
  const metrics = createBotMetrics();
  const services = createServices({ ...config, redisUrl: redis.connectUrl }, log, {
    onEvent: (e) => recordPipelineEvent(metrics, e),
  });
  checkTokenAtStart(services);
  const stops: StopStep[] = [];
  const checks: Record<string, HealthCheck> = {
    redis: async () => {
      const timeout = new Promise<string>((resolve) =>
        setTimeout(() => resolve('timeout'), 1_000).unref(),
      );
      return (await Promise.race([services.redis.ping(), timeout])) === 'PONG';
    },
  };
  let closeHealth = async () => {};
  handleSignals({
    graceMs: config.shutdownGraceMs,
    log,
    steps: stops,
    last: {
      name: 'connections',
      stop: async () => {
        await closeHealth();
        await services.close();
        await redis.stop();
      },
    },
  });
  closeHealth = await startHealth(services, metrics, checks);
  if (role === 'bot' || role === 'all')
    checks.gateway = await startBotRole(services, metrics, stops);
  if (role === 'worker' || role === 'all') checks.worker = startWorkerRole(services, stops);
}

await main();
