/**
 * Reading a channel's messages back ("Message" > "Get Channel Messages" and "Get Channel
 * Message"): VIEW_CHANNEL (else 403 50001) and, in a server, READ_MESSAGE_HISTORY (else 403
 * 50013); `around`, `before` and `after` are mutually exclusive; `limit` 1-100, default 50.
 * Messages come back newest first whichever anchor is given (after=X gives the `limit` messages
 * right after X, newest of them first). Attachment links are signed afresh on every read, as
 * Discord's are, and a session without Message Content reads them emptied.
 */
import type { ServerResponse } from 'node:http';
import { ERRORS, json } from '../http.js';
import { messageContentVariant } from '../gateway/intents.js';
import type { FakeState } from '../state.js';
import { FormErrors } from '../validation/form.js';
import { has, PERMISSIONS } from '../world/permissions.js';
import { accessChannel, knownIn, refused } from './access.js';

const byId = (a: string, b: string) =>
  a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;

/** The message as a read returns it: links signed afresh, content as the app may see it. */
export function asRead(state: FakeState, payload: Record<string, unknown>) {
  const attachments = (payload.attachments as Record<string, unknown>[] | undefined) ?? [];
  const fresh = attachments.map((a) => {
    const url = state.cdn.refresh([a.url])[0]!.refreshed as string;
    return { ...a, url, proxy_url: url };
  });
  const read = { ...payload, attachments: fresh };
  if (state.privileged.messageContent) return read;
  return messageContentVariant(read, state.botUser.id).stripped();
}

/** Why the bot may not read this channel's history, if it may not. */
function refuseRead(state: FakeState, channelId: string) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return target;
  if (target.kind === 'guild' && !has(target.permissions, PERMISSIONS.READ_MESSAGE_HISTORY))
    return { status: 403, body: ERRORS.missingPermissions };
  return null;
}

/** The query as Discord reads it, or its 400. */
function readQuery(query: URLSearchParams) {
  const errors = new FormErrors();
  const raw = query.get('limit');
  const limit = raw === null ? 50 : Number(raw);
  if (!Number.isInteger(limit)) errors.add(['limit'], 'NUMBER_TYPE_COERCE', 'Value is not int.');
  else if (limit < 1)
    errors.add(['limit'], 'NUMBER_TYPE_MIN', 'int value should be greater than or equal to 1.');
  else if (limit > 100)
    errors.add(['limit'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 100.');
  const anchors = (['around', 'before', 'after'] as const).filter((k) => query.has(k));
  for (const k of anchors)
    if (!/^\d{1,20}$/.test(query.get(k)!))
      errors.add([k], 'NUMBER_TYPE_COERCE', `Value "${query.get(k)}" is not snowflake.`);
  if (anchors.length > 1)
    errors.add([anchors[1]!], 'BASE_TYPE_BAD_LENGTH', 'around, before and after are exclusive.');
  if (!errors.empty) return { refusal: errors.body() };
  const anchor = anchors[0];
  return { limit, anchor, at: anchor ? query.get(anchor)! : null };
}

/** The ids of a channel's messages that the fake keeps in full, oldest first. */
function channelIds(state: FakeState, channelId: string) {
  const ids: string[] = [];
  for (const [id, m] of state.knownMessages)
    if (m.channelId === channelId && m.payload) ids.push(id);
  return ids.sort(byId);
}

/** The window a query selects, oldest first. */
function select(ids: string[], q: { limit: number; anchor?: string; at: string | null }) {
  const { limit, anchor, at } = q;
  if (!anchor || !at) return ids.slice(-limit);
  if (anchor === 'before') return ids.filter((id) => byId(id, at) < 0).slice(-limit);
  if (anchor === 'after') return ids.filter((id) => byId(id, at) > 0).slice(0, limit);
  // around: the message (when it exists) and those either side of it, about half each.
  const newer = ids.filter((id) => byId(id, at) > 0).slice(0, Math.floor(limit / 2));
  const older = ids.filter((id) => byId(id, at) <= 0).slice(-(limit - newer.length));
  return [...older, ...newer];
}

/** GET /channels/:id/messages */
export function listMessages(
  state: FakeState,
  res: ServerResponse,
  channelId: string,
  query: URLSearchParams,
) {
  const denied = refuseRead(state, channelId);
  if (denied) return json(res, denied.status, denied.body);
  const q = readQuery(query);
  if ('refusal' in q) return json(res, 400, q.refusal);
  const window = select(channelIds(state, channelId), q).reverse();
  return json(
    res,
    200,
    window.map((id) => asRead(state, state.knownMessages.get(id)!.payload!)),
  );
}

/** GET /channels/:id/messages/:mid */
export function readMessage(
  state: FakeState,
  res: ServerResponse,
  channelId: string,
  messageId: string,
) {
  const denied = refuseRead(state, channelId);
  if (denied) return json(res, denied.status, denied.body);
  const known = knownIn(state, channelId, messageId);
  if (!known?.payload) return json(res, 404, ERRORS.unknownMessage);
  return json(res, 200, asRead(state, known.payload));
}
