/**
 * `npm run bench`: prints speed and memory figures beside their targets. Never run in CI and
 * never asserted in tests: read the figures.
 */
import { benchUpload } from './upload.js';

console.log(`imgpile-bot bench, Node ${process.version}, ${new Date().toISOString()}`);
await benchUpload();
