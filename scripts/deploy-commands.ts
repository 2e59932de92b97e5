/**
 * `npm run deploy-commands`: registers the bot's commands with Discord, globally or, with
 * DISCORD_GUILD_ID, in one server (which takes effect at once). Run it after installing or
 * upgrading, never on every start. `-- --clear` removes them from there instead: the copies a
 * DISCORD_GUILD_ID trial left in a server, which doubled every command once registered globally.
 */
import { Routes, type APIApplication } from 'discord.js';
import { commands } from '../commands/index.js';
import { ConfigError, loadDeployConfig } from '../src/config.js';
import { createDiscordRest } from '../src/discord/core/rest.js';

async function deploy(): Promise<void> {
  let config;
  try {
    config = loadDeployConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
  const rest = createDiscordRest({ token: config.token, apiUrl: config.apiUrl });
  const app = (await rest.get(Routes.currentApplication())) as APIApplication;
  const route = config.guildId
    ? Routes.applicationGuildCommands(app.id, config.guildId)
    : Routes.applicationCommands(app.id);
  const clear = process.argv.includes('--clear');
  const body = clear ? [] : commands.map((c) => c.data);
  const registered = (await rest.put(route, { body })) as { name: string }[];
  if (clear) {
    process.stdout.write(
      `Cleared the commands registered ${config.guildId ? `in server ${config.guildId}` : 'globally (every server; may take up to an hour to vanish)'}.\n`,
    );
    return;
  }
  const where = config.guildId
    ? `server ${config.guildId}`
    : 'every server (global; may take up to an hour to appear)';
  process.stdout.write(
    `Registered ${registered.length} commands (${registered.map((c) => c.name).join(', ')}) for ${where}.\n`,
  );
}

// Exit explicitly: the REST client's keep-alive connections would hold the process open.
deploy().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Could not register the commands: ${message}\n`);
    process.exit(1);
  },
);
