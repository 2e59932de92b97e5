import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export const MB = 1024 * 1024;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a TypeScript entry point under tsx and resolves with its first JSON line. */
export async function startJsonProcess<T>(
  entry: string,
  args: string[] = [],
): Promise<{ child: ChildProcess; first: T; lines: AsyncIterableIterator<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = await lines.next();
  if (next.done) throw new Error(`${entry} exited before printing its address`);
  return { child, first: JSON.parse(next.value) as T, lines };
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Peak and current resident set of another process, read from /proc (Linux). */
export async function vmStatus(pid: number): Promise<{ rss: number; hwm: number } | null> {
  try {
    const text = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

/**
 * How far another process's resident set rises above where it was while `during` runs: its
 * high-water mark is reset first (Linux: `clear_refs`), so every peak is caught, however short.
 * Where that is refused, read every 5 ms instead.
 */
export async function peakGrowth<T>(pid: number, during: () => Promise<T>) {
  const before = (await vmStatus(pid))!.rss;
  const reset = await writeFile(`/proc/${pid}/clear_refs`, '5').then(
    () => true,
    () => false,
  );
  let polled = before;
  const poll = reset
    ? null
    : setInterval(() => {
        void vmStatus(pid).then((v) => v && (polled = Math.max(polled, v.rss)));
      }, 5);
  try {
    const result = await during();
    const peak = reset ? (await vmStatus(pid))!.hwm : polled;
    return { before, growth: peak - before, result };
  } finally {
    if (poll) clearInterval(poll);
  }
}

/** User plus system CPU time of a process, in clock ticks (Linux /proc). */
async function cpuTicks(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the process has used almost no CPU for `quietMs` (it is done processing). */
export async function waitForIdle(pid: number, quietMs = 3_000, maxMs = 180_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = await cpuTicks(pid);
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(500);
    const now = await cpuTicks(pid);
    // A heartbeat or a timer costs a tick now and then; work costs many.
    if (now - last > 2) quietSince = Date.now();
    last = now;
    if (Date.now() - quietSince >= quietMs) return;
  }
  throw new Error(`process ${pid} was still busy after ${maxMs / 1000} s`);
}

export function fmtMB(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

export function verdict(ok: boolean): string {
  return ok ? 'OK' : 'MISSED';
}

/**
 * `curl -F file=@-` uploading its standard input to `<uploadUrl>/media`: the baseline both
 * benches compare with. Resolves null when curl is not installed. `done()` resolves once curl
 * exits, and throws unless imgpile answered 201.
 */
export async function spawnCurlUpload(uploadUrl: string, token: string, filename: string) {
  const curl = spawn(
    'curl',
    [
      '-sS',
      '-o',
      '/dev/null',
      '-w',
      '%{http_code}',
      '-H',
      `Authorization: Bearer ${token}`,
      '-F',
      `file=@-;filename=${filename};type=image/jpeg`,
      `${uploadUrl}/media`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const spawned = await Promise.race([
    once(curl, 'spawn').then(() => true),
    once(curl, 'error').then(() => false),
  ]);
  if (!spawned) return null;
  let status = '';
  curl.stdout.on('data', (d: Buffer) => (status += d.toString()));
  return {
    child: curl,
    async done() {
      await once(curl, 'exit');
      if (status !== '201') throw new Error(`baseline upload got HTTP ${status}`);
    },
  };
}
