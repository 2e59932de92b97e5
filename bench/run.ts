/**
 * `npm run bench`: prints speed and memory figures beside their targets. Never run in CI and
 * never asserted in tests: read the figures.
 *
 *   npm run bench             every bench; the rate-limit one takes about 2.5 minutes
 *   npm run bench -- --quick  the rate-limit bench with a 6 s window instead of 60 s
 */
import { startRedisServer } from '../test/helpers/redis-server.js';
import { benchFairness, benchRateLimit, benchRehost } from './pipeline.js';
import { benchUpload } from './upload.js';

const quick = process.argv.includes('--quick');
console.log(
  `imgpile-bot bench, Node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}`,
);
const redis = process.env.REDIS_URL ? null : await startRedisServer();
const redisUrl = process.env.REDIS_URL ?? redis!.url;
try {
  await benchUpload();
  await benchRehost(redisUrl);
  await benchFairness(redisUrl);
  await benchRateLimit(redisUrl, { files: 300, limit: 120, windowMs: quick ? 6_000 : 60_000 });
} finally {
  await redis?.stop();
}
