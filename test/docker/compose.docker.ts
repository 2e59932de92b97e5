import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { CHANNEL, alice } from '../helpers/cast.js';
import { eventually, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { freePort } from '../helpers/redis-server.js';
import {
  composeCommand,
  containerLogs,
  docker,
  exec,
  inspectState,
  waitForLog,
  waitHealthy,
} from './docker.js';

const image = inject('dockerImage');
const runId = inject('dockerRunId');
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The project's docker-compose.yml as a user runs it, with test/docker/compose.host-network.yml
 * laid over it, in a project directory of its own whose `.env` the test writes (the working
 * tree's `.env`, if any, is never read or touched).
 */
function composeProject() {
  const [command, ...prefix] = composeCommand();
  const dir = mkdtempSync(join(tmpdir(), 'imgpile-bot-compose-'));
  const name = `imgpile-bot-test-${runId}`;
  const files = ['docker-compose.yml', 'test/docker/compose.host-network.yml'];
  return {
    name,
    writeEnv(env: Record<string, string>) {
      const lines = Object.entries(env).map(([key, value]) => `${key}=${value}`);
      writeFileSync(join(dir, '.env'), `${lines.join('\n')}\n`);
    },
    run(args: string[], options: { allowFail?: boolean } = {}) {
      const fileArgs = files.flatMap((f) => ['-f', join(ROOT, f)]);
      return exec(
        command!,
        [...prefix, '-p', name, '--project-directory', dir, ...fileArgs, ...args],
        options,
      );
    },
    async ids(service: string) {
      const { stdout } = await this.run(['ps', '-q', service]);
      return stdout.split('\n').filter(Boolean);
    },
    async remove() {
      await this.run(['down', '-v', '--remove-orphans'], { allowFail: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let p: Pipeline | undefined;
const project = composeProject();

afterAll(async () => {
  await project.remove();
  await p?.close();
});

describe('docker-compose.yml', () => {
  it('comes up (Redis with a password, maxmemory, noeviction, append-only), registers the commands, scales to three workers that share the work, and comes down cleanly', async () => {
    const redisPort = await freePort();
    const password = randomBytes(16).toString('hex');
    // The containers get the fakes' settings from .env, as a user's would; REDIS_URL comes
    // from the compose file (with the password), not from .env.
    p = await startPipeline({ workers: false });
    const { REDIS_URL: _notForCompose, ...env } = p.env;
    project.writeEnv({
      ...env,
      LOG_LEVEL: 'info',
      WORKER_CONCURRENCY: '2',
      REDIS_PASSWORD: password,
      TEST_IMAGE: image,
      TEST_REDIS_PORT: String(redisPort),
      TEST_BOT_HEALTH_PORT: String(await freePort()),
    });

    // The README's command registration, before anything runs: it needs no Redis (--no-deps).
    const deploy = await project.run([
      'run',
      '--rm',
      '-T',
      '--no-deps',
      '--entrypoint',
      'node',
      'bot',
      'dist/scripts/deploy-commands.js',
    ]);
    expect(deploy.stdout).toMatch(/Registered \d+ commands/);
    expect(await project.ids('redis')).toEqual([]);
    // The same, as the tools profile's one short command.
    const tool = await project.run(['run', '--rm', '-T', 'deploy-commands']);
    expect(tool.stdout).toMatch(/Registered \d+ commands/);
    expect(await project.ids('redis')).toEqual([]);

    await project.run(['up', '-d', '--no-build']);
    const [redisId] = await project.ids('redis');
    const [botId] = await project.ids('bot');
    await waitHealthy(redisId!);
    await waitHealthy(botId!);
    // The doctor, in Docker, finds nothing to fix.
    const doctor = await project.run(['run', '--rm', '-T', 'doctor']);
    expect(doctor.stdout).toContain('All is well');

    const redis = new Redis(`redis://:${password}@127.0.0.1:${redisPort}`);
    try {
      const config = async (key: string) => ((await redis.config('GET', key)) as string[])[1];
      expect(await config('maxmemory')).toBe(String(256 * 1024 * 1024));
      expect(await config('maxmemory-policy')).toBe('noeviction');
      expect(await config('appendonly')).toBe('yes');
      expect(await config('appendfsync')).toBe('always');
    } finally {
      redis.disconnect();
    }
    const anonymous = new Redis(redisPort, '127.0.0.1', {
      lazyConnect: true,
      enableReadyCheck: false,
      maxRetriesPerRequest: 0,
    });
    anonymous.on('error', () => undefined);
    await expect(anonymous.ping()).rejects.toThrow(/NOAUTH/);
    anonymous.disconnect();

    await project.run(['up', '-d', '--no-build', '--scale', 'worker=3']);
    const workerIds = await project.ids('worker');
    expect(workerIds).toHaveLength(3);
    // Health is off on the scaled workers (one host port each is not to be had): the probe
    // passes, and says nothing of readiness; their logs do.
    await Promise.all(workerIds.map((id) => waitHealthy(id)));
    await Promise.all(
      workerIds.map((id) => waitForLog(id, (l) => l.msg === 'worker role started')),
    );

    // Three requests of four slow files: six upload slots in all, so every worker takes some.
    const last: string[] = [];
    const replies = [0, 1, 2].map((r) => {
      const [file, file2, file3, file4] = [0, 1, 2, 3].map((k) =>
        p!.discord.addAttachment({
          filename: `${r}-${k}.png`,
          content: { size: 256 * 1024, head: MAGIC.png, seed: 100 + r * 10 + k },
          contentType: 'image/png',
          bytesPerSecond: 128 * 1024,
        }),
      );
      const interaction = runImgpile(p!.discord, {
        channelId: CHANNEL,
        user: alice,
        path: ['upload'],
        options: { file: file!, file2: file2!, file3: file3!, file4: file4! },
      });
      return eventually(
        () => {
          // The gallery's heading is bold: its words are what count here.
          const text = textOf(interaction.original()).replace(/\*\*/g, '');
          // Each change is printed: a reply that never finishes shows where it stopped.
          if (text !== (last[r] ?? '')) console.log(`[docker] reply ${r}: ${text.split('\n')[0]}`);
          last[r] = text;
          return text.startsWith('Rehosted') ? text : undefined;
        },
        60_000,
        `reply ${r}`,
      );
    });
    for (const reply of await Promise.all(replies)) {
      expect(reply).toMatch(/^Rehosted 4 files/);
      // Four distinct direct links (a gallery shows the same files again).
      expect(new Set(reply.match(/\/f\/[A-Za-z0-9]+\.png/g))).toHaveProperty('size', 4);
    }
    expect(new Set(p.created().map((u) => u.sha256)).size).toBe(12);
    expect(p.created()).toHaveLength(12);
    const perWorker = await Promise.all(
      workerIds.map(
        async (id) =>
          (await containerLogs(id)).lines.filter((l) => l.msg === 'file rehosted').length,
      ),
    );
    console.log(`[docker] compose: files rehosted per worker: ${perWorker.join(', ')}`);
    expect(perWorker.reduce((a, b) => a + b)).toBe(12);
    expect(
      perWorker.every((n) => n > 0),
      `files per worker: ${perWorker.join(', ')}`,
    ).toBe(true);

    // Down: the bot and every worker stop on their own (exit 0), then nothing is left.
    await project.run(['stop', 'bot', 'worker']);
    for (const id of [botId!, ...workerIds]) expect((await inspectState(id)).ExitCode).toBe(0);
    await project.run(['down', '-v']);
    const left = await docker([
      'ps',
      '-aq',
      '--filter',
      `label=com.docker.compose.project=${project.name}`,
    ]);
    expect(left.stdout.trim()).toBe('');
    const volumes = await docker(['volume', 'ls', '-q', '--filter', `name=${project.name}_`]);
    expect(volumes.stdout.trim()).toBe('');
  });
});
