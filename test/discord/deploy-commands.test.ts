import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord.js';
import { GUILD } from '../helpers/cast.js';

let discord: FakeDiscord;
afterEach(async () => discord?.close());

/** Runs the script as its own process (async: the fake Discord lives in this one). */
async function deploy(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/deploy-commands.ts'], {
    env: { PATH: process.env.PATH, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const [status] = (await once(child, 'exit')) as [number | null];
  return { status, stdout, stderr };
}

type Registered = {
  name: string;
  type?: number;
  options?: { name: string; type: number; options?: { name: string }[] }[];
  contexts?: number[];
};

describe('npm run deploy-commands', () => {
  it('registers /imgpile and the context menu globally through DISCORD_API_URL', async () => {
    discord = await startFakeDiscord();
    const run = await deploy({ DISCORD_TOKEN: discord.botToken, DISCORD_API_URL: discord.apiUrl });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /Registered 2 commands \(imgpile, Rehost to imgpile\) for every server/,
    );
    expect(discord.registered).toHaveLength(1);
    expect(discord.registered[0]!.scope).toBe('global');
    const [imgpile, menu] = discord.registered[0]!.commands as Registered[];
    expect(imgpile!.name).toBe('imgpile');
    expect(imgpile!.options!.map((o) => o.name)).toEqual([
      'upload',
      'feed',
      'watch',
      'post',
      'media',
      'quota',
      'settings',
      'account',
      'mine',
      'user',
      'find',
    ]);
    const upload = imgpile!.options!.find((o) => o.name === 'upload')!;
    expect(upload.options!.map((o) => o.name)).toEqual([
      'file',
      'file2',
      'file3',
      'file4',
      'file5',
      'file6',
      'file7',
      'file8',
      'file9',
      'file10',
      'title',
      'description',
      'visibility',
      'nsfw',
      'url',
      'url2',
      'url3',
      'url4',
      'url5',
      'private',
    ]);
    expect(imgpile!.options!.find((o) => o.name === 'watch')!.options!.map((o) => o.name)).toEqual([
      'add',
      'remove',
      'list',
      'backfill',
      'backfill-stop',
    ]);
    expect(imgpile!.options!.find((o) => o.name === 'post')!.options!.map((o) => o.name)).toEqual([
      'view',
      'edit',
      'delete',
    ]);
    expect(menu).toMatchObject({ name: 'Rehost to imgpile', type: 3 });
    // Installable to a server and to a user; usable in servers, the bot's DMs and other DMs.
    for (const command of [imgpile, menu])
      expect(command).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
  });

  it('registers in one server with DISCORD_GUILD_ID', async () => {
    discord = await startFakeDiscord();
    const run = await deploy({
      DISCORD_TOKEN: discord.botToken,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: GUILD,
    });
    expect(run.status).toBe(0);
    expect(discord.registered[0]!.scope).toBe('guild:1000000000000000001');
  });

  it('fails with a clear message, not a stack, when the token is refused or missing', async () => {
    discord = await startFakeDiscord();
    const refused = await deploy({ DISCORD_TOKEN: 'wrong-token', DISCORD_API_URL: discord.apiUrl });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^Could not register the commands: 401: Unauthorized/);
    expect(refused.stderr).not.toContain('wrong-token');
    const missing = await deploy({ DISCORD_API_URL: discord.apiUrl });
    expect(missing.status).toBe(78);
    expect(missing.stderr).toContain('DISCORD_TOKEN is required');
  });
});
