import { ConfigError, loadConfig } from './config.js';
import { createImgpileClient } from './imgpile/index.js';
import { createLogger } from './logger.js';

/**
 * Entry point. For now it validates the configuration and the imgpile client; the bot and
 * worker roles are wired in as they land.
 */
async function main(): Promise<void> {
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
  });
  const imgpile = createImgpileClient(config.imgpile);
  log.info({ imgpileApi: config.imgpile.apiUrl }, 'configuration is valid');
  await imgpile.close();
}

await main();
