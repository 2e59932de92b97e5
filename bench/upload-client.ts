/**
 * Child process of the upload bench: streams a generated file of argv[4] bytes through the real
 * imgpile client and prints one JSON line with its own memory and timing.
 */
import { createImgpileClient } from '../src/imgpile/index.js';
import { MAGIC, generatedStream } from '../test/helpers/media-bytes.js';

const [apiUrl, uploadUrl, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg);
const imgpile = createImgpileClient({
  apiUrl: apiUrl!,
  uploadUrl: uploadUrl!,
  token: 'bench-token',
});

// Warm up: load every module and open the connection pool, so idle RSS is honest.
const warm = generatedStream(64 * 1024, MAGIC.jpeg);
await imgpile.uploadMedia({
  file: warm.stream,
  filename: 'warm.jpg',
  contentType: 'image/jpeg',
  size: 64 * 1024,
});
global.gc?.();
await new Promise((r) => setTimeout(r, 200));
const idle = process.memoryUsage.rss();

let peak = idle;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 5);
const gen = generatedStream(size, MAGIC.jpeg);
const started = performance.now();
const res = await imgpile.uploadMedia({
  file: gen.stream,
  filename: 'bench.jpg',
  contentType: 'image/jpeg',
  size,
});
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss());
await imgpile.close();
process.stdout.write(
  `${JSON.stringify({ idle, peak, seconds, slug: res.body.media.slug, sha256: gen.sha256() })}\n`,
);
