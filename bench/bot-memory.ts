/**
 * Reading another Node process's memory from a bench: its V8 heap after forced full collections
 * and its settled resident set, and (bench-only) heap snapshots to compare what it holds.
 */
import type { RoleProcess } from '../test/helpers/processes.js';
import { sleep, vmStatus, waitForIdle } from './lib.js';

const KB = 1024;

/**
 * Bench-only instrumentation, given through NODE_OPTIONS on top of the production flags: `gc()`
 * exposed, and SIGUSR2 runs full collections then writes `process.memoryUsage()` to stderr, so
 * that RSS is read without garbage in it and the V8 heap beside it. Eight in a row: V8 drops the
 * bytecode of code not run lately only once it has aged through several, and the heap figure
 * must not depend on whether that happened before the reading or after.
 *
 * Each collection runs as a task of its own (`execution: 'async'`), with no JavaScript on the
 * stack, as V8's own scheduled collections and heap snapshots do. Run synchronously from the
 * signal handler, V8 must assume the stack may point into the heap and keeps what Node's
 * handles reference: 1 to 3 MB of garbage after the chat flood, varying from run to run, which
 * a heap snapshot of the same moment did not hold (issue 18, task 18c).
 *
 * SIGWINCH writes a heap snapshot into the folder SCALE_HEAP_SNAPSHOTS names (`heapSnapshot`).
 * Both handlers are written without spaces: NODE_OPTIONS is split on them.
 */
export const GC_ON_SIGNAL = [
  '--expose-gc',
  `--import=data:text/javascript,process.on('SIGUSR2',async()=>{for(globalThis.__gcs=0;globalThis.__gcs<8;globalThis.__gcs++)await(globalThis.gc({type:'major',execution:'async',flavor:'last-resort'}));process.stderr.write('MEM'+JSON.stringify(process.memoryUsage())+String.fromCharCode(10))})`,
  `--import=data:text/javascript,process.on('SIGWINCH',()=>import('node:v8').then((v8)=>process.stderr.write('SNAP'+v8.writeHeapSnapshot(process.env.SCALE_HEAP_SNAPSHOTS+'/bot-'+Date.now()+'.heapsnapshot')+String.fromCharCode(10))))`,
].join(' ');

/** The lines of `bot`'s stderr that begin with `tag`, without it. */
const tagged = (bot: RoleProcess, tag: string) =>
  bot
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith(tag))
    .map((l) => l.slice(tag.length));

/** Signals `bot` and waits (at most a minute) for the next line tagged `tag`, which it returns. */
async function ask(bot: RoleProcess, signal: NodeJS.Signals, tag: string): Promise<string | null> {
  const before = tagged(bot, tag).length;
  process.kill(bot.child.pid!, signal);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
    const lines = tagged(bot, tag);
    if (lines.length > before) return lines[lines.length - 1]!;
  }
  return null;
}

/**
 * The bot's settled resident set and heap: once it is idle, rounds of full GCs at least 1.5 s
 * apart, at least ten (V8 gives pages back over several collections, and drops the bytecode of
 * start-up code only once it has aged), until three readings in a row agree on both.
 */
export async function settledMemory(bot: RoleProcess): Promise<{ rss: number; heap: number }> {
  const pid = bot.child.pid!;
  await waitForIdle(pid);
  const readings: { rss: number; heap: number }[] = [];
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  for (let i = 0; i < 30; i++) {
    const [line] = await Promise.all([ask(bot, 'SIGUSR2', 'MEM'), sleep(1_500)]);
    const heap = line ? (JSON.parse(line) as { heapUsed: number }).heapUsed : NaN;
    readings.push({ rss: (await vmStatus(pid))!.rss, heap });
    const last = readings.slice(-3);
    const agree =
      spread(last.map((r) => r.rss)) <= 512 * KB && spread(last.map((r) => r.heap)) <= 256 * KB;
    if (i >= 9 && agree) break;
  }
  const last = readings.slice(-3);
  return { rss: Math.min(...last.map((r) => r.rss)), heap: last[last.length - 1]!.heap };
}

export type Memory = Awaited<ReturnType<typeof settledMemory>>;

/**
 * With SCALE_HEAP_SNAPSHOTS=<folder> set, the bot writes a heap snapshot there (V8 collects
 * first) and its file is printed: compare two to see what the bot kept between them. Writing
 * one raises the bot's RSS by some 200 MB, so RSS figures after it mean nothing. Without it,
 * nothing.
 */
export async function heapSnapshot(bot: RoleProcess, label: string): Promise<void> {
  if (!process.env.SCALE_HEAP_SNAPSHOTS) return;
  const file = await ask(bot, 'SIGWINCH', 'SNAP');
  console.log(`heap snapshot ${label}: ${file ?? 'none written within a minute'}`);
}
