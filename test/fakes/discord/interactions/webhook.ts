/**
 * /webhooks/:application/:token[/messages/(@original|:id)]: after the initial response, the
 * interaction's token (15 minutes) reads, edits and deletes its messages and sends follow-ups
 * ("Receiving and Responding" > "Followup Messages").
 */
import type { ServerResponse } from 'node:http';
import { ERRORS, json, noContent, type RequestBody } from '../http.js';
import { botMessage, editMessage, pickMessageFields } from '../messages.js';
import type { FakeState, InteractionRecord } from '../state.js';
import { MESSAGE_FLAGS, validateMessage } from '../validation.js';
import { CALLBACK, respond } from './callback.js';
import { forgetHeldMessage } from './component.js';

type WebhookMatch = { applicationId: string; token: string; messageId?: string };

export function handleWebhook(
  state: FakeState,
  res: ServerResponse,
  method: string,
  match: WebhookMatch,
  body: RequestBody,
) {
  const i = state.interactionsByToken.get(match.token);
  if (!i || match.applicationId !== state.applicationId || i.expiresAt < Date.now())
    return json(res, 401, ERRORS.invalidWebhookToken);
  if (i.callbackType === null) {
    // Before the initial response there is no webhook; after the deadline the token is dead.
    return json(res, 404, ERRORS.unknownWebhook);
  }
  if (match.messageId !== undefined) return onMessage(state, res, method, i, match.messageId, body);
  if (method !== 'POST') return json(res, 405, ERRORS.methodNotAllowed);
  return followUp(state, res, i, body);
}

/** GET, PATCH or DELETE of the original response or of a follow-up. */
function onMessage(
  state: FakeState,
  res: ServerResponse,
  method: string,
  i: InteractionRecord,
  messageId: string,
  body: RequestBody,
) {
  const target =
    messageId === '@original' ? i.original : i.followUps.find((f) => f.id === messageId);
  if (!target) return json(res, 404, ERRORS.unknownMessage);
  if (method === 'GET') return json(res, 200, target);
  if (method === 'DELETE') {
    // One message, wherever it is held (a component's message is another interaction's too).
    forgetHeldMessage(state, target.id);
    return noContent(res);
  }
  if (method !== 'PATCH') return json(res, 405, ERRORS.methodNotAllowed);
  const raw = (body.json ?? {}) as Record<string, unknown>;
  const refusal = validateMessage(raw, {
    kind: 'edit',
    previous: { flags: target.flags, content: target.content, embeds: target.embeds },
    files: body.files.length,
  });
  if (refusal) return respond(res, refusal);
  editMessage(target, raw);
  if (target === i.original) i.loading = false;
  // A component's message edited through the interaction is the channel message itself.
  const stored = state.messages.get(target.id);
  if (stored && stored !== target) Object.assign(stored, pickMessageFields(raw));
  return json(res, 200, target);
}

/** POST: a follow-up message, or the fill of a deferred response. */
function followUp(state: FakeState, res: ServerResponse, i: InteractionRecord, body: RequestBody) {
  const files = body.files.length;
  const raw = (body.json ?? {}) as Record<string, unknown>;
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
