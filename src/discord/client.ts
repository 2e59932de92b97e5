import { Client, GatewayIntentBits, type ClientOptions } from 'discord.js';

/**
 * The discord.js client. Message Content is needed only to see attachments in watched channels;
 * slash commands and the context menu work without it.
 */
export function createDiscordClient(
  options: { apiUrl?: string | undefined; extra?: Partial<ClientOptions> } = {},
) {
  return new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ],
    // Replies never ping anyone, whatever a handler forgets.
    allowedMentions: { parse: [], repliedUser: false },
    ...(options.apiUrl ? { rest: { api: options.apiUrl } } : {}),
    ...options.extra,
  });
}
