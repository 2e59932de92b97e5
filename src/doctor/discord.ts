import { REST, Routes } from 'discord.js';
import type { Config } from '../config.js';
import {
  REGISTER_HOW,
  compareCommands,
  inviteUrl,
  registeredCommands,
} from '../ops/commands-check.js';
import { fail, ok, reasonOf, warn, type CheckResult } from './check.js';

/** Application flags: the portal's Message Content switch (verified apps, or not). */
const MESSAGE_CONTENT_FLAGS = (1 << 18) | (1 << 19);
/** Servers whose own commands are looked for (a trial server is usually among the first). */
const GUILDS_LOOKED_AT = 25;

type Application = { id: string; flags?: number };

/** A REST client that gives up fast: the doctor says what is wrong rather than wait. */
function doctorRest(config: Config): REST {
  return new REST({
    version: '10',
    timeout: 5_000,
    retries: 0,
    ...(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}),
  }).setToken(config.discord.token);
}

function intentsCheck(config: Config, app: Application): CheckResult {
  const enabled = ((app.flags ?? 0) & MESSAGE_CONTENT_FLAGS) !== 0;
  const mode = config.discord.messageContent;
  const portal = `https://discord.com/developers/applications/${app.id}/bot`;
  if (mode === 'off')
    return ok('intents', 'DISCORD_MESSAGE_CONTENT=off: watched channels rehost nothing');
  if (enabled)
    return ok('intents', `Message Content is switched on (DISCORD_MESSAGE_CONTENT=${mode})`);
  if (mode === 'on')
    return fail(
      'intents',
      `DISCORD_MESSAGE_CONTENT=on but "Message Content Intent" is off at ${portal}: switch it on, or set DISCORD_MESSAGE_CONTENT=auto`,
    );
  return warn(
    'intents',
    `"Message Content Intent" is off at ${portal}: watched channels rehost nothing until it is switched on (commands and the menu work)`,
  );
}

/** The servers the bot is in whose own copies of the commands are registered. */
async function guildCopies(rest: REST, app: Application, guildId?: string): Promise<string[]> {
  const guilds = (await rest.get(Routes.userGuilds(), {
    query: new URLSearchParams({ limit: String(GUILDS_LOOKED_AT) }),
  })) as { id: string }[];
  const ids = new Set(guilds.map((g) => g.id));
  if (guildId) ids.add(guildId);
  const found: string[] = [];
  for (const id of ids) {
    const copies = await registeredCommands(rest, app.id, id).catch(() => []);
    if (copies.length > 0) found.push(id);
  }
  return found;
}

async function commandsCheck(rest: REST, app: Application, guildId?: string): Promise<CheckResult> {
  const state = compareCommands(await registeredCommands(rest, app.id));
  const copies = await guildCopies(rest, app, guildId);
  const clear = (id: string) => `DISCORD_GUILD_ID=${id} npm run deploy-commands -- --clear`;
  if (state !== 'none' && copies.length > 0)
    return fail(
      'commands',
      `registered everywhere, and also in server ${copies.join(', ')} (left from a DISCORD_GUILD_ID trial): members there see every command twice. Clear them: ${copies.map(clear).join('; ')}`,
    );
  if (state === 'current') return ok('commands', 'registered everywhere, as this version has them');
  if (state === 'outdated')
    return fail(
      'commands',
      `registered, but not this version's: register them again with ${REGISTER_HOW}`,
    );
  if (copies.length > 0)
    return warn(
      'commands',
      `registered only in server ${copies.join(', ')} (DISCORD_GUILD_ID): unset DISCORD_GUILD_ID and run ${REGISTER_HOW} to register them everywhere, then clear the copies (${copies.map(clear).join('; ')})`,
    );
  return fail('commands', `none registered: members see no /imgpile. Run ${REGISTER_HOW}`);
}

/**
 * The Discord side: the token (the application it opens), the intent switches, the registered
 * commands (and copies left in servers from DISCORD_GUILD_ID trials). Returns the invite URL
 * when the token works.
 */
export async function checkDiscord(
  config: Config,
  /** DISCORD_GUILD_ID: the server deploy-commands registers in, looked at too. */
  guildId?: string,
): Promise<{ results: CheckResult[]; invite: string | null }> {
  const rest = doctorRest(config);
  let app: Application;
  try {
    app = (await rest.get(Routes.currentApplication())) as Application;
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 401)
      return {
        results: [
          fail(
            'discord token',
            'Discord refused DISCORD_TOKEN (401): copy the token from the Bot page of the developer portal (Reset Token)',
          ),
        ],
        invite: null,
      };
    const where = config.discord.apiUrl ? 'DISCORD_API_URL' : 'Discord';
    return {
      results: [
        fail(
          'discord token',
          `could not reach ${where} (${reasonOf(err)}); check the network${config.discord.apiUrl ? ' and DISCORD_API_URL' : ''}`,
        ),
      ],
      invite: null,
    };
  }
  const results = [
    ok('discord token', `DISCORD_TOKEN opens application ${app.id}`),
    intentsCheck(config, app),
  ];
  try {
    results.push(await commandsCheck(rest, app, guildId));
  } catch (err) {
    results.push(fail('commands', `could not read the registered commands (${reasonOf(err)})`));
  }
  return { results, invite: inviteUrl(app.id) };
}
