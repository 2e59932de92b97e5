import { createReplies, createServices, startBot, startProducer, startWorkers } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

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
 * - worker: streams files to imgpile and replies through Discord's REST API;
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
  const services = createServices(config, log);
  const stops: ((graceMs: number) => Promise<void>)[] = [];

  if (role === 'worker' || role === 'all') {
    const replies = createReplies(services);
    const workers = startWorkers(services, replies.deliver, replies.progress);
    stops.push((grace) => workers.close(grace));
    log.info({ concurrency: config.worker.concurrency }, 'worker role started');
  }
  if (role === 'bot' || role === 'all') {
    const producer = startProducer(services);
    const bot = await startBot(services, producer);
    // The gateway closes first, so no new work arrives while workers drain.
    stops.unshift(async () => {
      await bot.close();
      await producer.close();
    });
    log.info('bot role started');
  }

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    log.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    void Promise.all(stops.map((stop) => stop(config.shutdownGraceMs)))
      .then(() => services.close())
      .then(
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
}

await main();
