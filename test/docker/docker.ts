import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * The Docker CLI, as the tests drive it: whatever engine DOCKER_HOST names (the private one of
 * ../shared/tools/docker-engine, or a developer's own). Every container and image the tests make
 * carries LABEL, so that a run cleans up only what it made.
 */
export const LABEL = 'org.imgpile-bot.docker-test';

export type Run = { code: number; stdout: string; stderr: string };

/**
 * Runs `command args`, resolving with its output; rejects on a non-zero exit unless `allowFail`.
 * `env` is added to this process's environment: values passed that way (docker run `-e NAME`)
 * never appear on a command line.
 */
export function exec(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; allowFail?: boolean; echo?: boolean } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (options.echo) process.stdout.write(d);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (options.echo) process.stderr.write(d);
    });
    child.once('error', reject);
    child.once('close', (code) => {
      const run = { code: code ?? -1, stdout, stderr };
      if (run.code === 0 || options.allowFail) resolve(run);
      else
        reject(
          new Error(
            `${command} ${args.slice(0, 3).join(' ')} … exited ${run.code}: ${stderr.trim().slice(-2000)}`,
          ),
        );
    });
  });
}

export const docker = (args: string[], options?: Parameters<typeof exec>[2]) =>
  exec('docker', args, options);

/** Why no engine can be used, or null when one answers. */
export function engineProblem(): string | null {
  const run = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
  });
  if (run.error) return `the docker CLI was not found (${run.error.message})`;
  if (run.status !== 0)
    return `no Docker engine answers at ${process.env.DOCKER_HOST ?? 'the default socket'}: ${run.stderr.trim()}`;
  return null;
}

/** `docker compose` (v2) when the CLI has it, else Debian's `docker-compose` (1.29). */
export function composeCommand(): string[] {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0)
    return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0)
    return ['docker-compose'];
  throw new Error('neither `docker compose` nor `docker-compose` is installed');
}

export type ContainerState = {
  Status: string;
  Running: boolean;
  ExitCode: number;
  OOMKilled: boolean;
  Health?: { Status: string; Log: { ExitCode: number; Output: string }[] };
};

export async function inspectState(id: string): Promise<ContainerState> {
  const { stdout } = await docker(['inspect', '--format', '{{json .State}}', id]);
  return JSON.parse(stdout) as ContainerState;
}

/** The container's stdout and stderr; stdout's JSON log lines parsed. */
export async function containerLogs(id: string) {
  const { stdout, stderr } = await docker(['logs', id]);
  const lines = stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return { msg: line };
      }
    });
  return { lines, text: stdout + stderr };
}

async function poll<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits for the image's HEALTHCHECK to pass; fails at once if the container stops. */
export async function waitHealthy(id: string, timeoutMs = 60_000): Promise<void> {
  await poll(`${id} to be healthy`, timeoutMs, async () => {
    const state = await inspectState(id);
    if (!state.Running)
      throw new Error(
        `${id} stopped (exit ${state.ExitCode}): ${(await containerLogs(id)).text.slice(-1500)}`,
      );
    return state.Health?.Status === 'healthy' ? true : undefined;
  });
}

/** Waits for the container to stop on its own; returns its final state. */
export function waitForExit(id: string, timeoutMs = 30_000): Promise<ContainerState> {
  return poll(`${id} to exit`, timeoutMs, async () => {
    const state = await inspectState(id);
    return state.Running ? undefined : state;
  });
}

/** Waits for a JSON log line that `match` accepts, and returns it. */
export function waitForLog(
  id: string,
  match: (line: Record<string, unknown>) => boolean,
  timeoutMs = 30_000,
) {
  return poll(`a log line from ${id}`, timeoutMs, async () =>
    (await containerLogs(id)).lines.find(match),
  );
}

export type Container = {
  id: string;
  name: string;
  healthy: () => Promise<void>;
  /** Waits for the log line `msg`. */
  ready: (msg: string) => Promise<unknown>;
  logs: () => ReturnType<typeof containerLogs>;
  state: () => Promise<ContainerState>;
  exited: () => Promise<ContainerState>;
  /** `docker stop` with Docker's default timeout; resolves with how long it took. */
  stop: () => Promise<number>;
  remove: () => Promise<void>;
};

/**
 * `docker run -d` of the image in `role`, on the host's network (the fakes and Redis listen on
 * the host's loopback). The environment is passed by name only. Health is probed every second.
 */
export async function runContainer(
  image: string,
  role: string,
  env: Record<string, string>,
  runId: string,
): Promise<Container> {
  const name = `imgpile-bot-test-${runId}-${role}-${randomBytes(3).toString('hex')}`;
  const args = ['run', '-d', '--name', name, '--label', `${LABEL}=${runId}`, '--network', 'host'];
  args.push('--health-interval', '1s', '--health-timeout', '5s');
  for (const key of Object.keys(env)) args.push('-e', key);
  args.push(image, role);
  const { stdout } = await docker(args, { env });
  const id = stdout.trim();
  return {
    id,
    name,
    healthy: () => waitHealthy(id),
    ready: (msg) => waitForLog(id, (l) => l.msg === msg),
    logs: () => containerLogs(id),
    state: () => inspectState(id),
    exited: () => waitForExit(id),
    async stop() {
      const started = performance.now();
      await docker(['stop', id]);
      return performance.now() - started;
    },
    async remove() {
      await docker(['rm', '-f', '-v', id], { allowFail: true });
    },
  };
}

/** Removes every container of this run (and its anonymous volumes). */
export async function removeContainers(runId: string): Promise<void> {
  const { stdout } = await docker(['ps', '-aq', '--filter', `label=${LABEL}=${runId}`]);
  const ids = stdout.split('\n').filter(Boolean);
  if (ids.length > 0) await docker(['rm', '-f', '-v', ...ids], { allowFail: true });
}
