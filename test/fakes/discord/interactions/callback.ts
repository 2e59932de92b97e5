/**
 * POST /interactions/:id/:token/callback: the initial response, within the 3-second deadline
 * and only once: a message, a deferral, an update of a component's message, autocomplete
 * choices or a modal ("Receiving and Responding" > "Responding to an Interaction").
 */
import type { ServerResponse } from 'node:http';
import { ERRORS, json, noContent, type RequestBody } from '../http.js';
import { botMessage, editMessage, pickMessageFields, type BotMessage } from '../messages.js';
import type { FakeState, InteractionRecord } from '../state.js';
import { MESSAGE_FLAGS, validateMessage, validateModal, type Refusal } from '../validation.js';
import { validateAutocomplete } from '../validation/autocomplete.js';
import { FormErrors } from '../validation/form.js';
import { findHeldMessage } from './component.js';

export const CALLBACK = {
  PONG: 1,
  CHANNEL_MESSAGE_WITH_SOURCE: 4,
  DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: 5,
  DEFERRED_UPDATE_MESSAGE: 6,
  UPDATE_MESSAGE: 7,
  AUTOCOMPLETE_RESULT: 8,
  MODAL: 9,
};

type Callback = { type?: unknown; data?: Record<string, unknown> };

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

export function respond(res: ServerResponse, refusal: Refusal) {
  json(res, refusal.status, refusal.body);
}

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
  const cb = (body.json ?? {}) as Callback;
  const refusal = answer(state, i, cb, body.files.length);
  if (refusal) return respond(res, refusal);
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

/** Applies the callback to the interaction, or says why Discord refuses it. */
function answer(
  state: FakeState,
  i: InteractionRecord,
  cb: Callback,
  files: number,
): Refusal | null {
  const data = cb.data ?? {};
  switch (cb.type) {
    case CALLBACK.CHANNEL_MESSAGE_WITH_SOURCE:
      if (i.type === 4) return invalidCallbackType(cb.type);
      return reply(state, i, data, files);
    case CALLBACK.DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE:
      if (i.type === 4) return invalidCallbackType(cb.type);
      return defer(state, i, data);
    case CALLBACK.DEFERRED_UPDATE_MESSAGE:
    case CALLBACK.UPDATE_MESSAGE:
      return updateMessage(state, i, cb.type, data);
    case CALLBACK.AUTOCOMPLETE_RESULT: {
      if (i.type !== 4) return invalidCallbackType(cb.type);
      const refusal = validateAutocomplete(data);
      if (!refusal) i.autocomplete = data;
      return refusal;
    }
    case CALLBACK.MODAL: {
      // "Not available for MODAL_SUBMIT and PING interactions."
      if (i.type === 5 || i.type === 4) return invalidCallbackType(cb.type);
      const refusal = validateModal(data);
      if (!refusal) i.modal = data;
      return refusal;
    }
    default:
      return invalidCallbackType(cb.type);
  }
}

/** CHANNEL_MESSAGE_WITH_SOURCE: the original response is this message. */
function reply(
  state: FakeState,
  i: InteractionRecord,
  data: Record<string, unknown>,
  files: number,
): Refusal | null {
  const refusal = validateMessage(data, { kind: 'callback', prefix: ['data'], files });
  if (refusal) return refusal;
  i.original = botMessage(state, i.channelId, data, {
    guildId: i.guildId,
    interaction: messageInteraction(i),
  });
  if (i.forceEphemeral) i.original.flags |= MESSAGE_FLAGS.EPHEMERAL;
  return null;
}

/** DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE: a loading response ("is thinking..."), edited later. */
function defer(
  state: FakeState,
  i: InteractionRecord,
  data: Record<string, unknown>,
): Refusal | null {
  const refusal = validateMessage(data, { kind: 'deferred', prefix: ['data'] });
  if (refusal) return refusal;
  i.original = botMessage(
    state,
    i.channelId,
    {
      flags: ((Number(data.flags ?? 0) | (i.forceEphemeral ? 64 : 0)) & 64) | MESSAGE_FLAGS.LOADING,
    },
    { guildId: i.guildId, interaction: messageInteraction(i) },
  );
  i.loading = true;
  return null;
}

/**
 * (DEFERRED_)UPDATE_MESSAGE: the message the component is on is the one that changes, wherever
 * Discord holds it (a channel message, another interaction's response or follow-up); this
 * interaction's original response is then that same message.
 */
function updateMessage(
  state: FakeState,
  i: InteractionRecord,
  type: number,
  data: Record<string, unknown>,
): Refusal | null {
  // "Only valid for component-based interactions".
  const isComponent = i.type === 3 || (i.type === 5 && i.message !== null);
  if (!isComponent || !i.message) return invalidCallbackType(type);
  const held = findHeldMessage(state, String(i.message.id))?.message;
  const previous = held ?? (i.message as unknown as BotMessage);
  if (type === CALLBACK.UPDATE_MESSAGE) {
    const refusal = validateMessage(data, {
      kind: 'edit',
      prefix: ['data'],
      previous: {
        flags: Number(previous.flags ?? 0),
        content: String(previous.content ?? ''),
        embeds: previous.embeds ?? [],
      },
    });
    if (refusal) return refusal;
  }
  if (held) {
    if (type === CALLBACK.UPDATE_MESSAGE) editMessage(held, data);
    i.original = held;
    return null;
  }
  // A modal submitted from a message the test described but the fake does not hold.
  i.original = {
    ...structuredClone<BotMessage>(previous),
    ...(type === CALLBACK.UPDATE_MESSAGE ? pickMessageFields(data) : {}),
  };
  return null;
}
