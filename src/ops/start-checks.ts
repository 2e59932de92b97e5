import type { REST } from 'discord.js';
import type { Config } from '../config.js';
import type { ImgpileClient } from '../imgpile/client.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { Logger } from '../logger.js';
import { REGISTER_HOW, compareCommands, inviteUrl, registeredCommands } from './commands-check.js';
import { checkImgpileToken } from './imgpile-token.js';

/**
 * Every role, at start: one read that needs IMGPILE_TOKEN. A refusal is said (and counted) by
 * the token watch, like any later one; a silent imgpile is said here. Never holds start-up.
 */
export function checkTokenAtStart(services: {
  imgpile: ImgpileClient;
  limiter: RateLimiter;
  log: Logger;
  config: Config;
}): void {
  const { imgpile, limiter, log, config } = services;
  void checkImgpileToken(imgpile, limiter).then((result) => {
    if (result === 'accepted') log.info('imgpile accepts IMGPILE_TOKEN');
    if (result === 'unreachable')
      log.warn(
        { apiUrl: config.imgpile.apiUrl },
        'could not check IMGPILE_TOKEN: imgpile did not answer at IMGPILE_API_URL',
      );
  });
}

/**
 * The bot role, once connected: the link that invites it, and a warning when its commands are
 * not registered (members see no /imgpile) or are not this version's.
 */
export async function announceBot(
  services: { log: Logger; discordRest: REST },
  applicationId: string,
): Promise<void> {
  const { log, discordRest } = services;
  log.info({ invite: inviteUrl(applicationId) }, `invite the bot: ${inviteUrl(applicationId)}`);
  let registered: unknown[];
  try {
    registered = await registeredCommands(discordRest, applicationId);
  } catch (err) {
    log.warn(
      { err: { message: (err as Error).message } },
      'could not read the registered commands',
    );
    return;
  }
  const state = compareCommands(registered);
  if (state === 'none')
    log.warn(
      `no commands are registered for this bot: members see no /imgpile and no menu. Register them once with ${REGISTER_HOW}`,
    );
  if (state === 'outdated')
    log.warn(
      `the registered commands are not this version's: register them again with ${REGISTER_HOW}`,
    );
}
