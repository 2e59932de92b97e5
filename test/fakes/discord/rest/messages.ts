/**
 * The bot's writes in channels: create, edit, read and delete messages, and its reactions, with
 * Discord's refusals: permissions (50013), replies without Read Message History (160002),
 * forums (no messages of their own), archived and locked threads, message validation (50035).
 */
import type { ServerResponse } from 'node:http';
import type { Gateway } from '../gateway/gateway.js';
import { ERRORS, json, noContent, type RequestBody } from '../http.js';
import { forgetHeldMessage } from '../interactions/component.js';
import { botMessage, dispatchMessage, pickMessageFields, recordActivity } from '../messages.js';
import type { FakeState } from '../state.js';
import { validateMessage } from '../validation.js';
import { FormErrors } from '../validation/form.js';
import {
  CHANNEL_TYPE,
  isForumType,
  isTextType,
  isThreadType,
  type ChannelRef,
} from '../world/model.js';
import { threadPayload } from '../world/payloads.js';
import { has, PERMISSIONS } from '../world/permissions.js';
import { accessChannel, knownIn, refused, type Refused, type Target } from './access.js';
import { editRateLimited } from './buckets.js';

type Reference = { message_id?: string; type?: number; fail_if_not_exists?: boolean };

function unarchive(state: FakeState, gateway: Gateway, ref: ChannelRef) {
  ref.channel.archived = false;
  ref.channel.archivedAt = Date.now();
  gateway.dispatch(
    'THREAD_UPDATE',
    threadPayload(ref.guild, ref.channel, state.botUser.id),
    ref.guild.id,
  );
}

/** Why the bot may not write (or reply) in this server channel, if it may not. */
function refuseGuildWrite(target: Target & { kind: 'guild' }, isReply: boolean): Refused | null {
  const { ref, permissions } = target;
  const type = ref.channel.type ?? 0;
  // Forum and media channels hold posts (threads), not messages. The live API answers
  // 50008 "Cannot send messages in a non-text channel" (the docs also list 40058).
  if (isForumType(type) || !isTextType(type)) return { status: 400, body: ERRORS.nonTextChannel };
  const thread = isThreadType(type);
  // "The SEND_MESSAGES permission has no effect in threads; users must have
  // SEND_MESSAGES_IN_THREADS to talk in a thread" ("Threads" > "Permissions").
  const needed = thread ? PERMISSIONS.SEND_MESSAGES_IN_THREADS : PERMISSIONS.SEND_MESSAGES;
  if (!has(permissions, needed)) return { status: 403, body: ERRORS.missingPermissions };
  // "When creating a message as a reply to another message, the current user must have the
  // READ_MESSAGE_HISTORY permission" (answered as 403 160002).
  if (isReply && !has(permissions, PERMISSIONS.READ_MESSAGE_HISTORY))
    return { status: 403, body: ERRORS.replyWithoutHistory };
  if (thread && ref.channel.locked && !has(permissions, PERMISSIONS.MANAGE_THREADS)) {
    // "Users won't be able to create or update messages in locked threads" ("Locked Threads").
    return ref.channel.archived
      ? { status: 400, body: ERRORS.archivedThread }
      : { status: 403, body: ERRORS.threadLocked };
  }
  return null;
}

/** A direct message to a user who blocked the bot: 50007 "Cannot send messages to this user". */
function refuseDm(state: FakeState, target: Target & { kind: 'private' }): Refused | null {
  const { channel } = target;
  const recipient = channel.type === CHANNEL_TYPE.DM ? channel.recipients[0]?.id : undefined;
  if (recipient && state.blockingBot.has(recipient))
    return { status: 403, body: ERRORS.cannotMessageUser };
  return null;
}

/** POST /channels/:id/messages ("Message" > "Create Message" > "Limitations"). */
export function createMessage(
  state: FakeState,
  gateway: Gateway,
  res: ServerResponse,
  channelId: string,
  body: RequestBody,
) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  const raw = (body.json ?? {}) as Record<string, unknown>;
  const reference = raw.message_reference as Reference | undefined;
  const isReply = !!reference?.message_id && (reference.type ?? 0) === 0;
  const denied =
    target.kind === 'guild' ? refuseGuildWrite(target, isReply) : refuseDm(state, target);
  if (denied) return json(res, denied.status, denied.body);
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
  const msg = botMessage(state, channelId, raw, {
    guildId: ref?.guild.id ?? null,
    attachments: storeFiles(state, channelId, body),
  });
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

/** The files of a multipart write, put on the CDN as the message's attachments. */
function storeFiles(state: FakeState, channelId: string, body: RequestBody) {
  return body.files.map((f) => {
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
}

/** PATCH /channels/:id/messages/:mid: the bot's own messages only, 5 in 5 s per channel. */
export function editChannelMessage(
  state: FakeState,
  gateway: Gateway,
  res: ServerResponse,
  channelId: string,
  messageId: string,
  body: RequestBody,
) {
  const target = accessChannel(state, channelId);
  if (refused(target)) return json(res, target.status, target.body);
  if (editRateLimited(state, res, channelId)) return;
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
export function react(
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
  const known = knownIn(state, channelId, messageId);
  if (!known) return json(res, 404, ERRORS.unknownMessage);
  // A member who blocked the bot: Discord refuses its reactions on their messages.
  if (method === 'PUT' && state.blockingBot.has(known.authorId))
    return json(res, 403, ERRORS.reactionBlocked);
  if (method === 'PUT') mine.add(emoji);
  else if (method === 'DELETE') mine.delete(emoji);
  state.reactions.set(key, mine);
  return noContent(res);
}

export function deleteMessage(
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
  // Gone wherever it is held (an interaction that updated it holds it too).
  forgetHeldMessage(state, messageId);
  const guildId = target.kind === 'guild' ? target.ref.guild.id : null;
  gateway.dispatch(
    'MESSAGE_DELETE',
    { id: messageId, channel_id: channelId, ...(guildId ? { guild_id: guildId } : {}) },
    guildId,
  );
  return noContent(res);
}
