import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { INTENTS, manyGuilds } from '../fakes/discord.js';
import { GALLERY, GENERAL, alice, moderator, testServer } from '../helpers/cast.js';
import { eventually, runImgpile, runRehostMessage } from '../helpers/interactions.js';
import { textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { productionNodeFlags } from '../helpers/processes.js';

let p: Pipeline | undefined;
const children: ReturnType<typeof spawn>[] = [];
afterEach(async () => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  await p?.close();
  p = undefined;
});

type LogLine = { level: string; msg: string; code?: number | string; [k: string]: unknown };

/** Runs the bot role as a process and follows its JSON log lines. */
function runBot(env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [...productionNodeFlags(), '--import', 'tsx', 'src/main.ts', 'bot'],
    {
      env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    },
  );
  children.push(child);
  const lines: LogLine[] = [];
  createInterface({ input: child.stdout }).on('line', (l) => {
    try {
      lines.push(JSON.parse(l) as LogLine);
    } catch {
      lines.push({ level: 'raw', msg: l });
    }
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, lines, exited };
}

describe('first contact: Message Content', () => {
  it('without Message Content in the portal, the bot starts; commands and the menu work; the log names the intent', async () => {
    p = await startPipeline({
      bot: true,
      discord: { privilegedIntents: { messageContent: false } },
    });
    expect(p.bot!.ctx.features.messageContent).toBe(false);
    const identify = p.discord.identifies.at(-1)!;
    expect(identify.intents & INTENTS.MESSAGE_CONTENT).toBe(0);
    const att = p.discord.addAttachment({ filename: 'a.png', content: fileBytes(2000, MAGIC.png) });
    const upload = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: att },
    });
    await eventually(() => textOf(upload.original()).includes('/f/'), 15_000, 'the upload reply');
    const msg = p.discord.postMessage({
      channelId: GENERAL,
      author: alice,
      attachments: [
        p.discord.addAttachment({ filename: 'm.png', content: fileBytes(2000, MAGIC.png, 2) }),
      ],
    });
    const menu = runRehostMessage(p.discord, { channelId: GENERAL, user: alice, message: msg });
    await eventually(() => textOf(menu.original()).includes('/f/'), 15_000, 'the menu reply');
  });

  it('watch add and watch list say that watched channels cannot see attachments yet', async () => {
    p = await startPipeline({
      bot: true,
      discord: { privilegedIntents: { messageContent: false } },
    });
    const add = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    const reply = await eventually(() => add.original(), 5000, 'the watch reply');
    expect(reply.content).toMatch(/Message Content/);
    const list = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'list'],
    });
    expect((await eventually(() => list.original(), 5000)).content).toMatch(/Message Content/);
  });

  it('DISCORD_MESSAGE_CONTENT=on without the portal switch: one fatal line naming the intent, never the token', async () => {
    p = await startPipeline({
      workers: false,
      discord: { privilegedIntents: { messageContent: false } },
    });
    const bot = runBot({ ...p.env, DISCORD_MESSAGE_CONTENT: 'on' });
    expect(await bot.exited).toBe(1);
    const fatal = bot.lines.filter((l) => l.level === 'fatal');
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({ code: 4014 });
    expect(fatal[0]!.msg).toMatch(/Message Content Intent/);
    expect(fatal[0]!.msg).not.toMatch(/DISCORD_TOKEN/);
  });
});

describe('first contact: gateway close codes an admin can cause', () => {
  it('4011: too many servers for one shard', async () => {
    p = await startPipeline({
      workers: false,
      discord: { guilds: [testServer(), ...manyGuilds(3, 1)], maxGuildsPerShard: 2 },
    });
    const bot = runBot({ ...p.env, DISCORD_SHARD_COUNT: '1' });
    expect(await bot.exited).toBe(1);
    const fatal = bot.lines.find((l) => l.level === 'fatal');
    expect(fatal).toMatchObject({ code: 4011 });
    expect(fatal!.msg).toMatch(/requires sharding.*DISCORD_SHARD_COUNT/);
  });

  it('4010: a shard count Discord does not accept', async () => {
    p = await startPipeline({ workers: false, discord: { shardCountMultiple: 16 } });
    const bot = runBot({ ...p.env, DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '0' });
    expect(await bot.exited).toBe(1);
    const fatal = bot.lines.find((l) => l.level === 'fatal');
    expect(fatal).toMatchObject({ code: 4010 });
    expect(fatal!.msg).toMatch(/DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS/);
  });
});

describe('first contact: the network', () => {
  it('Discord unreachable at start: the bot says so (not the token), keeps retrying, and comes up when it can', async () => {
    p = await startPipeline({ workers: false, discord: { startUnreachable: true } });
    const bot = runBot({ ...p.env });
    const waiting = await eventually(
      () => bot.lines.find((l) => /Discord cannot be reached/.test(l.msg)),
      20_000,
      'the unreachable line',
    );
    expect(waiting.level).toBe('warn');
    expect(JSON.stringify(bot.lines)).not.toMatch(/DISCORD_TOKEN/);
    await p.discord.acceptConnections();
    await eventually(
      () => bot.lines.find((l) => l.msg === 'bot role started'),
      30_000,
      'the start',
    );
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
