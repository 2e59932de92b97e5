/**
 * Runs the local imgpile as its own process, for benches and multi-process tests, so that its
 * memory and CPU are not counted against the process being measured.
 *
 *   tsx test/fakes/imgpile-server.ts '{"requestsPerMinute": 100000}'
 *
 * Prints one JSON line `{"apiUrl": ..., "uploadUrl": ...}` once listening; SIGTERM stops it and
 * prints a summary line `{"requests": n, "uploads": n, "status429": n}`.
 */
import { startFakeImgpile, type FakeImgpileOptions } from './imgpile/index.js';

const options = JSON.parse(process.argv[2] ?? '{}') as FakeImgpileOptions;
const fake = await startFakeImgpile(options);
process.stdout.write(`${JSON.stringify({ apiUrl: fake.apiUrl, uploadUrl: fake.uploadUrl })}\n`);

async function stop() {
  const summary = {
    requests: fake.requests.length,
    uploads: fake.uploads.filter((u) => u.status === 201).length,
    status429: fake.requests.filter((r) => r.status === 429).length,
  };
  await fake.close();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
