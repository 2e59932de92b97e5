import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import {
  ensureRedis,
  LocalRedisError,
  pingRedis,
  REDIS_PASSWORD_FILE,
  REDIS_USER,
  type RedisEndpoint,
} from '../../src/ops/local-redis.js';
import { redisFindings } from '../../src/ops/redis-findings.js';
import { createRedis } from '../../src/redis.js';
import { eventually } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRole, type RoleProcess } from '../helpers/processes.js';
import { freePort, startRedisServer } from '../helpers/redis-server.js';

const base = { DISCORD_TOKEN: 'discord-secret-value', IMGPILE_TOKEN: 'imgpile-secret-value' };

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'imgpile-bot-local-redis-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A logger whose lines the test can read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

function localConfig(port: number, dir: string, env: Record<string, string> = {}): Config {
  return parseConfig({
    ...base,
    LOCAL_REDIS_PORT: String(port),
    LOCAL_REDIS_DIR: dir,
    ...env,
  });
}

/** ensureRedis, with its stop() queued for the test's cleanup. */
async function ensure(config: Config, log = capturedLogger().log): Promise<RedisEndpoint> {
  const endpoint = await ensureRedis(config, log, { pingTimeoutMs: 300 });
  cleanups.push(() => endpoint.stop());
  return endpoint;
}

/** A TCP server on a free loopback port that answers every connection with `reply`, or not at all. */
async function tcpServer(reply?: string): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', () => {
      if (reply !== undefined) socket.write(reply);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanups.push(() => new Promise((done) => server.close(done)));
  return { port: (server.address() as { port: number }).port, server };
}

describe('config for a local Redis', () => {
  it('remembers whether REDIS_URL was set; unset, the URL follows LOCAL_REDIS_PORT', () => {
    const unset = parseConfig(base);
    expect(unset.redisUrlExplicit).toBe(false);
    expect(unset.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(unset.localRedis).toEqual({ port: 6379, dir: './data/redis' });

    const moved = parseConfig({ ...base, LOCAL_REDIS_PORT: '6390', LOCAL_REDIS_DIR: '/var/x' });
    expect(moved.redisUrl).toBe('redis://127.0.0.1:6390');
    expect(moved.localRedis).toEqual({ port: 6390, dir: '/var/x' });

    // Explicit, even when it names the default address.
    const explicit = parseConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(explicit.redisUrlExplicit).toBe(true);
    // Empty counts as unset, as for every variable.
    expect(parseConfig({ ...base, REDIS_URL: ' ' }).redisUrlExplicit).toBe(false);
  });

  it('reads LOCAL_REDIS_MAXMEMORY in Redis units, and refuses anything else', () => {
    expect(parseConfig({ ...base, LOCAL_REDIS_MAXMEMORY: '1gb' }).localRedis.maxmemory).toBe('1gb');
    expect(parseConfig(base).localRedis.maxmemory).toBeUndefined();
    for (const size of ['lots', '-1mb', '0', '12 mb']) {
      expect(() => parseConfig({ ...base, LOCAL_REDIS_MAXMEMORY: size })).toThrow(
        /LOCAL_REDIS_MAXMEMORY must be a size such as 256mb or 1gb/,
      );
    }
  });

  it('refuses a LOCAL_REDIS_PORT that is not a port', () => {
    for (const port of ['0', '70000', 'redis']) {
      try {
        parseConfig({ ...base, LOCAL_REDIS_PORT: port });
        expect.unreachable(`LOCAL_REDIS_PORT=${port} was accepted`);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).problems).toEqual([
          expect.stringMatching(/^LOCAL_REDIS_PORT /),
        ]);
      }
    }
  });
});

describe('ensureRedis', () => {
  it('returns an explicit REDIS_URL untouched, even when nothing answers there, and starts nothing', async () => {
    const [silentPort, localPort] = [await freePort(), await freePort()];
    const dir = join(tempDir(), 'redis');
    const url = `redis://:pw@127.0.0.1:${silentPort}/2`;
    const { log, lines } = capturedLogger();
    const endpoint = await ensure(localConfig(localPort, dir, { REDIS_URL: url }), log);
    expect(endpoint.url).toBe(url);
    await endpoint.stop();
    expect(lines).toEqual([]);
    expect(existsSync(dir)).toBe(false);
    expect(await pingRedis(localPort, 300)).toEqual({ kind: 'silent' });
  });

  it('nothing answers: starts a private redis-server with an append-only file, says so once, stops it on stop(); the data survives a restart', async () => {
    const port = await freePort();
    const dir = join(tempDir(), 'nested', 'redis');
    const { log, lines } = capturedLogger();
    const first = await ensure(localConfig(port, dir), log);
    expect(first.url).toBe(`redis://127.0.0.1:${port}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', port, dir });
    expect(lines[0]!.msg).toContain(`private redis-server on 127.0.0.1:${port}`);
    expect(lines[0]!.msg).toContain(dir);
    expect(lines[0]!.msg).toContain('nothing answered there and REDIS_URL is unset');

    const client = createRedis(first.connectUrl);
    await client.set('local-redis-test', 'kept');
    await client.quit();
    await first.stop();
    expect(await pingRedis(port, 300)).toEqual({ kind: 'silent' });
    expect(lines.at(-1)).toMatchObject({ msg: 'private redis-server stopped', port });
    const aofDir = join(dir, 'appendonlydir');
    const aof = readdirSync(aofDir)
      .map((f) => readFileSync(join(aofDir, f), 'latin1'))
      .join('');
    expect(aof).toContain('local-redis-test');

    const second = await ensure(localConfig(port, dir));
    const again = createRedis(second.connectUrl);
    expect(await again.get('local-redis-test')).toBe('kept');
    await again.quit();
    await second.stop();
  });

  it('two roles started at once with nothing there share one private redis-server', async () => {
    const port = await freePort();
    const dir = join(tempDir(), 'redis');
    const [a, b] = [capturedLogger(), capturedLogger()];
    const endpoints = await Promise.all([
      ensure(localConfig(port, dir), a.log),
      ensure(localConfig(port, dir), b.log),
    ]);
    expect(endpoints.map((e) => e.url)).toEqual([
      `redis://127.0.0.1:${port}`,
      `redis://127.0.0.1:${port}`,
    ]);
    const announced = [...a.lines, ...b.lines].filter((l) =>
      String(l.msg).startsWith('started a private redis-server'),
    );
    expect(announced).toHaveLength(1);
  });

  it('the private redis-server does not outlive a bot process that is killed', async () => {
    const port = await freePort();
    const dir = join(tempDir(), 'redis');
    const module = pathToFileURL(join(process.cwd(), 'src/ops/local-redis.ts')).href;
    const config = localConfig(port, dir);
    const script = `
      import { ensureRedis } from ${JSON.stringify(module)};
      const log = { info: () => {}, debug: () => {} };
      const redis = await ensureRedis(${JSON.stringify(config)}, log);
      console.log(redis.url);
      setInterval(() => {}, 1000);
    `;
    const bot = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanups.push(() => bot.kill('SIGKILL'));
    const [line] = (await once(bot.stdout, 'data')) as [Buffer];
    expect(line.toString().trim()).toBe(`redis://127.0.0.1:${port}`);
    expect(await pingRedis(port, 1000)).toEqual({ kind: 'pong' });

    bot.kill('SIGKILL');
    await eventually(
      async () => (await pingRedis(port, 300)).kind === 'silent',
      10_000,
      'the private Redis to stop after its bot died',
    );
    // Stopped with SIGTERM, not killed: its append-only file is whole.
    expect(existsSync(join(dir, 'appendonlydir'))).toBe(true);
  });

  it('no redis-server on PATH: one error that says how to get a Redis', async () => {
    const port = await freePort();
    const dir = join(tempDir(), 'redis');
    const path = process.env.PATH;
    process.env.PATH = tempDir();
    let error: unknown;
    try {
      await ensure(localConfig(port, dir));
    } catch (err) {
      error = err;
    } finally {
      process.env.PATH = path;
    }
    expect(error).toBeInstanceOf(LocalRedisError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain('Redis is needed');
    expect(message).toContain(`nothing answered on 127.0.0.1:${port}`);
    expect(message).toContain('apt-get install redis-server');
    expect(message).toContain('docker compose up -d');
    expect(message).toContain('set REDIS_URL');
  });

  it('a port held by something that is not Redis: a clear error from the redis-server that could not start', async () => {
    const { port } = await tcpServer();
    const error = await ensure(localConfig(port, join(tempDir(), 'redis'))).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(LocalRedisError);
    expect((error as Error).message).toContain(`could not start on 127.0.0.1:${port}`);
    expect((error as Error).message).toContain('Address already in use');
    expect((error as Error).message).toContain('LOCAL_REDIS_PORT');
  });

  it('a Redis that refuses PING (a password): says to put it in REDIS_URL, starts nothing', async () => {
    const { port } = await tcpServer('-NOAUTH Authentication required.\r\n');
    const dir = join(tempDir(), 'redis');
    const error = await ensure(localConfig(port, dir)).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(LocalRedisError);
    expect((error as Error).message).toContain(`a Redis answers on 127.0.0.1:${port}`);
    expect((error as Error).message).toContain('NOAUTH');
    expect((error as Error).message).toContain('REDIS_URL');
    expect(existsSync(dir)).toBe(false);
  });
});

describe('a Redis squatting the private port', () => {
  /** ensureRedis's error, or undefined when it resolved. */
  const failure = (config: Config) =>
    ensure(config).then(
      () => undefined,
      (err: unknown) => err as Error,
    );

  /** Another local user's redis-server on the port, left running by the bot, nothing written. */
  async function squatter() {
    const server = await startRedisServer();
    cleanups.push(() => server.stop());
    const admin = createRedis(server.url);
    cleanups.push(() => admin.quit());
    return { server, admin };
  }

  it('one that answers without the password is refused with one clear line, never used', async () => {
    const { server, admin } = await squatter();
    const dir = join(tempDir(), 'redis');
    const error = await failure(localConfig(server.port, dir));
    expect(error).toBeInstanceOf(LocalRedisError);
    expect(error!.message).toContain(`a Redis answers on 127.0.0.1:${server.port}`);
    expect(error!.message).toContain("not the bot's private one");
    expect(error!.message).toContain('REDIS_URL');
    expect(error!.message).toContain('LOCAL_REDIS_PORT');
    expect(await admin.dbsize()).toBe(0);
    expect(await pingRedis(server.port, 1000)).toEqual({ kind: 'pong' });
  });

  it('one that lets the bot in with any password (its user without one) is refused too', async () => {
    const { server, admin } = await squatter();
    await admin.call('ACL', 'SETUSER', REDIS_USER, 'on', 'nopass', '~*', '+@all');
    // The bot's password is there, as after an earlier run: the squatter cannot know it.
    const dir = join(tempDir(), 'redis');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, REDIS_PASSWORD_FILE), `${'ab'.repeat(24)}\n`, { mode: 0o600 });
    const error = await failure(localConfig(server.port, dir));
    expect(error).toBeInstanceOf(LocalRedisError);
    expect(error!.message).toContain("not the bot's private one");
    expect(await admin.dbsize()).toBe(0);
  });

  it('a worker process with REDIS_URL unset stops with that line, and writes nothing there', async () => {
    const { server, admin } = await squatter();
    const dir = join(tempDir(), 'redis');
    const env = {
      ...base,
      REDIS_URL: '',
      LOCAL_REDIS_PORT: String(server.port),
      LOCAL_REDIS_DIR: dir,
    };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'worker'], {
      env: { PATH: process.env.PATH, ...env },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    const worker = { code, stdout: output, stderr: '' };
    expect(worker.code).toBe(1);
    expect(worker.stdout + worker.stderr).toContain("not the bot's private one");
    expect(await admin.dbsize()).toBe(0);
  });
});

describe('the private redis-server is private', () => {
  const modeOf = (path: string) => statSync(path).mode & 0o777;

  it('folder 0700, password file 0600, nothing but PING without the password, maxmemory set; the password is on no command line', async () => {
    const port = await freePort();
    const dir = join(tempDir(), 'redis');
    const endpoint = await ensure(localConfig(port, dir, { LOCAL_REDIS_MAXMEMORY: '64mb' }));
    expect(modeOf(dir)).toBe(0o700);
    const file = join(dir, REDIS_PASSWORD_FILE);
    expect(modeOf(file)).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).toMatch(/^[0-9a-f]{48}$/);
    expect(endpoint.url).toBe(`redis://127.0.0.1:${port}`);
    expect(endpoint.connectUrl).toBe(`redis://${REDIS_USER}:${password}@127.0.0.1:${port}`);

    const anonymous = createRedis(endpoint.url, { maxRetriesPerRequest: 0 });
    cleanups.push(() => anonymous.disconnect());
    expect(await anonymous.ping()).toBe('PONG');
    await expect(anonymous.get('interaction-token')).rejects.toThrow(/NOPERM/);
    await expect(anonymous.set('job', 'forged')).rejects.toThrow(/NOPERM/);
    const guess = createRedis(`redis://${REDIS_USER}:${'0'.repeat(48)}@127.0.0.1:${port}`, {
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    guess.on('error', () => undefined);
    await expect(guess.get('interaction-token')).rejects.toThrow();
    guess.disconnect();

    const bot = createRedis(endpoint.connectUrl);
    cleanups.push(() => bot.quit());
    expect(await bot.config('GET', 'maxmemory')).toEqual(['maxmemory', String(64 * 1024 * 1024)]);
    expect(await bot.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await redisFindings(bot)).toEqual([]);
    expect(execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })).not.toContain(password);
  });

  it('closes a folder others could read, replaces a password file others could read, and a second role uses the running server with the password', async () => {
    const port = await freePort();
    const dir = join(tempDir(), 'redis');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const file = join(dir, REDIS_PASSWORD_FILE);
    writeFileSync(file, 'leaked\n', { mode: 0o644 });
    chmodSync(file, 0o644);
    const first = await ensure(localConfig(port, dir));
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    const password = readFileSync(file, 'utf8').trim();
    expect(password).not.toBe('leaked');

    const { log, lines } = capturedLogger();
    const second = await ensure(localConfig(port, dir), log);
    expect(second.connectUrl).toBe(first.connectUrl);
    expect(lines).toEqual([]);
    const client = createRedis(second.connectUrl);
    await client.set('second-role', 'works');
    expect(await client.get('second-role')).toBe('works');
    await client.quit();
  });
});

describe('a Redis the bot is pointed at', () => {
  it('is checked: a warning names appendonly no and a maxmemory-policy that evicts; one that is right gets none', async () => {
    const loose = await startRedisServer();
    cleanups.push(() => loose.stop());
    const admin = createRedis(loose.url);
    cleanups.push(() => admin.quit());
    await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const warnsOfBoth = (lines: Record<string, unknown>[]) => {
      expect(lines.map(({ level, setting, value }) => ({ level, setting, value }))).toEqual([
        { level: 'warn', setting: 'appendonly', value: 'no' },
        { level: 'warn', setting: 'maxmemory-policy', value: 'allkeys-lru' },
      ]);
      expect(lines.map((l) => l.msg)).toEqual([
        expect.stringMatching(/^Redis runs with appendonly no: /),
        expect.stringMatching(/^Redis runs with maxmemory-policy allkeys-lru: /),
      ]);
    };
    // Through REDIS_URL (a Redis merely found on LOCAL_REDIS_PORT is no longer used at all:
    // "a Redis squatting the private port").
    const explicit = capturedLogger();
    await ensure(localConfig(await freePort(), tempDir(), { REDIS_URL: loose.url }), explicit.log);
    warnsOfBoth(explicit.lines);
    expect((await redisFindings(admin)).map((f) => f.setting)).toEqual([
      'appendonly',
      'maxmemory-policy',
    ]);

    const durable = await startRedisServer({ appendonly: true });
    cleanups.push(() => durable.stop());
    const quiet = capturedLogger();
    await ensure(localConfig(await freePort(), tempDir(), { REDIS_URL: durable.url }), quiet.log);
    expect(quiet.lines).toEqual([]);
  });
});

describe('a worker process with REDIS_URL unset', () => {
  let p: Pipeline | undefined;
  let worker: RoleProcess | undefined;
  afterEach(async () => {
    await worker?.stop('SIGKILL');
    worker = undefined;
    await p?.close();
    p = undefined;
  });

  it('starts a private redis-server, works through it, and stops it on SIGTERM', async () => {
    const port = await freePort();
    const dir = join(tempDir(), 'redis');
    // Its password, chosen here so that the harness can connect: the worker keeps a 0600 one.
    const password = 'f'.repeat(48);
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, REDIS_PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
    // The harness's own connections wait (ioredis reconnects) until the worker has started it.
    p = await startPipeline({
      workers: false,
      redisUrl: `redis://${REDIS_USER}:${password}@127.0.0.1:${port}`,
    });
    worker = await startRole(
      'worker',
      // Empty counts as unset, and wins over a REDIS_URL in the test run's environment.
      { ...p.env, REDIS_URL: '', LOCAL_REDIS_PORT: String(port), LOCAL_REDIS_DIR: dir },
      'worker role started',
    );
    const started = worker.logs.findIndex((l) => l.msg === 'worker role started');
    const announced = worker.logs.findIndex((l) =>
      String(l.msg).startsWith('started a private redis-server'),
    );
    expect(announced).toBeGreaterThanOrEqual(0);
    expect(announced).toBeLessThan(started);
    expect(worker.logs[announced]).toMatchObject({ level: 'info', port, dir });

    const att = p.discord.addAttachment({
      filename: 'local.png',
      content: fileBytes(3000, MAGIC.png, 1),
      contentType: 'image/png',
    });
    const { requestId } = await p.enqueue({ attachments: [att] });
    const result = await p.waitForResult(requestId);
    expect(result.files.map((f) => f.status)).toEqual(['uploaded']);
    await p.close();
    p = undefined;

    expect(await worker.stop('SIGTERM')).toBe(0);
    expect(worker.logs.some((l) => l.msg === 'private redis-server stopped')).toBe(true);
    expect(await pingRedis(port, 300)).toEqual({ kind: 'silent' });
    expect(existsSync(join(dir, 'appendonlydir'))).toBe(true);
  });
});
