/**
 * Interactions: the INTERACTION_CREATE payloads Discord sends in servers, in DMs with the bot
 * and in other private channels (user installs), and the REST routes that answer them: the
 * callback (3-second deadline, one answer only, modals), webhook edits and follow-ups (15-minute
 * tokens). Rules from "Receiving and Responding" and "Application Commands".
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Gateway } from '../gateway/gateway.js';
import { ERRORS, json, noContent, type RequestBody } from '../http.js';
import { botMessage, pickMessageFields, type BotMessage } from '../messages.js';
import {
  CHANNEL_TYPE,
  isThreadType,
  type ChannelRef,
  type FakeUser,
  type PrivateChannel,
} from '../world/model.js';
import { anyChannelPayload, memberPayload, userPayload } from '../world/payloads.js';
import { has, PERMISSIONS } from '../world/permissions.js';
import { fakeSnowflake } from '../snowflake.js';
import type { FakeState, InteractionRecord, RestCall, SentMessage } from '../state.js';
import { MESSAGE_FLAGS, validateMessage, validateModal, type Refusal } from '../validation.js';
import { FormErrors } from '../validation/form.js';

export type InteractInit = {
  /** 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: 2 | 3 | 4 | 5;
  /** A guild channel or thread, the bot's DM channel (`dmChannel`) or another private channel. */
  channelId: string;
  user: FakeUser;
  /** The member's permissions in the channel (default: computed from roles and overwrites). */
  permissions?: bigint;
  data: Record<string, unknown>;
  message?: unknown;
  /** Expire the token this many ms after creation (default 15 minutes). */
  tokenTtlMs?: number;
  /** Where it happens (default: from the channel): 0 server, 1 DM with the bot, 2 other DMs. */
  context?: 0 | 1 | 2;
  /**
   * Which installations authorized it (default: the guild install where the bot is a member
   * or in its DM, the user's own install elsewhere).
   */
  installation?: 'guild' | 'user' | 'both';
  locale?: string;
};

export type FakeInteraction = {
  id: string;
  token: string;
  /** The INTERACTION_CREATE payload sent. */
  payload: Record<string, unknown>;
  /** REST calls made for this interaction (callback, webhook edits and follow-ups), in order. */
  calls: () => RestCall[];
  /** The latest content of the original response (after callback and edits). */
  original: () => SentMessage | null;
  followUps: () => SentMessage[];
  /** The modal shown (callback type 9), if any. */
  modal: () => unknown;
  /** The callback type the bot answered with (null while unanswered). */
  callbackType: () => number | null;
};

/** "app_permissions includes ATTACH_FILES | EMBED_LINKS | MENTION_EVERYONE for (G)DMs with
 * other users, and additionally includes USE_EXTERNAL_EMOJIS for DMs with the app's bot user". */
const PRIVATE_APP_PERMISSIONS =
  PERMISSIONS.ATTACH_FILES | PERMISSIONS.EMBED_LINKS | PERMISSIONS.MENTION_EVERYONE;
const BOT_DM_APP_PERMISSIONS = PRIVATE_APP_PERMISSIONS | PERMISSIONS.USE_EXTERNAL_EMOJIS;

type Location = { kind: 'guild'; ref: ChannelRef } | { kind: 'private'; channel: PrivateChannel };

function locate(state: FakeState, channelId: string): Location {
  const ref = state.world.channelRef(channelId);
  if (ref) return { kind: 'guild', ref };
  const channel = state.world.privateChannels.get(channelId);
  if (channel) return { kind: 'private', channel };
  throw new Error(`fake discord has no channel ${channelId}`);
}

/** The latest registration per scope: what Discord would deliver. */
function findRegistered(
  state: FakeState,
  name: unknown,
  type: unknown,
  guildId: string | null,
): { command: Record<string, unknown>; scope: string } | { elsewhere: string } | null {
  const latest = new Map<string, unknown[]>();
  for (const r of state.registered) latest.set(r.scope, r.commands);
  let elsewhere: string | null = null;
  for (const [scope, commands] of latest) {
    for (const raw of commands) {
      const c = raw as Record<string, unknown>;
      if (c.name !== name || (c.type ?? 1) !== (type ?? 1)) continue;
      if (scope === 'global' || scope === `guild:${guildId}`) return { command: c, scope };
      elsewhere = scope;
    }
  }
  return elsewhere ? { elsewhere } : null;
}

/**
 * Refuses, in the test, a command Discord would not deliver: one registered without this
 * context ("Application Commands" > "Contexts": `contexts` defaults to every context) or
 * installation type (`integration_types` defaults to the app's), or registered in another guild.
 */
function assertDeliverable(
  state: FakeState,
  init: InteractInit,
  context: 0 | 1 | 2,
  guildId: string | null,
  installs: Set<0 | 1>,
) {
  if ((init.type !== 2 && init.type !== 4) || state.registered.length === 0) return;
  const found = findRegistered(state, init.data.name, init.data.type, guildId);
  if (!found) return;
  const name = String(init.data.name);
  if ('elsewhere' in found)
    throw new Error(
      `fake discord: command "${name}" is registered in ${found.elsewhere} only; Discord would not deliver it here`,
    );
  const { command, scope } = found;
  if (scope !== 'global' && context !== 0)
    throw new Error(`fake discord: guild command "${name}" cannot be used outside its server`);
  const contexts =
    (command.contexts as number[] | null | undefined) ??
    (command.dm_permission === false ? [0] : [0, 1, 2]);
  if (!contexts.includes(context))
    throw new Error(
      `fake discord: command "${name}" is registered with contexts [${contexts.join(', ')}], not ${context}; Discord would not deliver it`,
    );
  const types = (command.integration_types as (0 | 1)[] | null | undefined) ??
    state.options.integrationTypes ?? [0];
  if (![...installs].some((t) => types.includes(t)))
    throw new Error(
      `fake discord: command "${name}" is registered with integration_types [${types.join(', ')}]; this ${[...installs].join('/')} installation cannot use it`,
    );
}

/** The partial channel an interaction carries ("Resolved Data Structure" partial channels). */
function partialGuildChannel(state: FakeState, ref: ChannelRef, permissions: bigint) {
  const full = anyChannelPayload(ref.guild, ref.channel) as Record<string, unknown>;
  const source = state.world.permissionSource(ref);
  return {
    id: full.id,
    type: full.type,
    name: full.name,
    guild_id: ref.guild.id,
    parent_id: full.parent_id ?? null,
    position: full.position ?? 0,
    // Threads do not carry nsfw; their parent decides.
    ...(isThreadType(ref.channel.type)
      ? { thread_metadata: full.thread_metadata }
      : { nsfw: source.nsfw ?? false, topic: full.topic ?? null }),
    flags: 0,
    rate_limit_per_user: full.rate_limit_per_user ?? 0,
    last_message_id: ref.channel.lastMessageId ?? null,
    permissions: permissions.toString(),
  };
}

/** A component's message as Discord attaches it: every field discord.js reads, filled in. */
function completeMessage(
  state: FakeState,
  raw: unknown,
  channelId: string,
  guildId: string | null,
) {
  const m = (raw ?? {}) as Record<string, unknown>;
  return {
    type: 0,
    content: '',
    embeds: [],
    components: [],
    attachments: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    flags: 0,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    author: { ...userPayload(state.botUser), bot: true },
    channel_id: channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    ...m,
    id: m.id ?? fakeSnowflake(),
  };
}

export function createInteraction(
  state: FakeState,
  gateway: Gateway,
  init: InteractInit,
): FakeInteraction {
  const where = locate(state, init.channelId);
  const context: 0 | 1 | 2 = where.kind === 'guild' ? 0 : where.channel.withBot ? 1 : 2;
  if (init.context !== undefined && init.context !== context)
    throw new Error(
      `fake discord: channel ${init.channelId} is context ${context}, not ${init.context}`,
    );
  const guild = where.kind === 'guild' ? where.ref.guild : null;
  const botInGuild = guild ? state.world.botInGuild(guild) : false;
  const installation =
    init.installation ?? (context === 2 || (context === 0 && !botInGuild) ? 'user' : 'guild');
  const installs = new Set<0 | 1>(
    installation === 'both' ? [0, 1] : installation === 'guild' ? [0] : [1],
  );
  // A guild installation exists only where the bot is, and never in other people's DMs.
  if (installs.has(0) && (context === 2 || (context === 0 && !botInGuild)))
    throw new Error(
      'fake discord: a guild installation cannot be used here (the bot is not in it)',
    );
  assertDeliverable(state, init, context, guild?.id ?? null, installs);
  const owners: Record<string, string> = {};
  if (installs.has(0)) owners['0'] = context === 0 ? guild!.id : '0';
  if (installs.has(1)) owners['1'] = init.user.id;
  const userInstallOnly = !installs.has(0);

  const id = fakeSnowflake();
  const token = `itoken-${randomBytes(12).toString('hex')}`;
  let memberPermissions: bigint | null = null;
  let appPermissions: bigint;
  let channel: Record<string, unknown>;
  if (where.kind === 'guild') {
    memberPermissions = init.permissions ?? state.world.permissionsIn(where.ref, init.user.id);
    appPermissions = installs.has(0)
      ? state.world.permissionsIn(where.ref, state.botUser.id)
      : // A user-installed app not in the server: what @everyone may do there.
        state.world.everyonePermissionsIn(where.ref);
    channel = partialGuildChannel(state, where.ref, memberPermissions);
  } else {
    const c = where.channel;
    appPermissions = c.withBot ? BOT_DM_APP_PERMISSIONS : PRIVATE_APP_PERMISSIONS;
    channel = {
      id: c.id,
      type: c.type,
      last_message_id: null,
      flags: 0,
      ...(c.withBot ? { recipients: [userPayload(init.user)] } : {}),
      ...(c.type === CHANNEL_TYPE.GROUP_DM
        ? { name: c.name ?? null, icon: null, owner_id: c.ownerId ?? c.recipients[0]?.id }
        : {}),
    };
  }
  const data = structuredClone(init.data);
  fillResolvedChannels(state, data, init.user.id, init.permissions);
  const message =
    init.message === undefined
      ? null
      : completeMessage(state, init.message, init.channelId, guild?.id ?? null);
  const payload: Record<string, unknown> = {
    id,
    application_id: state.applicationId,
    type: init.type,
    token,
    version: 1,
    ...(guild
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: 'en-US', features: [] },
          member: memberPayload(
            init.user,
            state.world.memberRolesOf(guild, init.user.id),
            memberPermissions ?? 0n,
            state.world.timedOutUntil(guild, init.user.id),
          ),
        }
      : { user: userPayload(init.user) }),
    channel_id: init.channelId,
    channel,
    data,
    ...(message ? { message } : {}),
    app_permissions: appPermissions.toString(),
    locale: init.locale ?? 'en-US',
    ...(guild ? { guild_locale: 'en-US' } : {}),
    entitlements: [],
    authorizing_integration_owners: owners,
    context,
    attachment_size_limit: 10_485_760,
  };
  const record: InteractionRecord = {
    id,
    token,
    type: init.type,
    createdAt: Date.now(),
    expiresAt: Date.now() + (init.tokenTtlMs ?? 15 * 60_000),
    channelId: init.channelId,
    guildId: guild?.id ?? null,
    context,
    userId: init.user.id,
    owners,
    userInstallOnly,
    // "If Use External Apps is disabled and your app is not installed to the server, your app's
    // responses will be ephemeral" (changelog, user-installed apps).
    forceEphemeral:
      userInstallOnly &&
      context === 0 &&
      !has(memberPermissions ?? 0n, PERMISSIONS.USE_EXTERNAL_APPS),
    callbackType: null,
    loading: false,
    original: null,
    followUps: [],
    modal: null,
    autocomplete: null,
    message,
  };
  state.interactions.set(id, record);
  state.interactionsByToken.set(token, record);
  gateway.dispatch('INTERACTION_CREATE', payload, guild?.id ?? null);
  return {
    id,
    token,
    payload,
    calls: () =>
      state.restCalls.filter(
        (c) => c.path.includes(`/interactions/${id}/`) || c.path.includes(`/${token}`),
      ),
    original: () => record.original,
    followUps: () => record.followUps,
    modal: () => record.modal,
    callbackType: () => record.callbackType,
  };
}

/**
 * Channel options: Discord resolves each channel with the invoker's permissions there
 * ("Resolved Data Structure": partial channels carry `permissions`).
 */
function fillResolvedChannels(
  state: FakeState,
  data: Record<string, unknown>,
  userId: string,
  explicit: bigint | undefined,
) {
  const resolved = data.resolved as
    { channels?: Record<string, Record<string, unknown>> } | undefined;
  if (!resolved?.channels) return;
  for (const [channelId, given] of Object.entries(resolved.channels)) {
    const ref = state.world.channelRef(channelId);
    if (!ref) continue;
    const permissions = explicit ?? state.world.permissionsIn(ref, userId);
    resolved.channels[channelId] = { ...given, ...partialGuildChannel(state, ref, permissions) };
  }
}

// ---- REST: callback ---------------------------------------------------------------------

const CALLBACK = {
  PONG: 1,
  CHANNEL_MESSAGE_WITH_SOURCE: 4,
  DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: 5,
  DEFERRED_UPDATE_MESSAGE: 6,
  UPDATE_MESSAGE: 7,
  AUTOCOMPLETE_RESULT: 8,
  MODAL: 9,
};

function invalidCallbackType(type: unknown): Refusal {
  const errors = new FormErrors();
  errors.add(
    ['type'],
    'INTERACTION_RESPONSE_TYPE_INVALID',
    `Interaction response type ${String(type)} is not valid for this interaction`,
  );
  return { status: 400, body: errors.body() };
}

/** The message's `interaction_metadata` ("Message Interaction Metadata Object"). */
function messageInteraction(i: InteractionRecord) {
  return {
    id: i.id,
    type: i.type,
    user: { id: i.userId },
    authorizing_integration_owners: i.owners,
  };
}

function respond(res: ServerResponse, refusal: Refusal) {
  json(res, refusal.status, refusal.body);
}

/** POST /interactions/:id/:token/callback */
export function handleCallback(
  state: FakeState,
  res: ServerResponse,
  id: string,
  token: string,
  body: RequestBody,
  withResponse: boolean,
) {
  const i = state.interactions.get(id);
  if (!i) return json(res, 404, ERRORS.unknownInteraction);
  if (i.token !== token) return json(res, 401, ERRORS.invalidWebhookToken);
  // "A second callback answers 400 40060".
  if (i.callbackType !== null) return json(res, 400, ERRORS.alreadyAcknowledged);
  // "you must send an initial response within 3 seconds of receiving the event. If the 3
  // second deadline is exceeded, the token will be invalidated."
  if (Date.now() - i.createdAt > state.interactionDeadlineMs)
    return json(res, 404, ERRORS.unknownInteraction);
  const cb = (body.json ?? {}) as { type?: unknown; data?: Record<string, unknown> };
  const data = cb.data ?? {};
  const files = body.files.length;
  const isComponent = i.type === 3 || (i.type === 5 && i.message !== null);
  let refusal: Refusal | null;
  switch (cb.type) {
    case CALLBACK.CHANNEL_MESSAGE_WITH_SOURCE:
      if (i.type === 4) return respond(res, invalidCallbackType(cb.type));
      refusal = validateMessage(data, { kind: 'callback', prefix: ['data'], files });
      if (refusal) return respond(res, refusal);
      i.original = botMessage(state, i.channelId, data, {
        guildId: i.guildId,
        interaction: messageInteraction(i),
      });
      if (i.forceEphemeral) i.original.flags |= MESSAGE_FLAGS.EPHEMERAL;
      break;
    case CALLBACK.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
      if (i.type === 4) return respond(res, invalidCallbackType(cb.type));
      refusal = validateMessage(data, { kind: 'deferred', prefix: ['data'] });
      if (refusal) return respond(res, refusal);
      i.original = botMessage(
        state,
        i.channelId,
        {
          flags:
            ((Number(data.flags ?? 0) | (i.forceEphemeral ? 64 : 0)) & 64) | MESSAGE_FLAGS.LOADING,
        },
        { guildId: i.guildId, interaction: messageInteraction(i) },
      );
      i.loading = true;
      break;
    case CALLBACK.DEFERRED_UPDATE_MESSAGE:
    case CALLBACK.UPDATE_MESSAGE: {
      // "Only valid for component-based interactions".
      if (!isComponent || !i.message) return respond(res, invalidCallbackType(cb.type));
      const previous = i.message as unknown as BotMessage;
      if (cb.type === CALLBACK.UPDATE_MESSAGE) {
        refusal = validateMessage(data, {
          kind: 'edit',
          prefix: ['data'],
          previous: {
            flags: Number(previous.flags ?? 0),
            content: String(previous.content ?? ''),
            embeds: previous.embeds ?? [],
          },
        });
        if (refusal) return respond(res, refusal);
      }
      i.original = {
        ...structuredClone<BotMessage>(previous),
        ...(cb.type === CALLBACK.UPDATE_MESSAGE ? pickMessageFields(data) : {}),
      };
      // The message the component is on is the one that changes.
      const stored = state.messages.get(String(previous.id));
      if (stored && cb.type === CALLBACK.UPDATE_MESSAGE)
        Object.assign(stored, pickMessageFields(data));
      break;
    }
    case CALLBACK.AUTOCOMPLETE_RESULT:
      if (i.type !== 4) return respond(res, invalidCallbackType(cb.type));
      i.autocomplete = data;
      break;
    case CALLBACK.MODAL:
      // "Not available for MODAL_SUBMIT and PING interactions."
      if (i.type === 5 || i.type === 4) return respond(res, invalidCallbackType(cb.type));
      refusal = validateModal(data);
      if (refusal) return respond(res, refusal);
      i.modal = data;
      break;
    default:
      return respond(res, invalidCallbackType(cb.type));
  }
  i.callbackType = Number(cb.type);
  if (!withResponse) return noContent(res);
  return json(res, 200, {
    interaction: {
      id: i.id,
      type: i.type,
      response_message_id: i.original?.id,
      response_message_loading: i.loading,
      response_message_ephemeral: !!((i.original?.flags ?? 0) & MESSAGE_FLAGS.EPHEMERAL),
    },
    resource: {
      type: i.callbackType,
      ...(i.original &&
      (i.callbackType === CALLBACK.CHANNEL_MESSAGE_WITH_SOURCE ||
        i.callbackType === CALLBACK.UPDATE_MESSAGE)
        ? { message: i.original }
        : {}),
    },
  });
}

// ---- REST: webhook (edits, follow-ups) ------------------------------------------------------

/** /webhooks/:application/:token[/messages/(@original|:id)] */
export function handleWebhook(
  state: FakeState,
  res: ServerResponse,
  method: string,
  match: { applicationId: string; token: string; messageId?: string },
  body: RequestBody,
) {
  const i = state.interactionsByToken.get(match.token);
  if (!i || match.applicationId !== state.applicationId || i.expiresAt < Date.now())
    return json(res, 401, ERRORS.invalidWebhookToken);
  if (i.callbackType === null) {
    // Before the initial response there is no webhook; after the deadline the token is dead.
    return json(res, 404, ERRORS.unknownWebhook);
  }
  const files = body.files.length;
  const raw = (body.json ?? {}) as Record<string, unknown>;
  if (match.messageId !== undefined) {
    const target =
      match.messageId === '@original'
        ? i.original
        : i.followUps.find((f) => f.id === match.messageId);
    if (!target) return json(res, 404, ERRORS.unknownMessage);
    if (method === 'GET') return json(res, 200, target);
    if (method === 'DELETE') {
      if (match.messageId === '@original') i.original = null;
      else i.followUps = i.followUps.filter((f) => f !== target);
      return noContent(res);
    }
    if (method !== 'PATCH') return json(res, 405, ERRORS.methodNotAllowed);
    const refusal = validateMessage(raw, {
      kind: 'edit',
      previous: { flags: target.flags, content: target.content, embeds: target.embeds },
      files,
    });
    if (refusal) return respond(res, refusal);
    editMessage(target, raw);
    if (target === i.original) i.loading = false;
    // A component's message edited through the interaction is the channel message itself.
    const stored = state.messages.get(target.id);
    if (stored && stored !== target) Object.assign(stored, pickMessageFields(raw));
    return json(res, 200, target);
  }
  if (method !== 'POST') return json(res, 405, ERRORS.methodNotAllowed);
  if (i.callbackType === CALLBACK.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE && i.loading && i.original) {
    // "When using this endpoint directly after responding to an interaction with
    // DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE, this endpoint will function as Edit Original
    // Interaction Response ... The ephemeral flag will be ignored".
    const refusal = validateMessage(raw, { kind: 'followup', files });
    if (refusal) return respond(res, refusal);
    const keep = i.original.flags & MESSAGE_FLAGS.EPHEMERAL;
    editMessage(i.original, raw);
    i.original.flags = (i.original.flags & ~MESSAGE_FLAGS.EPHEMERAL) | keep;
    i.loading = false;
    return json(res, 200, i.original);
  }
  // "Apps are limited to 5 followup messages per interaction if it was initiated from a
  // user-installed app and isn't installed in the server".
  if (i.userInstallOnly && i.followUps.length >= 5) return json(res, 400, ERRORS.tooManyFollowUps);
  const refusal = validateMessage(raw, { kind: 'followup', files });
  if (refusal) return respond(res, refusal);
  const message = botMessage(state, i.channelId, raw, { guildId: i.guildId });
  if (i.forceEphemeral) message.flags |= MESSAGE_FLAGS.EPHEMERAL;
  i.followUps.push(message);
  return json(res, 200, message);
}

/** Applies an edit; the LOADING flag goes once a deferred response is filled. */
function editMessage(target: SentMessage, raw: Record<string, unknown>) {
  const fields = pickMessageFields(raw);
  const flags = fields.flags;
  delete fields.flags;
  Object.assign(target, fields);
  if (flags !== undefined) target.flags = flags | (target.flags & MESSAGE_FLAGS.EPHEMERAL);
  target.flags &= ~MESSAGE_FLAGS.LOADING;
  (target as BotMessage).edited_timestamp = new Date().toISOString();
}
