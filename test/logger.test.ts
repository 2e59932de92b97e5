import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('writes JSON with the level label, object first and message second', () => {
    const { lines, stream } = capture();
    createLogger({ level: 'info' }, stream)
      .child({ subsystem: 'test' })
      .info({ guildId: '1' }, 'hello');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'info', subsystem: 'test', guildId: '1', msg: 'hello' });
  });

  it('redacts tokens and Authorization headers by key', () => {
    const { lines, stream } = capture();
    const log = createLogger({}, stream);
    log.info(
      {
        token: 'abc',
        headers: { authorization: 'Bearer abc' },
        req: { headers: { authorization: 'Bearer x' } },
      },
      'x',
    );
    const text = lines.join('');
    expect(text).not.toContain('abc');
    expect(text).not.toContain('Bearer');
    expect(text).toContain('[redacted]');
  });

  it('masks a known secret wherever it appears, even inside a message', () => {
    const { lines, stream } = capture();
    const log = createLogger({ secrets: ['imgpile-secret-123'] }, stream);
    log.error(
      { err: new Error('failed with imgpile-secret-123 in it') },
      'token imgpile-secret-123 leaked',
    );
    const text = lines.join('');
    expect(text).not.toContain('imgpile-secret-123');
    expect(text.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('masks interaction tokens inside Discord webhook and callback URLs', () => {
    const { lines, stream } = capture();
    const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXR0b2tlbg';
    createLogger({}, stream).warn(
      {
        err: {
          url: `https://discord.com/api/v10/webhooks/1300000000000000001/${token}/messages/@original`,
          message: 'Invalid Webhook Token',
        },
        callback: `/interactions/1400000000000000001/${token}/callback`,
      },
      'could not edit',
    );
    const text = lines.join('');
    expect(text).not.toContain(token);
    expect(text).toContain('/webhooks/1300000000000000001/[redacted]/messages/@original');
    expect(text).toContain('/interactions/1400000000000000001/[redacted]/callback');
  });

  it("never logs a Discord error's request body, nor an access key anywhere", async () => {
    const { lines, stream } = capture();
    const { DiscordAPIError } = await import('discord.js');
    const body = { content: 'Your private post: https://imgpile.com/p/abc1234?key=ab12cd34ef' };
    const err = new DiscordAPIError(
      { message: 'Invalid Webhook Token', code: 50027 },
      50027,
      401,
      'PATCH',
      'https://discord.com/api/v10/webhooks/1/x/messages/@original',
      { body, files: [] },
    );
    createLogger({}, stream).warn({ err }, 'could not edit the interaction reply');
    createLogger({}, stream).info(
      { link: 'https://imgpile.com/p/abc1234?key=ab12cd34ef&x=1' },
      'x',
    );
    const text = lines.join('');
    expect(text).toContain('Invalid Webhook Token');
    expect(text).not.toContain('ab12cd34ef');
    expect(text).not.toContain('Your private post');
    expect(text).toContain('?key=[redacted]');
  });
});
