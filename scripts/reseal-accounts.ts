/**
 * `npm run reseal-accounts`: after ACCOUNT_ENCRYPTION_KEY was rotated (the new key set, the old
 * one in ACCOUNT_ENCRYPTION_KEY_PREVIOUS), seals every linked token with the new key at once,
 * instead of as each is used. Then ACCOUNT_ENCRYPTION_KEY_PREVIOUS can be removed. Reads the
 * same environment as the bot; never prints a token or a key.
 */
import { createServices } from '../src/app.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { ensureRedis } from '../src/ops/local-redis.js';

/** How long Redis may take to answer before the script gives up saying so. */
const REDIS_TIMEOUT_MS = 5_000;

async function reseal(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  if (config.accounts.problem) {
    process.stderr.write(`Linking imgpile accounts is off: ${config.accounts.problem}.\n`);
    process.exit(78);
  }
  const log = createLogger({
    level: 'warn',
    secrets: [config.imgpile.token, config.discord.token],
  });
  // The same Redis the bot uses: REDIS_URL, or the local one (started from LOCAL_REDIS_DIR when
  // nothing answers, so the accounts it holds are read; stopped again at the end).
  const endpoint = await ensureRedis(config, log, { check: false });
  const services = createServices({ ...config, redisUrl: endpoint.connectUrl }, log);
  try {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      services.redis.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(new Error(`Redis at REDIS_URL did not answer in ${REDIS_TIMEOUT_MS / 1000} s`)),
          REDIS_TIMEOUT_MS,
        );
      }),
    ]).finally(() => clearTimeout(timer));
    const { resealed, unreadable } = await services.accounts.resealAll();
    process.stdout.write(
      `Sealed again with the current key: ${resealed}. Opened by neither key: ${unreadable}${unreadable ? ' (those members must link again)' : ''}.\n`,
    );
  } finally {
    await services.close();
    await endpoint.stop();
  }
}

reseal().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Could not re-seal the linked accounts: ${message}\n`);
    process.exit(1);
  },
);
