import { Events, Status } from 'discord.js';
import type { Config } from '../config.js';
import { createDiscordClient } from './client.js';
import type { BotContext, Command } from './context.js';
import { createDispatcher, type InteractionObserver } from './dispatcher.js';
import { registerWatchListener } from './listeners.js';

export type BotOptions = { observe?: InteractionObserver };

/** discord.js's own sharding: 'auto' asks Discord how many shards this bot needs. */
function shardOptions(shards: Config['discord']['shards']) {
  return shards === 'auto'
    ? { shards: 'auto' as const }
    : { shards: Array.from({ length: shards }, (_, i) => i), shardCount: shards };
}

/**
 * The gateway connection, the interaction dispatcher and the watch listener, on the bot's
 * context. Resolves once the client is ready.
 */
export async function startDiscordBot(ctx: BotContext, commands: Command[], options: BotOptions) {
  const { config } = ctx;
  const log = ctx.log.child({ subsystem: 'bot' });
  const client = createDiscordClient({
    apiUrl: config.discord.apiUrl,
    extra: shardOptions(config.discord.shards),
  });
  const dispatch = createDispatcher(commands, ctx, options.observe);
  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  registerWatchListener(client, ctx);
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn({ shardId, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'gateway reconnecting'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.discord.token);
  await ready;
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'connected to Discord');
  return {
    client,
    ctx,
    /** Every shard is connected and ready (for the health check). */
    isReady: () => client.isReady() && client.ws.status === Status.Ready,
    async close() {
      await client.destroy();
    },
  };
}
