/**
 * The app's own routes: the gateway URL and session start limit, the application and bot
 * user, the bot's servers, command registration, and opening a DM with a user.
 */
import type { ServerResponse } from 'node:http';
import { applicationFlags } from '../gateway/intents.js';
import { ERRORS, json, type RequestBody } from '../http.js';
import { fakeSnowflake } from '../snowflake.js';
import type { FakeState } from '../state.js';
import { validateCommands } from '../validation/commands.js';
import { CHANNEL_TYPE, type PrivateChannel } from '../world/model.js';
import { privateChannelPayload, userPayload } from '../world/payloads.js';

/** Answers the route if it is one of the app's own; returns whether it did. */
export function routeApplication(
  state: FakeState,
  res: ServerResponse,
  method: string,
  path: string,
  body: RequestBody,
  url: URL,
): boolean {
  if (method === 'GET' && path === '/gateway/bot') json(res, 200, gatewayBot(state));
  else if (
    method === 'GET' &&
    (path === '/applications/@me' || path === '/oauth2/applications/@me')
  )
    json(res, 200, applicationPayload(state));
  else if (method === 'GET' && path === '/users/@me')
    json(res, 200, { ...userPayload(state.botUser), bot: true, verified: true });
  else if (method === 'POST' && path === '/users/@me/channels') openDm(state, res, body);
  else if (method === 'GET' && path === '/users/@me/guilds') listOwnGuilds(state, res, url);
  else return routeCommands(state, res, method, path, body);
  return true;
}

function gatewayBot(state: FakeState) {
  const botGuilds = state.world.guilds.filter((g) => state.world.botInGuild(g)).length;
  return {
    url: state.origin.replace('http://', 'ws://'),
    // Discord recommends about one shard per 1000 guilds.
    shards: state.options.recommendedShards ?? Math.max(1, Math.ceil(botGuilds / 1000)),
    session_start_limit: {
      total: state.sessionStart.total,
      remaining: state.sessionStart.remaining,
      reset_after: state.sessionStart.resetAfterMs,
      max_concurrency: state.maxConcurrency,
    },
  };
}

function applicationPayload(state: FakeState) {
  return {
    id: state.applicationId,
    name: 'imgpile-bot',
    description: '',
    icon: null,
    flags: applicationFlags(state),
    bot: { ...userPayload(state.botUser), bot: true },
    bot_public: true,
    bot_require_code_grant: false,
    integration_types_config: Object.fromEntries(
      (state.options.integrationTypes ?? [0]).map((t) => [String(t), {}]),
    ),
  };
}

/** PUT and GET /applications/:id[/guilds/:gid]/commands: the latest registration per scope. */
function routeCommands(
  state: FakeState,
  res: ServerResponse,
  method: string,
  path: string,
  body: RequestBody,
): boolean {
  const m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path);
  if (!m) return false;
  const scope = m[2] ? `guild:${m[2]}` : 'global';
  // A server's own commands only where the app was added to it.
  const guild = m[2] ? state.world.guildById.get(m[2]) : undefined;
  if (m[2] && (!guild || !state.world.botInGuild(guild))) {
    json(res, 403, ERRORS.missingAccess);
    return true;
  }
  if (method === 'PUT') {
    registerCommands(state, res, scope, body);
    return true;
  }
  if (method === 'GET') {
    const latest = [...state.registered].reverse().find((r) => r.scope === scope);
    json(res, 200, latest?.commands ?? []);
    return true;
  }
  return false;
}

function registerCommands(state: FakeState, res: ServerResponse, scope: string, body: RequestBody) {
  const refused = validateCommands(body.json);
  if (refused) return json(res, refused.status, refused.body);
  const list = Array.isArray(body.json) ? (body.json as Record<string, unknown>[]) : [];
  const commands = list.map((c) => ({
    ...c,
    id: fakeSnowflake(),
    application_id: state.applicationId,
    version: '1',
  }));
  state.registered.push({ scope, commands });
  return json(res, 200, commands);
}

/**
 * GET /users/@me/guilds: the bot's servers as partial guilds, by id, `limit` 1-200 (default
 * 200) after `after` (Discord's paging).
 */
function listOwnGuilds(state: FakeState, res: ServerResponse, url: URL) {
  const limitParam = url.searchParams.get('limit');
  const limit = limitParam === null ? 200 : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    return json(res, 400, { message: 'Invalid Form Body', code: 50035 });
  const after = BigInt(url.searchParams.get('after') ?? '0');
  const guilds = state.world.guilds
    .filter((g) => state.world.botInGuild(g) && BigInt(g.id) > after)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .slice(0, limit)
    .map((g) => ({
      id: g.id,
      name: g.name,
      icon: null,
      owner: false,
      permissions: '0',
      features: [],
    }));
  return json(res, 200, guilds);
}

/** POST /users/@me/channels: the DM channel with a user. */
function openDm(state: FakeState, res: ServerResponse, body: RequestBody) {
  const given = (body.json as { recipient_id?: unknown } | null)?.recipient_id;
  const recipientId = typeof given === 'string' ? given : '';
  for (const c of state.world.privateChannels.values())
    if (c.withBot && c.recipients[0]?.id === recipientId)
      return json(res, 200, privateChannelPayload(c));
  const channel: PrivateChannel = {
    id: fakeSnowflake(),
    type: CHANNEL_TYPE.DM,
    recipients: [{ id: recipientId, username: `user-${recipientId.slice(-4)}` }],
    withBot: true,
  };
  state.world.privateChannels.set(channel.id, channel);
  return json(res, 200, privateChannelPayload(channel));
}
