/**
 * Memory of a role process run by a bench (test/helpers/processes.ts), read in that process
 * after forced full collections: the bench's own heap (the fakes, the logs it parses) is never
 * counted. bench/scale.ts keeps a copy of the same instrumentation for now and can adopt this.
 */
import type { RoleProcess } from '../test/helpers/processes.js';
import { sleep, vmStatus, waitForIdle } from './lib.js';

const KB = 1024;

/**
 * Bench-only instrumentation, given through NODE_OPTIONS on top of the production flags: `gc()`
 * exposed, and SIGUSR2 runs one full collection then writes `process.memoryUsage()` to stderr,
 * so that the V8 heap is read without garbage in it and RSS beside it. A plain `gc()`: on Node
 * 20, `gc({type: 'major', execution: 'sync', flavor: 'last-resort'})` leaves garbage behind
 * (20 MB of dropped objects still counted after eight in a row; one `gc()` frees them), so
 * bench/scale.ts's copy of this constant reads garbage there; and eight of those a reading,
 * every 2 s during the work, took most of a loaded machine's time from the bot. The settled
 * readings take ten rounds or more (see settledMemory), which age the bytecode of code not run
 * lately as eight in a row did.
 */
export const GC_ON_SIGNAL = [
  '--expose-gc',
  `--import=data:text/javascript,process.on('SIGUSR2',()=>{globalThis.gc();process.stderr.write('MEM'+JSON.stringify(process.memoryUsage())+String.fromCharCode(10))})`,
].join(' ');

/** Every V8 heap figure the process has reported after a forced collection, oldest first. */
function heapReadings(proc: RoleProcess): number[] {
  return proc
    .stderr()
    .split('\n')
    .filter((l) => l.startsWith('MEM{'))
    .map((l) => (JSON.parse(l.slice(3)) as { heapUsed: number }).heapUsed);
}

/**
 * The process's settled resident set and heap: once it is idle, rounds of full GCs 1.5 s apart,
 * at least ten (V8 gives pages back over several collections, and drops the bytecode of
 * start-up code only once it has aged), until three readings in a row agree on both.
 */
export async function settledMemory(proc: RoleProcess): Promise<{ rss: number; heap: number }> {
  const pid = proc.child.pid!;
  await waitForIdle(pid);
  const readings: { rss: number; heap: number }[] = [];
  const spread = (values: number[]) => Math.max(...values) - Math.min(...values);
  for (let i = 0; i < 30; i++) {
    process.kill(pid, 'SIGUSR2');
    await sleep(1_500);
    readings.push({ rss: (await vmStatus(pid))!.rss, heap: heapReadings(proc).at(-1) ?? NaN });
    const last = readings.slice(-3);
    const agree =
      spread(last.map((r) => r.rss)) <= 512 * KB && spread(last.map((r) => r.heap)) <= 256 * KB;
    if (i >= 9 && agree) break;
  }
  const last = readings.slice(-3);
  return { rss: Math.min(...last.map((r) => r.rss)), heap: last[last.length - 1]!.heap };
}

/**
 * Reads the process's live heap every `everyMs` while it works (each reading after full
 * collections, so garbage is not counted: what it holds at that moment). `stop` gives the
 * highest reading.
 */
export function sampleHeap(proc: RoleProcess, everyMs = 2_000) {
  const pid = proc.child.pid!;
  const from = heapReadings(proc).length;
  const timer = setInterval(() => process.kill(pid, 'SIGUSR2'), everyMs);
  return {
    async stop(): Promise<{ peak: number; readings: number[] }> {
      clearInterval(timer);
      process.kill(pid, 'SIGUSR2');
      await sleep(1_000);
      const during = heapReadings(proc).slice(from);
      return { peak: Math.max(...during), readings: during };
    },
  };
}
