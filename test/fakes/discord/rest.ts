/**
 * The REST API routes the bot uses, with Discord's refusals: channel access (50001), permissions
 * (50013), replies without Read Message History (160002), forums (no messages of their own),
 * archived and locked threads, message validation (50035), and the interaction routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applicationFlags, type Gateway } from './gateway.js';
import { ERRORS, json, noContent, readBody, type RequestBody } from './http.js';
import { handleCallback, handleWebhook } from './interactions.js';
import { botMessage, dispatchMessage, pickMessageFields, recordActivity } from './messages.js';
import {
  CHANNEL_TYPE,
  isForumType,
  isTextType,
  isThreadType,
  type ChannelRef,
  type PrivateChannel,
} from './model.js';
import {
  anyChannelPayload,
  privateChannelPayload,
  threadPayload,
  userPayload,
} from './payloads.js';
import { has, PERMISSIONS } from './permissions.js';
import { fakeSnowflake } from './snowflake.js';
import type { FakeState, KnownMessage } from './state.js';
import { FormErrors, validateMessage } from './validation.js';

type Target =
  | { kind: 'guild'; ref: ChannelRef; permissions: bigint }
  | { kind: 'private'; channel: PrivateChannel };

type Refused = { status: number; body: unknown };

/**
 * The channel as the bot may use it, or Discord's refusal: 404 10003 for an unknown channel,
 * 403 50001 Missing Access for a channel the bot cannot see (no VIEW_CHANNEL, a server it is
 * not in, a DM between other users).
 */
function accessChannel(state: FakeState, channelId: string): Target | Refused {
  const ref = state.world.channelRef(channelId);
  if (ref) {
    if (!state.world.canView(ref, state.botUser.id))
      return { status: 403, body: ERRORS.missingAccess };
    return { kind: 'guild', ref, permissions: state.world.permissionsIn(ref, state.botUser.id) };
  }
  const channel = state.world.privateChannels.get(channelId);
  if (channel) {
    if (!channel.withBot) return { status: 403, body: ERRORS.missingAccess };
    return { kind: 'private', channel };
  }
  return { status: 404, body: ERRORS.unknownChannel };
}

const refused = (t: Target | Refused): t is Refused => 'status' in t;

/** A known message in that channel, or undefined. */
function knownIn(state: FakeState, channelId: string, messageId: string): KnownMessage | undefined {
  const m = state.knownMessages.get(messageId);
  return m && m.channelId === channelId ? m : undefined;
}

function unarchive(state: FakeState, gateway: Gateway, ref: ChannelRef) {
  ref.channel.archived = false;
  ref.channel.archivedAt = Date.now();
  gateway.dispatch(
    'THREAD_UPDATE',
    threadPayload(ref.guild, ref.channel, state.botUser.id),
    ref.guild.id,
  );
}

/** POST /channels/:id/messages ("Message" > "Create Message" > "Limitations"). */
function createMessage(
  state: FakeState,
  gateway: Gateway,
  res: ServerResponse,
  channelId: string,
  body: RequestBody,
) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  const raw = (body.json ?? {}) as Record<string, unknown>;
  const reference = raw.message_reference as
    { message_id?: string; type?: number; fail_if_not_exists?: boolean } | undefined;
  const isReply = !!reference?.message_id && (reference.type ?? 0) === 0;
  if (target.kind === 'guild') {
    const { ref, permissions } = target;
    const type = ref.channel.type ?? 0;
    // Forum and media channels hold posts (threads), not messages. The live API answers
    // 50008 "Cannot send messages in a non-text channel" (the docs also list 40058).
    if (isForumType(type) || !isTextType(type)) return json(res, 400, ERRORS.nonTextChannel);
    const thread = isThreadType(type);
    // "The SEND_MESSAGES permission has no effect in threads; users must have
    // SEND_MESSAGES_IN_THREADS to talk in a thread" ("Threads" > "Permissions").
    const needed = thread ? PERMISSIONS.SEND_MESSAGES_IN_THREADS : PERMISSIONS.SEND_MESSAGES;
    if (!has(permissions, needed)) return json(res, 403, ERRORS.missingPermissions);
    // "When creating a message as a reply to another message, the current user must have the
    // READ_MESSAGE_HISTORY permission" (answered as 403 160002).
    if (isReply && !has(permissions, PERMISSIONS.READ_MESSAGE_HISTORY))
      return json(res, 403, ERRORS.replyWithoutHistory);
    if (thread && ref.channel.locked && !has(permissions, PERMISSIONS.MANAGE_THREADS)) {
      // "Users won't be able to create or update messages in locked threads" ("Locked Threads").
      return ref.channel.archived
        ? json(res, 400, ERRORS.archivedThread)
        : json(res, 403, ERRORS.threadLocked);
    }
  }
  const refusal = validateMessage(raw, { kind: 'create', files: body.files.length });
  if (refusal) return json(res, refusal.status, refusal.body);
  if (
    isReply &&
    reference.fail_if_not_exists !== false &&
    !knownIn(state, channelId, reference.message_id!)
  ) {
    // "The referenced message must exist".
    const errors = new FormErrors();
    errors.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
    return json(res, 400, errors.body());
  }
  const ref = target.kind === 'guild' ? target.ref : undefined;
  // "Sending a message will automatically unarchive the thread, unless the thread has been
  // locked by a moderator" ("Threads" > "Active & Archived Threads").
  if (ref && isThreadType(ref.channel.type) && ref.channel.archived) unarchive(state, gateway, ref);
  const attachments = body.files.map((f) => {
    const a = state.cdn.addAttachment({
      channelId,
      filename: f.filename,
      content: f.data,
      contentType: f.contentType,
    });
    return {
      id: a.id,
      filename: a.filename,
      size: a.size,
      url: a.url,
      proxy_url: a.url,
      content_type: f.contentType,
    };
  });
  const msg = botMessage(state, channelId, raw, { guildId: ref?.guild.id ?? null, attachments });
  if (isReply)
    msg.message_reference = {
      type: 0,
      message_id: reference.message_id,
      channel_id: channelId,
      ...(ref ? { guild_id: ref.guild.id } : {}),
    };
  state.messages.set(msg.id, msg);
  state.knownMessages.set(msg.id, { channelId, authorId: state.botUser.id, payload: msg });
  recordActivity(ref, msg.id);
  // Discord sends the bot its own messages too.
  dispatchMessage(state, gateway, 'MESSAGE_CREATE', msg, ref);
  return json(res, 200, msg);
}

/** PATCH /channels/:id/messages/:mid: the bot's own messages only. */
function editChannelMessage(
  state: FakeState,
  gateway: Gateway,
  res: ServerResponse,
  channelId: string,
  messageId: string,
  body: RequestBody,
) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  const msg = state.messages.get(messageId);
  if (!msg || msg.channel_id !== channelId) {
    return knownIn(state, channelId, messageId)
      ? json(res, 403, ERRORS.cannotEditOthers)
      : json(res, 404, ERRORS.unknownMessage);
  }
  const ref = target.kind === 'guild' ? target.ref : undefined;
  if (ref && isThreadType(ref.channel.type)) {
    // "Users cannot edit messages ... in archived threads" (50083).
    if (ref.channel.archived) return json(res, 400, ERRORS.archivedThread);
    if (
      ref.channel.locked &&
      !has(state.world.permissionsIn(ref, state.botUser.id), PERMISSIONS.MANAGE_THREADS)
    )
      return json(res, 403, ERRORS.threadLocked);
  }
  const raw = (body.json ?? {}) as Record<string, unknown>;
  const refusal = validateMessage(raw, {
    kind: 'edit',
    previous: { flags: msg.flags, content: msg.content, embeds: msg.embeds },
    files: body.files.length,
  });
  if (refusal) return json(res, refusal.status, refusal.body);
  Object.assign(msg, pickMessageFields(raw), { edited_timestamp: new Date().toISOString() });
  dispatchMessage(state, gateway, 'MESSAGE_UPDATE', msg, ref);
  return json(res, 200, msg);
}

/** PUT/DELETE /channels/:id/messages/:mid/reactions/:emoji/@me */
function react(
  state: FakeState,
  res: ServerResponse,
  method: string,
  channelId: string,
  messageId: string,
  emoji: string,
) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  const key = `${channelId}:${messageId}`;
  const mine = state.reactions.get(key) ?? new Set<string>();
  if (target.kind === 'guild') {
    const { ref, permissions } = target;
    // "Users cannot ... add reactions ... in archived threads"; in locked threads only while
    // the thread is active ("Threads" > "Locked Threads").
    if (isThreadType(ref.channel.type) && ref.channel.archived)
      return json(res, 400, ERRORS.archivedThread);
    if (method === 'PUT') {
      // Reacting reads the message: READ_MESSAGE_HISTORY; a new emoji needs ADD_REACTIONS.
      if (!has(permissions, PERMISSIONS.READ_MESSAGE_HISTORY))
        return json(res, 403, ERRORS.missingPermissions);
      const present =
        mine.has(emoji) || (state.knownMessages.get(messageId)?.reactions?.has(emoji) ?? false);
      if (!present && !has(permissions, PERMISSIONS.ADD_REACTIONS))
        return json(res, 403, ERRORS.missingPermissions);
    }
  }
  if (!knownIn(state, channelId, messageId)) return json(res, 404, ERRORS.unknownMessage);
  if (method === 'PUT') mine.add(emoji);
  else if (method === 'DELETE') mine.delete(emoji);
  state.reactions.set(key, mine);
  return noContent(res);
}

function getChannel(state: FakeState, res: ServerResponse, channelId: string) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  if (target.kind === 'private') return json(res, 200, privateChannelPayload(target.channel));
  return json(res, 200, anyChannelPayload(target.ref.guild, target.ref.channel, state.botUser.id));
}

function getMessage(state: FakeState, res: ServerResponse, channelId: string, messageId: string) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  if (target.kind === 'guild' && !has(target.permissions, PERMISSIONS.READ_MESSAGE_HISTORY))
    return json(res, 403, ERRORS.missingPermissions);
  const known = knownIn(state, channelId, messageId);
  if (!known?.payload) return json(res, 404, ERRORS.unknownMessage);
  return json(res, 200, known.payload);
}

function deleteMessage(
  state: FakeState,
  gateway: Gateway,
  res: ServerResponse,
  channelId: string,
  messageId: string,
) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  const known = knownIn(state, channelId, messageId);
  if (!known) return json(res, 404, ERRORS.unknownMessage);
  if (
    known.authorId !== state.botUser.id &&
    target.kind === 'guild' &&
    !has(target.permissions, PERMISSIONS.MANAGE_MESSAGES)
  )
    return json(res, 403, ERRORS.missingPermissions);
  if (known.authorId !== state.botUser.id && target.kind === 'private')
    return json(res, 403, ERRORS.executeOnDm);
  state.knownMessages.delete(messageId);
  state.messages.delete(messageId);
  const guildId = target.kind === 'guild' ? target.ref.guild.id : null;
  gateway.dispatch(
    'MESSAGE_DELETE',
    { id: messageId, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) },
    guildId,
  );
  return noContent(res);
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

function registerCommands(state: FakeState, res: ServerResponse, scope: string, body: RequestBody) {
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

/** Answers an injected failure (e.g. a 429 with Retry-After), if one matches. */
function injectedFailure(state: FakeState, res: ServerResponse, method: string, path: string) {
  const f = state.restFailures.find(
    (x) => x.times > 0 && x.path.test(path) && (!x.method || x.method === method),
  );
  if (!f) return false;
  f.times -= 1;
  if (f.status === 429) {
    const retryAfter = f.retryAfter ?? 1;
    json(
      res,
      429,
      f.body ?? { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
      {
        'retry-after': String(Math.ceil(retryAfter)),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(retryAfter),
        'x-ratelimit-bucket': 'fake-bucket',
        'x-ratelimit-scope': 'user',
      },
    );
  } else json(res, f.status, f.body ?? { message: 'Internal Server Error', code: 0 });
  return true;
}

/**
 * Counts the answer if Discord would count it as invalid (401, 403, or a 429 not of the
 * `shared` scope), with its error code, when it has been sent.
 */
function countIfInvalid(state: FakeState, res: ServerResponse, method: string, path: string) {
  let sent: unknown;
  const end = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    sent = chunk;
    return end(chunk, ...rest);
  }) as typeof res.end;
  res.once('finish', () => {
    const status = res.statusCode;
    const shared = status === 429 && res.getHeader('x-ratelimit-scope') === 'shared';
    if (![401, 403, 429].includes(status) || shared) return;
    let code: number | null = null;
    try {
      const parsed = JSON.parse(String(sent)) as { code?: unknown };
      if (typeof parsed.code === 'number') code = parsed.code;
    } catch {
      // no JSON body
    }
    state.refusedRequests.push({ method, path, status, code, at: Date.now() });
  });
}

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
  state.restCalls.push({
    method,
    path,
    body: body.json,
    authorization: req.headers.authorization,
    at: Date.now(),
  });
  countIfInvalid(state, res, method, path);
  if (injectedFailure(state, res, method, path)) return;
  let m: RegExpExecArray | null;

  // Interaction and webhook routes authenticate with the interaction token, not the bot's.
  if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path)) && method === 'POST')
    return handleCallback(
      state,
      res,
      m[1]!,
      m[2]!,
      body,
      url.searchParams.get('with_response') === 'true',
    );
  if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/(@original|\d+))?$/.exec(path)))
    return handleWebhook(
      state,
      res,
      method,
      { applicationId: m[1]!, token: m[2]!, messageId: m[3] },
      body,
    );
  if (method === 'GET' && path === '/gateway')
    return json(res, 200, { url: state.origin.replace('http://', 'ws://') });

  if (req.headers.authorization !== `Bot ${state.botToken}` || state.tokenReset)
    return json(res, 401, ERRORS.unauthorized);

  if (method === 'GET' && path === '/gateway/bot') {
    const botGuilds = state.world.guilds.filter((g) => state.world.botInGuild(g)).length;
    return json(res, 200, {
      url: state.origin.replace('http://', 'ws://'),
      // Discord recommends about one shard per 1000 guilds.
      shards: state.options.recommendedShards ?? Math.max(1, Math.ceil(botGuilds / 1000)),
      session_start_limit: {
        total: state.sessionStart.total,
        remaining: state.sessionStart.remaining,
        reset_after: state.sessionStart.resetAfterMs,
        max_concurrency: state.maxConcurrency,
      },
    });
  }
  if (method === 'GET' && (path === '/applications/@me' || path === '/oauth2/applications/@me'))
    return json(res, 200, applicationPayload(state));
  if (method === 'GET' && path === '/users/@me')
    return json(res, 200, { ...userPayload(state.botUser), bot: true, verified: true });
  if (method === 'POST' && path === '/users/@me/channels') return openDm(state, res, body);
  if (method === 'GET' && path === '/users/@me/guilds') return listOwnGuilds(state, res, url);
  if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
    const scope = m[2] ? `guild:${m[2]}` : 'global';
    // A server's own commands only where the app was added to it.
    const guild = m[2] ? state.world.guildById.get(m[2]) : undefined;
    if (m[2] && (!guild || !state.world.botInGuild(guild)))
      return json(res, 403, ERRORS.missingAccess);
    if (method === 'PUT') return registerCommands(state, res, scope, body);
    if (method === 'GET') {
      const latest = [...state.registered].reverse().find((r) => r.scope === scope);
      return json(res, 200, latest?.commands ?? []);
    }
  }
  if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET')
    return getChannel(state, res, m[1]!);
  if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST')
    return createMessage(state, gateway, res, m[1]!, body);
  if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path))) {
    if (method === 'PATCH') return editChannelMessage(state, gateway, res, m[1]!, m[2]!, body);
    if (method === 'GET') return getMessage(state, res, m[1]!, m[2]!);
    if (method === 'DELETE') return deleteMessage(state, gateway, res, m[1]!, m[2]!);
  }
  if ((m = /^\/channels\/(\d+)\/messages\/(\d+)\/reactions\/([^/]+)\/@me$/.exec(path)))
    return react(state, res, method, m[1]!, m[2]!, m[3]!);
  if (method === 'POST' && path === '/attachments/refresh-urls') {
    const urls = (body.json as { attachment_urls?: unknown } | null)?.attachment_urls;
    if (!Array.isArray(urls)) return json(res, 400, { message: 'Invalid Form Body', code: 50035 });
    return json(res, 200, { refreshed_urls: state.cdn.refresh(urls) });
  }
  return json(res, 404, ERRORS.notFound);
}
