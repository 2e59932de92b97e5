import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export const MB = 1024 * 1024;

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
  const { readFile } = await import('node:fs/promises');
  try {
    const text = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) =>
      Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
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
