import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config.js';
import { createLogger, prettyLogs } from '../src/logger.js';
import { startPipeline, type Pipeline } from './helpers/pipeline.js';
import { productionNodeFlags, startRole } from './helpers/processes.js';

const base = { DISCORD_TOKEN: 'discord-secret-value', IMGPILE_TOKEN: 'imgpile-secret-value' };

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

describe('log format', () => {
  it('LOG_FORMAT: auto (the default), json or pretty; auto is pretty on a terminal only', () => {
    expect(parseConfig(base).logFormat).toBe('auto');
    expect(parseConfig({ ...base, LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => parseConfig({ ...base, LOG_FORMAT: 'yaml' })).toThrow(
      /LOG_FORMAT must be auto, json or pretty/,
    );
    expect(prettyLogs('auto', true)).toBe(true);
    expect(prettyLogs('auto', false)).toBe(false);
    expect(prettyLogs('json', true)).toBe(false);
    expect(prettyLogs('pretty', false)).toBe(true);
  });

  it('pretty lines are for eyes: level, message and fields, secrets masked as in JSON', () => {
    const out = sink();
    const log = createLogger(
      { level: 'info', secrets: ['imgpile-secret-value'], pretty: true, colors: false },
      out.stream,
    );
    log
      .child({ role: 'worker' })
      .warn(
        { guildId: '123', err: new Error('failed with imgpile-secret-value') },
        'upload failed',
      );
    const text = out.text();
    expect(text).toMatch(/WARN.*upload failed/);
    expect(text).toContain('(worker) upload failed {"guildId":"123"}');
    expect(text).not.toContain('imgpile-secret-value');
    expect(text).toContain('[redacted]');
    expect(() => JSON.parse(text.split('\n')[0]!) as unknown).toThrow();
  });
});

describe('a role process', () => {
  let p: Pipeline | undefined;
  afterEach(async () => p?.close());

  it('logs pretty lines with LOG_FORMAT=pretty, and JSON when stdout is not a terminal', async () => {
    p = await startPipeline({ workers: false });
    const child = spawn(
      process.execPath,
      [...productionNodeFlags(), '--import', 'tsx', 'src/main.ts', 'worker'],
      { env: { ...process.env, ...p.env, LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' } },
    );
    const lines: string[] = [];
    const started = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line.includes('worker role started')) resolve(line);
      });
      child.once('exit', () => reject(new Error(`exited: ${lines.join('\n')}`)));
    });
    try {
      const line = await started;
      expect(line).toMatch(/INFO.*\(worker\) worker role started/);
      expect(() => JSON.parse(line) as unknown).toThrow();
    } finally {
      child.kill('SIGKILL');
    }
    // Piped without LOG_FORMAT (auto): JSON.
    const json = await startRole('worker', p.env, 'worker role started');
    expect(json.logs.every((l) => typeof l.level === 'string')).toBe(true);
    await json.stop('SIGTERM');
  });
});
