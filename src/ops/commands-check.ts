import { PermissionFlagsBits, Routes, type REST } from 'discord.js';
import { commands } from '../../commands/index.js';

/** What the bot needs in a channel, as the invite asks for it (docs/setup.md). */
export const INVITE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.EmbedLinks;

/** The link that adds the bot to a server, with its commands and the permissions it needs. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${applicationId}&scope=bot+applications.commands&permissions=${INVITE_PERMISSIONS}`;
}

type CommandLike = { name: string; type?: number; options?: CommandLike[] };

/**
 * A command's shape as Discord keeps it: its name, type and the names of its options, nested.
 * Discord adds defaults of its own to what it stores, so only the shape is compared: a command
 * or an option added or removed by an upgrade changes it.
 */
function shape(c: CommandLike): string {
  const options = (c.options ?? []).map(shape).join(',');
  return `${c.type ?? 1}:${c.name}(${options})`;
}

const ours = () => commands.map((c) => shape(c.data as CommandLike)).sort();

/** Registered commands against this version's: none, other ones, or the same. */
export type CommandsState = 'none' | 'outdated' | 'current';

export function compareCommands(registered: unknown[]): CommandsState {
  if (registered.length === 0) return 'none';
  const theirs = (registered as CommandLike[]).map(shape).sort();
  return JSON.stringify(theirs) === JSON.stringify(ours()) ? 'current' : 'outdated';
}

/** The commands registered for the bot everywhere (global), or in one server. */
export async function registeredCommands(
  rest: REST,
  applicationId: string,
  guildId?: string,
): Promise<unknown[]> {
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  return (await rest.get(route)) as unknown[];
}

/** How to register the commands, said wherever it is missing. */
export const REGISTER_HOW =
  'npm run deploy-commands (Docker: docker compose run --rm deploy-commands)';
