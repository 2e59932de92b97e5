/**
 * `npm run bench`: prints speed and memory figures beside their targets. Never run in CI and
 * never asserted in tests: read the figures.
 *
 *   npm run bench                    every bench; the rate-limit one takes about 2.5 minutes
 *   npm run bench -- --quick         the rate-limit bench with a 6 s window instead of 60 s
 *   npm run bench -- --only=rehost   only the named benches (comma-separated)
 *   npm run bench -- --only=latency  how soon a member sees the links, idle and in a burst
 *   npm run bench -- --only=catchup  catch-up after downtime, and a 10,000-message backfill
 *   npm run bench -- --only=autocomplete  how soon a member typing sees choices (1,000 keystrokes)
 */
import { startRedisServer } from '../test/helpers/redis-server.js';
import { benchAutocomplete } from './autocomplete.js';
import { benchBackfill, benchCatchUp } from './catchup.js';
import { benchDns } from './dns.js';
import { benchDiscordRefusals } from './discord.js';
import { benchLatency } from './latency.js';
import { benchFairness, benchRateLimit } from './pipeline.js';
import { benchRehost } from './rehost.js';
import { benchScale } from './scale.js';
import { benchAbuse, benchRedisBytes, benchRefusalBytes } from './trust.js';
import { benchUpload } from './upload.js';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

const benches: Record<string, (redisUrl: string) => Promise<void>> = {
  upload: () => benchUpload(),
  rehost: (url) => benchRehost(url),
  fairness: (url) => benchFairness(url),
  'rate-limit': (url) =>
    benchRateLimit(url, { files: 300, limit: 120, windowMs: quick ? 6_000 : 60_000 }),
  scale: (url) => benchScale(url, quick ? { guilds: 500, messages: 5_000 } : {}),
  abuse: (url) => benchAbuse(url, { windowMs: quick ? 6_000 : 60_000 }),
  'redis-bytes': (url) => benchRedisBytes(url),
  'refusal-bytes': () => benchRefusalBytes(),
  dns: (url) => benchDns(url),
  refusals: (url) => benchDiscordRefusals(url),
  latency: (url) => benchLatency(url),
  catchup: async (url) => {
    await benchCatchUp(url, quick ? { messages: 200 } : {});
    await benchBackfill(url, quick ? { messages: 2_000 } : {});
  },
  autocomplete: (url) => benchAutocomplete(url),
};
const unknown = (only ?? []).filter((name) => !(name in benches));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(benches).join(', ')}.`);
  process.exit(64);
}

console.log(
  `imgpile-bot bench, Node ${process.version}, ${new Date().toISOString()}${quick ? ' (quick)' : ''}`,
);
const failed: string[] = [];
const redis = process.env.REDIS_URL ? null : await startRedisServer();
const redisUrl = process.env.REDIS_URL ?? redis!.url;
try {
  for (const [name, run] of Object.entries(benches)) {
    if (only && !only.includes(name)) continue;
    // One bench that fails is reported, and the others still run.
    try {
      await run(redisUrl);
    } catch (err) {
      failed.push(name);
      console.log(`\n!! bench ${name} failed: ${(err as Error).stack ?? String(err)}`);
    }
  }
  if (failed.length > 0) {
    console.log(`\n!! failed benches: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
} finally {
  await redis?.stop();
}
