/**
 * Latency bench: how soon a member sees the links. A real bot process and a real worker process
 * (src/main.ts bot and worker, production flags) against the local Discord and imgpile in this
 * process; `/imgpile upload` is run as Discord sends it, and every time is read from when the
 * local Discord received the call (the interaction's callback, its reply's edits).
 */
import { Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { GENERAL, alice } from '../test/helpers/cast.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { runImgpile } from '../test/helpers/interactions.js';
import { MAGIC } from '../test/helpers/media-bytes.js';
import { startRole } from '../test/helpers/processes.js';
import { MB, verdict } from './lib.js';
import { curlPipe } from './pipeline.js';

const IDLE_SAMPLES = 7;
const BURST = 50;
const SIZE = MB;

type Timeline = {
  /** From the command to the interaction's callback (the deferred "thinking"). */
  ack: number;
  /** To the bot's own "queued" edit. */
  queued: number | null;
  /** To the first byte of the upload at imgpile (idle samples only). */
  atImgpile: number | null;
  /** To the edit that shows the links. */
  links: number;
  /** To the edit that shows imgpile's sized previews (the follow-up), when it came. */
  previews: number | null;
};

function setup(redisUrl: string) {
  return startHarness({
    redisUrl,
    workers: false,
    logLevel: 'warn',
    imgpile: { requestsPerMinute: 1_000_000, dailyFileLimit: 100_000 },
    env: {
      IMGPILE_DAILY_FILE_LIMIT: '100000',
      GUILD_DAILY_FILE_LIMIT: '100000',
      USER_DAILY_FILE_LIMIT: '100000',
      WORKER_LOCK_MS: '30000',
      WORKER_RETRY_DELAY_MS: '2000',
      LOG_LEVEL: 'warn',
    },
  });
}

let seed = 0;
/** `/imgpile upload` with one fresh 1 MB JPEG, as alice in #general; resolves its start. */
function upload(s: Harness) {
  seed += 1;
  const file = s.discord.addAttachment({
    filename: `lat${seed}.jpg`,
    content: { size: SIZE, head: MAGIC.jpeg, seed: 50_000 + seed },
    contentType: 'image/jpeg',
  });
  const startedAt = Date.now();
  const i = runImgpile(s.discord, {
    channelId: GENERAL,
    user: alice,
    path: ['upload'],
    options: { file },
  });
  return { i, startedAt };
}

const showsLinks = (s: Harness, body: unknown) =>
  JSON.stringify(body ?? '').includes(`${s.imgpile.cdnOrigin}/f/`);
const showsPreviews = (body: unknown) => /_md\.jpg/.test(JSON.stringify(body ?? ''));

/** The times of one upload, once its links are shown (previews are not waited for). */
async function timeline(
  s: Harness,
  run: ReturnType<typeof upload>,
  previewsToo = false,
): Promise<Timeline> {
  const deadline = Date.now() + 120_000;
  // Polls the reply as it now reads (cheap: the local Discord runs in this process); the times
  // come from the calls it recorded, not from this loop.
  for (;;) {
    const reply = run.i.original();
    if (showsLinks(s, reply) && (!previewsToo || showsPreviews(reply))) break;
    if (Date.now() > deadline) throw new Error('bench latency: no reply within 120 s');
    await new Promise((r) => setTimeout(r, 25));
  }
  const edits = () =>
    run.i.calls().filter((c) => c.path.startsWith('/webhooks/') && c.method !== 'GET');
  const at = (t: number | undefined) => (t === undefined ? null : t - run.startedAt);
  const callback = run.i.calls().find((c) => c.path.startsWith('/interactions/'));
  const upload = s.imgpile.requests.find((r) => r.host === 'upload' && r.at >= run.startedAt);
  return {
    ack: at(callback?.at) ?? NaN,
    queued: at(edits().find((c) => !showsLinks(s, c.body))?.at),
    atImgpile: at(upload?.at),
    links: at(edits().find((c) => showsLinks(s, c.body))?.at) ?? NaN,
    previews: at(edits().find((c) => showsPreviews(c.body))?.at),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const ms = (n: number | null) => (n === null || Number.isNaN(n) ? '-' : `${Math.round(n)} ms`);
const median = (xs: (number | null)[]) => {
  const present = xs.filter((x): x is number => x !== null);
  return present.length ? percentile(present, 50) : null;
};

async function rawTransfer(s: Harness): Promise<number | null> {
  const times: number[] = [];
  for (let n = 0; n < 5; n++) {
    const att = s.discord.addAttachment({
      filename: `raw${n}.jpg`,
      content: { size: SIZE, head: MAGIC.jpeg, seed: 90_000 + n },
      contentType: 'image/jpeg',
    });
    const seconds = await curlPipe(att.url, s.imgpile.uploadUrl);
    if (seconds === null) return null;
    times.push(seconds * 1000);
  }
  return percentile(times, 50);
}

async function idle(s: Harness, raw: number | null) {
  const runs: Timeline[] = [];
  for (let n = 0; n < IDLE_SAMPLES; n++) {
    runs.push(await timeline(s, upload(s), true));
    // Quiet between samples: the follow-up of the last one has run.
    await new Promise((r) => setTimeout(r, 300));
  }
  const links = median(runs.map((r) => r.links))!;
  console.log(`\n## Latency: /imgpile upload of one 1 MB file, bot and worker processes`);
  console.log(`raw transfer (curl | curl -F)     ${ms(raw)} median of 5`);
  console.log(
    `idle, ${IDLE_SAMPLES} in a row (medians)     ack ${ms(median(runs.map((r) => r.ack)))}, queued said ${ms(median(runs.map((r) => r.queued)))}, at imgpile ${ms(median(runs.map((r) => r.atImgpile)))}, links ${ms(links)}, previews ${ms(median(runs.map((r) => r.previews)))}`,
  );
  console.log(`idle, links each                  ${runs.map((r) => ms(r.links)).join(', ')}`);
  if (raw !== null) {
    const over = links - raw;
    console.log(
      `idle, links over raw transfer     ${ms(over)}   (target < 50 ms: ${verdict(over < 50)})`,
    );
  }
}

async function burst(s: Harness) {
  const runs = Array.from({ length: BURST }, () => upload(s));
  const start = runs[0]!.startedAt;
  const times = await Promise.all(runs.map((r) => timeline(s, r)));
  const uploads = s.imgpile.requests
    .filter((r) => r.host === 'upload' && r.at >= start)
    .map((r) => r.at - start);
  const queued = times.map((t) => t.queued ?? NaN);
  const acks = times.map((t) => t.ack);
  const links = times.map((t) => t.links);
  // Read once every reply has been answered: a later edit must never hide the links again.
  await new Promise((r) => setTimeout(r, 500));
  const hidden = runs.filter((r) => !showsLinks(s, r.i.original())).length;
  const p99Ack = percentile(acks, 99);
  const p99Links = percentile(links, 99);
  console.log(`burst of ${BURST} at once, ack      p50 ${ms(percentile(acks, 50))}, p99 ${ms(p99Ack)}   (target p99 < 100 ms: ${verdict(p99Ack < 100)})
burst of ${BURST}, end to end       p50 ${ms(percentile(links, 50))}, p99 ${ms(p99Links)}   (target p99 < 2 s: ${verdict(p99Links < 2_000)})
burst of ${BURST}, where the time went  the local Discord sent them within ${ms(runs.at(-1)!.startedAt - start)}, all acked by ${ms(Math.max(...acks))}, all said queued by ${ms(Math.max(...queued))}, uploads reached imgpile from ${ms(Math.min(...uploads))} to ${ms(Math.max(...uploads))}
burst of ${BURST}, links hidden again by a later edit   ${hidden}   (target 0: ${verdict(hidden === 0)})`);
}

export async function benchLatency(redisUrl: string): Promise<void> {
  const s = await setup(redisUrl);
  try {
    await s.services.discordRest.put(Routes.applicationCommands(s.discord.applicationId), {
      body: commands.map((c) => c.data),
    });
    s.processes.push(await startRole('bot', s.env, 'bot role started'));
    await s.startWorkerProcesses(1);
    // Warm up every code path of both processes.
    for (let n = 0; n < 3; n++) await timeline(s, upload(s));
    const raw = await rawTransfer(s);
    await idle(s, raw);
    await burst(s);
  } finally {
    await s.close();
  }
}
