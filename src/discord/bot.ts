import { Events, Status, type Client, type GatewayIntentsString } from 'discord.js';
import type { Config } from '../config.js';
import { createIdentifyThrottler } from '../limits/identify.js';
import type { Redis } from '../redis.js';
import { noteInteractionChannel } from './core/channels.js';
import { createDiscordClient } from './core/client.js';
import type { BotContext, Command } from './core/context.js';
import { createDispatcher, type InteractionObserver } from './core/dispatcher.js';
import {
  GatewayFatalError,
  asGatewayFatal,
  fetchApplication,
  readyOrFatal,
  untilReachable,
} from './core/gateway.js';
import { registerCatchUp, type CatchUp } from './intake/catchup.js';
import { registerDeleteListener } from './intake/deletes.js';
import { registerLateEmbedListener } from './intake/late-embeds.js';
import { registerWatchListener } from './intake/listeners.js';

export type BotOptions = {
  observe?: InteractionObserver;
  /** A patient connection, for session start pacing shared across bot processes. */
  identifyRedis?: Redis;
};

const BASE_INTENTS: GatewayIntentsString[] = ['Guilds', 'GuildMessages'];

/**
 * Which shards this process runs: every shard (auto, or a count), or DISCORD_SHARD_IDS of
 * DISCORD_SHARD_COUNT when several processes split one bot's shards.
 */
function shardOptions(discord: Config['discord']) {
  if (discord.shardIds)
    return { shards: discord.shardIds, shardCount: discord.shardCount as number };
  return discord.shardCount === 'auto'
    ? { shards: 'auto' as const }
    : {
        shards: Array.from({ length: discord.shardCount }, (_, i) => i),
        shardCount: discord.shardCount,
      };
}

/** Builds the client with or without Message Content, its handlers attached. */
function buildClient(ctx: BotContext, commands: Command[], options: BotOptions, content: boolean) {
  const { config } = ctx;
  const log = ctx.log.child({ subsystem: 'bot' });
  const identifyRedis = options.identifyRedis;
  const client = createDiscordClient({
    apiUrl: config.discord.apiUrl,
    intents: content ? [...BASE_INTENTS, 'MessageContent'] : BASE_INTENTS,
    keepChannel: ctx.watched.keeps,
    extra: {
      ...shardOptions(config.discord),
      ...(identifyRedis
        ? {
            ws: {
              buildIdentifyThrottler: async (manager) => {
                const info = await manager.fetchGatewayInformation();
                return createIdentifyThrottler({
                  redis: identifyRedis,
                  prefix: config.redisPrefix,
                  maxConcurrency: info.session_start_limit.max_concurrency,
                });
              },
            },
          }
        : {}),
    },
  });
  ctx.discordInvalidRequests.watch(client.rest);
  ctx.watched.attach(client);
  const dispatch = createDispatcher(commands, ctx, options.observe);
  // Before the interaction itself: how Discord described a channel the bot does not cache.
  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) =>
    noteInteractionChannel(packet, (id) => client.channels.cache.has(id)),
  );
  client.on(Events.InteractionCreate, (interaction) => void dispatch(interaction));
  // Read only once a message is handled, after both exist.
  const watch = registerWatchListener(client, ctx, (m, outcome) => catchUp.handled(m, outcome));
  const catchUp: CatchUp = registerCatchUp(client, ctx, watch);
  registerLateEmbedListener(client, ctx);
  registerDeleteListener(client, ctx);
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn({ shardId, code: event.code }, 'gateway disconnected'),
  );
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'gateway reconnecting'));
  return client;
}

/** Logs in and waits until every shard is ready, waiting out a network that is not up yet. */
async function connect(ctx: BotContext, client: Client, appId: string) {
  const log = ctx.log.child({ subsystem: 'bot' });
  const ready = readyOrFatal(client, appId);
  ready.catch(() => undefined); // observed below; login may fail first
  try {
    await untilReachable('logging in', log, () => client.login(ctx.config.discord.token));
    await ready;
  } catch (err) {
    throw asGatewayFatal(err, appId) ?? err;
  }
}

/**
 * The gateway connection, the interaction dispatcher and the watch listener, on the bot's
 * context. Message Content is asked for only when the developer portal has it switched on
 * (DISCORD_MESSAGE_CONTENT=auto), and dropped if Discord refuses it anyway (4014): slash
 * commands and the menu work without it. Resolves once every shard is ready; a failure only an
 * admin can fix rejects with GatewayFatalError (one line saying what to change).
 */
export async function startDiscordBot(ctx: BotContext, commands: Command[], options: BotOptions) {
  const { config } = ctx;
  const log = ctx.log.child({ subsystem: 'bot' });
  const app = await fetchApplication(ctx.discordRest, log);
  const mode = config.discord.messageContent;
  let content = mode === 'on' || (mode === 'auto' && app.messageContent);
  let client: Client;
  for (;;) {
    client = buildClient(ctx, commands, options, content);
    try {
      await connect(ctx, client, app.id);
      break;
    } catch (err) {
      await client.destroy();
      const refused = err instanceof GatewayFatalError && err.code === 4014;
      if (!(refused && content && mode === 'auto')) throw err;
      content = false;
      log.warn(
        'Discord refused Message Content although the portal seemed to allow it; connecting without it',
      );
    }
  }
  ctx.features.messageContent = content;
  if (!content) {
    log.warn(
      {
        intent: 'Message Content',
        portal: `https://discord.com/developers/applications/${app.id}/bot`,
      },
      'running without the Message Content intent: watched channels cannot see attachments until "Message Content Intent" is switched on in the developer portal (then restart); slash commands and the menu work',
    );
  }
  log.info(
    { user: client.user?.tag, guilds: client.guilds.cache.size, messageContent: content },
    'connected to Discord',
  );
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
