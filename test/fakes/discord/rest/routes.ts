/**
 * The REST API routes the bot uses: the interaction routes (authenticated by the interaction
 * token), then, with the bot's token, the app's own routes and the channel routes. Every call is
 * recorded; injected failures and invalid requests are answered and counted first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from '../gateway/gateway.js';
import { ERRORS, json, readBody, type RequestBody } from '../http.js';
import { handleCallback } from '../interactions/callback.js';
import { handleWebhook } from '../interactions/webhook.js';
import type { FakeState } from '../state.js';
import { anyChannelPayload, privateChannelPayload } from '../world/payloads.js';
import { accessChannel, refused } from './access.js';
import { routeApplication } from './application.js';
import { routeGuild } from './guilds.js';
import { listMessages, readMessage } from './history.js';
import { createMessage, deleteMessage, editChannelMessage, react } from './messages.js';
import { countIfInvalid, injectedDelay, injectedFailure } from './refusals.js';

export async function handleRest(
  state: FakeState,
  gateway: Gateway,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
  const body = await readBody(req);
  const method = req.method ?? 'GET';
  const delay = injectedDelay(state, method, path);
  if (delay > 0) await new Promise((r) => setTimeout(r, delay));
  state.restCalls.push({
    method,
    path,
    body: body.json,
    authorization: req.headers.authorization,
    at: Date.now(),
  });
  countIfInvalid(state, res, method, path);
  if (injectedFailure(state, res, method, path)) return;
  if (routeInteraction(state, res, method, path, body, url)) return;
  if (method === 'GET' && path === '/gateway')
    return json(res, 200, { url: state.origin.replace('http://', 'ws://') });

  if (req.headers.authorization !== `Bot ${state.botToken}` || state.tokenReset)
    return json(res, 401, ERRORS.unauthorized);
  if (routeApplication(state, res, method, path, body, url)) return;
  if (routeChannel(state, gateway, res, method, path, body, url)) return;
  if (routeGuild(state, res, method, path)) return;
  return json(res, 404, ERRORS.notFound);
}

/** Interaction and webhook routes authenticate with the interaction token, not the bot's. */
function routeInteraction(
  state: FakeState,
  res: ServerResponse,
  method: string,
  path: string,
  body: RequestBody,
  url: URL,
): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST') {
    const withResponse = url.searchParams.get('with_response') === 'true';
    handleCallback(state, res, m[1]!, m[2]!, body, withResponse);
    return true;
  }
  if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path))) {
    const match = { applicationId: m[1]!, token: m[2]!, messageId: m[3] };
    handleWebhook(state, res, method, match, body);
    return true;
  }
  return false;
}

function routeChannel(
  state: FakeState,
  gateway: Gateway,
  res: ServerResponse,
  method: string,
  path: string,
  body: RequestBody,
  url: URL,
): boolean {
  let m: RegExpExecArray | null;
  if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET') getChannel(state, res, m[1]!);
  else if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'GET')
    listMessages(state, res, m[1]!, url.searchParams);
  else if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST')
    createMessage(state, gateway, res, m[1]!, body);
  else if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
    if (method === 'PATCH') editChannelMessage(state, gateway, res, m[1]!, m[2]!, body);
    else if (method === 'GET') readMessage(state, res, m[1]!, m[2]!);
    else if (method === 'DELETE') deleteMessage(state, gateway, res, m[1]!, m[2]!);
    else return false;
  } else if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/.exec(path)))
    react(state, res, method, m[1]!, m[2]!, m[3]!);
  else if (method === 'POST' && path === '/attachments/refresh-urls') {
    const urls = (body.json as { attachment_urls?: unknown } | null)?.attachment_urls;
    if (!Array.isArray(urls)) json(res, 400, { message: 'Invalid Form Body', code: 50035 });
    else json(res, 200, { refreshed_urls: state.cdn.refresh(urls) });
  } else return false;
  return true;
}

function getChannel(state: FakeState, res: ServerResponse, channelId: string) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  if (target.kind === 'private') return json(res, 200, privateChannelPayload(target.channel));
  return json(res, 200, anyChannelPayload(target.ref.guild, target.ref.channel, state.botUser.id));
}
