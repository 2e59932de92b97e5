import type { ResponseInfo } from '../imgpile/http.js';
import type { Logger } from '../logger.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * The imgpile client's response hook: what imgpile says of a budget after every answer goes
 * back to the limiter of that kind of request (authenticated, or public by IP), so every
 * process learns it. A 429 holds every process back until its Retry-After has passed.
 */
export function limiterFeedback(
  limiters: { authenticated: RateLimiter; public: RateLimiter },
  log: Logger,
) {
  return (info: ResponseInfo): void => {
    const limiter = info.authenticated ? limiters.authenticated : limiters.public;
    const budget = info.authenticated ? 'authenticated' : 'public';
    const done =
      info.status === 429
        ? limiter.block(info.retryAfterMs ?? 60_000).then((held) => {
            const asked = info.retryAfterMs ?? 60_000;
            if (held < asked) {
              log.warn(
                { budget, retryAfterMs: asked, heldMs: held },
                'imgpile asked for a very long pause; holding back for the capped time instead',
              );
            } else {
              log.warn(
                { budget, retryAfterMs: held },
                'imgpile rate limit hit; pausing all requests',
              );
            }
          })
        : limiter.observe(info.rateLimit);
    done.catch((err: unknown) => log.debug({ err }, 'could not update the rate limiter'));
  };
}
