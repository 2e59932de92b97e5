import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRole, type RoleProcess } from '../helpers/processes.js';
import { freePort } from '../helpers/redis-server.js';

let p: Pipeline | undefined;
const procs: RoleProcess[] = [];

afterEach(async () => {
  await Promise.all(procs.splice(0).map((proc) => proc.stop('SIGTERM')));
  await p?.close();
  p = undefined;
});

const APP_ID = '1300000000000000001';
const INVITE = `https://discord.com/oauth2/authorize?client_id=${APP_ID}&scope=bot+applications.commands&permissions=274877992000`;
const notRegistered = (l: Record<string, unknown>) =>
  String(l.msg).startsWith('no commands are registered for this bot');

describe('the bot role at start', () => {
  it('prints the invite URL, and warns, saying how to register, when no commands are registered', async () => {
    p = await startPipeline({ workers: false });
    const bot = await startRole('bot', p.env, 'bot role started');
    procs.push(bot);
    const invite = await bot.waitForLog((l) => l.invite !== undefined);
    expect(invite).toMatchObject({ level: 'info', invite: INVITE });
    const warning = await bot.waitForLog(notRegistered);
    expect(warning.level).toBe('warn');
    expect(String(warning.msg)).toContain('npm run deploy-commands');
    expect(String(warning.msg)).toContain('docker compose run --rm deploy-commands');
  });

  it('says nothing of commands registered as this version has them, and warns when they are not', async () => {
    p = await startPipeline({ workers: false });
    const ours = commands.map((c) => ({ ...c.data, id: '1', application_id: APP_ID }));
    p.discord.registered.push({ scope: 'global', commands: ours });
    const current = await startRole('bot', p.env, 'bot role started');
    await current.waitForLog((l) => l.invite !== undefined);
    await current.stop('SIGTERM');
    expect(
      current.logs.filter((l) => l.level === 'warn' && /commands/.test(String(l.msg))),
    ).toEqual([]);

    // An older version's: the menu was not there yet.
    p.discord.registered.push({ scope: 'global', commands: ours.slice(0, 1) });
    const older = await startRole('bot', p.env, 'bot role started');
    procs.push(older);
    const warning = await older.waitForLog((l) =>
      String(l.msg).startsWith("the registered commands are not this version's"),
    );
    expect(warning.level).toBe('warn');
  });
});

describe('a refused IMGPILE_TOKEN', () => {
  it('is an error line naming IMGPILE_TOKEN, said once, and a metric, without the token', async () => {
    p = await startPipeline({ workers: false });
    const port = await freePort();
    const token = 'imgpile-token-nobody-knows';
    const worker = await startRole(
      'worker',
      { ...p.env, IMGPILE_TOKEN: token, HEALTH_PORT: String(port) },
      'worker role started',
    );
    procs.push(worker);
    const line = await worker.waitForLog((l) => l.variable === 'IMGPILE_TOKEN');
    expect(line).toMatchObject({ level: 'error' });
    expect(String(line.msg)).toMatch(/^imgpile refused IMGPILE_TOKEN \(401 Unauthenticated\)/);
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('imgpile_bot_setup_problem{variable="IMGPILE_TOKEN"} 1');

    // An upload refused for the same reason says nothing more.
    const att = p.discord.addAttachment({ filename: 'a.png', content: { size: 2000 } });
    const { requestId } = await p.enqueue({ attachments: [att] });
    await p.waitForResult(requestId, 20_000);
    expect(worker.logs.filter((l) => l.variable === 'IMGPILE_TOKEN')).toHaveLength(1);
    expect(JSON.stringify(worker.logs) + worker.stderr()).not.toContain(token);
  });

  it('an accepted token is said once, and the metric stays 0', async () => {
    p = await startPipeline({ workers: false });
    const port = await freePort();
    const worker = await startRole(
      'worker',
      { ...p.env, HEALTH_PORT: String(port) },
      'worker role started',
    );
    procs.push(worker);
    await worker.waitForLog((l) => l.msg === 'imgpile accepts IMGPILE_TOKEN');
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).not.toContain('imgpile_bot_setup_problem{variable="IMGPILE_TOKEN"} 1');
  });
});
