import type { ImgpileClient } from '../imgpile/client.js';
import { ImgpileError } from '../imgpile/errors.js';
import type { ResponseInfo } from '../imgpile/http.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { Logger } from '../logger.js';

/** How often, at most, a refused IMGPILE_TOKEN is said again while imgpile keeps refusing it. */
const SAY_AGAIN_MS = 10 * 60_000;

export const TOKEN_REFUSED =
  "imgpile refused IMGPILE_TOKEN (401 Unauthenticated): nothing can be uploaded to the bot's own account until it is replaced. Make a new API token on imgpile and set IMGPILE_TOKEN";

/**
 * Watches the answers imgpile gives the bot's own token (never a member's: their clients have
 * their own hook): a 401 is an error line naming IMGPILE_TOKEN, at most once every 10 minutes,
 * and `onChange(true)` for the metric; the next answer it accepts says it is fixed.
 */
export function watchBotToken(log: Logger, onChange: (refused: boolean) => void) {
  let refused = false;
  let saidAt = 0;
  return (info: ResponseInfo): void => {
    if (!info.authenticated) return;
    if (info.status === 401) {
      const now = Date.now();
      if (!refused) onChange(true);
      refused = true;
      if (now - saidAt < SAY_AGAIN_MS) return;
      saidAt = now;
      log.error({ variable: 'IMGPILE_TOKEN', endpoint: info.endpoint }, TOKEN_REFUSED);
    } else if (refused && info.status < 400) {
      refused = false;
      saidAt = 0;
      onChange(false);
      log.info({ variable: 'IMGPILE_TOKEN' }, 'imgpile accepts IMGPILE_TOKEN again');
    }
  };
}

export type TokenCheck = 'accepted' | 'refused' | 'unreachable';

/**
 * One read that needs the token and changes nothing (the bot's newest medium), within the
 * shared request budget. What imgpile answers reaches the watch above like any other answer.
 */
export async function checkImgpileToken(
  imgpile: ImgpileClient,
  limiter: RateLimiter | null,
): Promise<TokenCheck> {
  try {
    await limiter?.acquire({ maxWaitMs: 10_000 });
    await imgpile.listMedia({ limit: 1 }, { authenticated: true });
    return 'accepted';
  } catch (err) {
    if (err instanceof ImgpileError && err.kind === 'unauthenticated') return 'refused';
    return 'unreachable';
  }
}
