/**
 * Interactions a test injects: the INTERACTION_CREATE Discord sends when someone uses a
 * command, context menu, button or modal, in a server, in a DM with the bot or in another
 * private channel (user installs), and the record the REST routes answer it by (callback.ts,
 * webhook.ts). Rules from "Receiving and Responding" and "Application Commands".
 */
import { randomBytes } from 'node:crypto';
import type { Gateway } from '../gateway/gateway.js';
import { fakeSnowflake } from '../snowflake.js';
import type { FakeState, InteractionRecord, RestCall, SentMessage } from '../state.js';
import type { FakeGuild, FakeUser } from '../world/model.js';
import { has, PERMISSIONS } from '../world/permissions.js';
import { heldComponentMessage } from './component.js';
import { assertDeliverable } from './deliverable.js';
import {
  accessAt,
  completeMessage,
  fillResolvedChannels,
  invokerFields,
  locate,
  type Location,
} from './payload.js';

export type InteractInit = {
  /** 2 command, 3 component, 4 autocomplete, 5 modal submit. */
  type: 2 | 3 | 4 | 5;
  /** A guild channel or thread, the bot's DM channel (`dmChannel`) or another private channel. */
  channelId: string;
  user: FakeUser;
  /** The member's permissions in the channel (default: computed from roles and overwrites). */
  permissions?: bigint;
  data: Record<string, unknown>;
  /**
   * Components (type 3): the message the component is on, by id or as the fake returned it; it
   * must be one the bot sent and still holds (see component.ts), and it goes as it is now.
   * Modal submits (type 5): the message whose component opened the modal.
   */
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
  /** The choices of an autocomplete answer (callback type 8), once given. */
  choices: () => { name: string; value: string | number }[] | null;
};

/** Where it happens, as Discord's `context` says it: 0 server, 1 DM with the bot, 2 other DMs. */
function contextOf(where: Location, init: InteractInit): 0 | 1 | 2 {
  const context = where.kind === 'guild' ? 0 : where.channel.withBot ? 1 : 2;
  if (init.context !== undefined && init.context !== context)
    throw new Error(
      `fake discord: channel ${init.channelId} is context ${context}, not ${init.context}`,
    );
  return context;
}

/** The installations that authorized it: 0 the server's (where the bot is), 1 the user's. */
function installsOf(
  state: FakeState,
  init: InteractInit,
  context: 0 | 1 | 2,
  guild: FakeGuild | null,
): Set<0 | 1> {
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
  return installs;
}

export function createInteraction(
  state: FakeState,
  gateway: Gateway,
  init: InteractInit,
): FakeInteraction {
  const where = locate(state, init.channelId);
  const context = contextOf(where, init);
  const guild = where.kind === 'guild' ? where.ref.guild : null;
  const installs = installsOf(state, init, context, guild);
  assertDeliverable(state, init, context, guild?.id ?? null, installs);
  const owners: Record<string, string> = {};
  if (installs.has(0)) owners['0'] = context === 0 ? guild!.id : '0';
  if (installs.has(1)) owners['1'] = init.user.id;
  const userInstallOnly = !installs.has(0);

  const id = fakeSnowflake();
  const token = `itoken-${randomBytes(12).toString('hex')}`;
  const access = accessAt(state, where, init.user, init.permissions, installs.has(0));
  const data = structuredClone(init.data);
  fillResolvedChannels(state, data, init.user.id, init.permissions);
  const held =
    init.type === 3
      ? heldComponentMessage(state, init.message, init.channelId, init.user.id, data)
      : null;
  const source = held ? structuredClone(held) : init.message;
  const message =
    source === undefined ? null : completeMessage(state, source, init.channelId, guild?.id ?? null);
  const payload: Record<string, unknown> = {
    id,
    application_id: state.applicationId,
    type: init.type,
    token,
    version: 1,
    ...invokerFields(state, guild, init.user, access.memberPermissions),
    channel_id: init.channelId,
    channel: access.channel,
    data,
    ...(message ? { message } : {}),
    app_permissions: access.appPermissions.toString(),
    locale: init.locale ?? 'en-US',
    ...(guild ? { guild_locale: guild.preferredLocale ?? 'en-US' } : {}),
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
      !has(access.memberPermissions ?? 0n, PERMISSIONS.USE_EXTERNAL_APPS),
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
  return handleOf(state, record, payload);
}

function handleOf(
  state: FakeState,
  record: InteractionRecord,
  payload: Record<string, unknown>,
): FakeInteraction {
  const { id, token } = record;
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
    choices: () =>
      (record.autocomplete as { choices?: { name: string; value: string | number }[] } | null)
        ?.choices ?? null,
  };
}
