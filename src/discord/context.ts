import type { Config } from '../config.js';
import type { ImgpileClient } from '../imgpile/index.js';
import type { Quotas } from '../limits/quotas.js';
import type { RateLimiter } from '../limits/rate-limiter.js';
import type { Logger } from '../logger.js';
import type { RehostProducer } from '../queue/producer.js';
import type { Redis } from '../redis.js';
import type { Records } from '../store/records.js';
import type { Watches } from '../store/watches.js';

/** What command handlers and listeners are given: plain dependencies, no globals. */
export type BotContext = {
  config: Config;
  log: Logger;
  producer: RehostProducer;
  imgpile: ImgpileClient;
  /** The shared budget of authenticated imgpile requests. */
  limiter: RateLimiter;
  /** The budget of public (unauthenticated) imgpile reads, for the feed. */
  publicLimiter: RateLimiter;
  quotas: Quotas;
  records: Records;
  watches: Watches;
  redis: Redis;
  namespace: string;
  /** `https://imgpile.com`: post links are `<origin>/p/<slug>`. */
  imgpileOrigin: string;
};
