/**
 * Memory of a role process run by a bench (test/helpers/processes.ts), read in that process
 * after forced full collections: the bench's own heap (the fakes, the logs it parses) is never
 * counted. Also (bench-only) heap snapshots, to compare what the process holds.
 */
import type { RoleProcess } from '../test/helpers/processes.js';
import { sleep, vmStatus, waitForIdle } from './lib.js';

const KB = 1024;

/**
 * Bench-only instrumentation, given through NODE_OPTIONS on top of the production flags: `gc()`
 * exposed, and SIGUSR2 runs a full collection then writes `process.memoryUsage()` to stderr, so
 * that the V8 heap is read without garbage in it and RSS beside it.
 *
 * The collection runs as a task of its own (`execution: 'async'`), with no JavaScript on the
 * stack, as V8's own scheduled collections and heap snapshots do. Run synchronously from the
 * signal handler, V8 must assume the stack may point into the heap and keeps what Node's
 * handles reference: 1 to 3 MB of garbage after the scale bench's chat flood, varying from run
 * to run, which a heap snapshot of the same moment did not hold (issue 18); and the
 * `last-resort` flavour run synchronously left 20 MB of dropped objects counted on Node 20.
 * One collection a signal: eight a reading, every 2 s during the work, took much of a loaded
 * machine's time from the bot; the settled readings take ten rounds or more (settledMemory),
 * which age the bytecode of code not run lately as eight in a row did.
 *
 * SIGWINCH writes a heap snapshot into the folder BENCH_HEAP_SNAPSHOTS names (heapSnapshot).
 * Both handlers are written without spaces: NODE_OPTIONS is split on them.
 */
export const GC_ON_SIGNAL = [
  '--expose-gc',
  `--import=data:text/javascript,process.on('SIGUSR2',async()=>{await(globalThis.gc({type:'major',execution:'async'}));process.stderr.write('MEM'+JSON.stringify(process.memoryUsage())+String.fromCharCode(10))})`,
  `--import=data:text/javascript,process.on('SIGWINCH',()=>import('node:v8').then((v8)=>process.stderr.write('SNAP'+v8.writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOTS+'/bot-'+Date.now()+'.heapsnapshot')+String.fromCharCode(10))))`,
].join(' ');

/** The lines of `proc`'s stderr that begin with `tag`, without it. */
const tagged = (proc: RoleProcess, tag: string) =>
  proc
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith(tag))
    .map((l) => l.slice(tag.length));

const heapOf = (line: string) => (JSON.parse(line) as { heapUsed: number }).heapUsed;

/** Signals `proc` and waits (at most a minute) for the next line tagged `tag`, which it returns. */
async function ask(proc: RoleProcess, signal: NodeJS.Signals, tag: string): Promise<string | null> {
  const before = tagged(proc, tag).length;
  process.kill(proc.child.pid!, signal);
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(50)) {
    const lines = tagged(proc, tag);
    if (lines.length > before) return lines[lines.length - 1]!;
  }
  return null;
}

/**
 * The process's settled resident set and heap: once it is idle, rounds of full GCs at least
 * 1.5 s apart, at least ten (V8 gives pages back over several collections, and drops the
 * bytecode of start-up code only once it has aged), until three readings in a row agree on both.
 */
export async function settledMemory(proc: RoleProcess): Promise<{ rss: number; heap: number }> {
  const pid = proc.child.pid!;
  await waitForIdle(pid);
  const readings: { rss: number; heap: number }[] = [];
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  for (let i = 0; i < 30; i++) {
    const [line] = await Promise.all([ask(proc, 'SIGUSR2', 'MEM'), sleep(1_500)]);
    readings.push({ rss: (await vmStatus(pid))!.rss, heap: line ? heapOf(line) : NaN });
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
 * Reads the process's live heap every `everyMs` while it works (each reading after a full
 * collection, so garbage is not counted: what it holds at that moment). `stop` gives the
 * highest reading.
 */
export function sampleHeap(proc: RoleProcess, everyMs = 2_000) {
  const pid = proc.child.pid!;
  const from = tagged(proc, 'MEM').length;
  const timer = setInterval(() => process.kill(pid, 'SIGUSR2'), everyMs);
  return {
    async stop(): Promise<{ peak: number; readings: number[] }> {
      clearInterval(timer);
      await ask(proc, 'SIGUSR2', 'MEM');
      const during = tagged(proc, 'MEM').slice(from).map(heapOf);
      return { peak: Math.max(...during), readings: during };
    },
  };
}

/**
 * With BENCH_HEAP_SNAPSHOTS=<folder> set, the process writes a heap snapshot there (V8 collects
 * first) and its file is printed: compare two to see what it kept between them. Writing one
 * raises its RSS by some 200 MB, so RSS figures after it mean nothing. Without it, nothing.
 */
export async function heapSnapshot(proc: RoleProcess, label: string): Promise<void> {
  if (!process.env.BENCH_HEAP_SNAPSHOTS) return;
  const file = await ask(proc, 'SIGWINCH', 'SNAP');
  console.log(`heap snapshot ${label}: ${file ?? 'none written within a minute'}`);
}
