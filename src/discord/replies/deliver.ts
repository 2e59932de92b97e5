import { MessageFlags, Routes, type DiscordAPIError } from 'discord.js';
import type { Logger } from '../../logger.js';
import type { UploadJob } from '../../queue/jobs.js';
import type { Delivery, ReplyTarget, UploadProgress } from '../../request.js';
import { sleep } from '../../sleep.js';
import { ACK_TURN_MS } from '../../store/index.js';
import { textFor } from '../../text/index.js';
import { REFUSALS_TO_STOP, isMemberRefusal, isRefusal } from '../core/refusals.js';
import { NO_MENTIONS, REACTION, formatProgress } from '../views/format.js';
import { forEdit } from '../views/rehost-gallery.js';
import { noteCopies } from './copies.js';
import { isPrivatePost, isPrivateResult, keyLine, sendPrivately } from './direct.js';
import { finishedReply, type FinishedReply, type ReplyDeps } from './finished.js';
import { followUp, lookAgain } from './followup.js';
import { interactionToken } from './reply-token.js';

/** Minimum time between two progress edits of one reply. */
const PROGRESS_EDIT_MS = 2_000;

type InteractionTarget = Extract<ReplyTarget, { type: 'interaction' }>;
type MessageTarget = Extract<ReplyTarget, { type: 'message' }>;

/**
 * Swaps the bot's reaction; stops at a refusal, which the caller counts. A refusal that is the
 * author's own (they blocked the bot) is counted against them, and their messages get no
 * reaction once they keep refusing.
 */
async function react(
  deps: ReplyDeps,
  target: MessageTarget,
  userId: string,
  [remove, add]: [string, string],
) {
  if ((await deps.store.watches.memberRefusals(userId)) >= REFUSALS_TO_STOP) return;
  const { channelId, messageId } = target;
  const swap = [
    ['delete', remove],
    ['put', add],
  ] as const;
  for (const [method, emoji] of swap) {
    try {
      const route = Routes.channelMessageOwnReaction(
        channelId,
        messageId,
        encodeURIComponent(emoji),
      );
      await deps.rest[method](route);
    } catch (err) {
      if (isRefusal(err)) throw err;
      if (isMemberRefusal(err)) {
        const refusals = await deps.store.watches.noteMemberRefusal(userId);
        deps.log.info({ code: err.code, refusals }, 'Discord refused the bot for this member');
        return;
      }
      deps.log.warn({ err, channelId, messageId, emoji }, 'could not change the reaction');
    }
  }
}

/** The channel refused the bot lately: a reply would be one more refusal against its IP. */
async function refusing(deps: ReplyDeps, channelId: string): Promise<boolean> {
  const refusals = await deps.store.watches.refusals(channelId);
  if (refusals < REFUSALS_TO_STOP) return false;
  deps.log.warn({ channelId, refusals }, 'channel refuses the bot: no reply');
  return true;
}

/** Auto-rehost: a reply to the watched message, then the outcome as a reaction. */
async function replyToMessage(deps: ReplyDeps, delivery: Delivery, target: MessageTarget) {
  const { result } = delivery;
  if (await refusing(deps, target.channelId)) return;
  // A private watch: the links go to the poster; the channel learns only that it is done.
  const isPrivate = isPrivatePost(delivery);
  const { userId } = result.requester;
  if (target.quiet) {
    // Caught up past the channel's replies: a reaction only (a private post's key still goes
    // to its poster). With no reply, a delete of the message is not followed for these.
    if (isPrivate) await sendPrivately(deps, result);
    return react(deps, target, userId, [REACTION.working, outcomeReaction(result)]);
  }
  const text = textFor(result.requester.locale);
  const reply: FinishedReply = !isPrivate
    ? await finishedReply(deps, delivery)
    : {
        body: {
          content: (await sendPrivately(deps, result))
            ? text('delivery.privateSent', { userId })
            : text('delivery.privateNotSent', { userId }),
          allowed_mentions: NO_MENTIONS,
          flags: MessageFlags.SuppressEmbeds,
        },
        drawn: null,
      };
  const sent = (await deps.rest.post(Routes.channelMessages(target.channelId), {
    body: {
      ...reply.body,
      message_reference: {
        message_id: target.messageId,
        channel_id: target.channelId,
        fail_if_not_exists: false,
      },
    },
  })) as { id: string };
  await noteCopies(deps, delivery, target, sent.id);
  await followUp(deps, delivery, reply, {
    type: 'message',
    channelId: target.channelId,
    messageId: sent.id,
  });
  await react(deps, target, userId, [REACTION.working, outcomeReaction(result)]);
}

/** ✅ every file rehosted, ❌ none, or the partial mark. */
function outcomeReaction(result: Delivery['result']) {
  const ok = result.files.filter((f) => f.status === 'uploaded').length;
  return ok === result.files.length ? REACTION.done : ok === 0 ? REACTION.failed : REACTION.partial;
}

/** Edits the interaction's reply; the key of a private post goes to its owner only. */
async function editInteraction(
  deps: ReplyDeps,
  delivery: Delivery,
  target: InteractionTarget,
  token: string,
) {
  const reply = await finishedReply(deps, delivery);
  // The bot's own "queued" edit may be on its way: the result goes after it, never under it.
  await resultTurn(deps, delivery.result.requestId);
  await deps.rest.patch(Routes.webhookMessage(target.applicationId, token, '@original'), {
    body: forEdit(reply.body),
    auth: false,
  });
  const { applicationId, expiresAt } = target;
  const channelId = delivery.result.requester.channelId;
  await followUp(deps, delivery, reply, {
    type: 'interaction',
    applicationId,
    channelId,
    expiresAt,
  });
  const key = keyLine(delivery.result);
  if (key) {
    await deps.rest.post(Routes.webhook(target.applicationId, token), {
      body: { content: key, flags: MessageFlags.Ephemeral, allowed_mentions: NO_MENTIONS },
      auth: false,
    });
  }
}

/**
 * The interaction token has expired (the work took over 15 minutes): say it in the channel. A
 * private result goes to its owner by direct message; the channel learns only that it is done.
 * Where the bot has no channel (a DM between others, a server it is not in), nothing can be
 * said any more: the reply said so when it was queued.
 */
async function postInChannel(deps: ReplyDeps, delivery: Delivery, target: InteractionTarget) {
  const { result } = delivery;
  if (target.fallback === false) {
    deps.log.warn('the reply outlived its 15 minutes and the bot has no channel there');
    return;
  }
  if (await refusing(deps, result.requester.channelId)) return;
  const { userId, channelId } = result.requester;
  const text = textFor(result.requester.locale);
  const reply: FinishedReply = !isPrivateResult(delivery, target)
    ? await finishedReply(deps, delivery, {
        intro: text('delivery.finished', { userId }),
        keySent: false,
      })
    : {
        body: {
          content: (await sendPrivately(deps, result))
            ? text('delivery.finishedPrivateSent', { userId })
            : text('delivery.finishedPrivateNotSent', { userId }),
          allowed_mentions: NO_MENTIONS,
          flags: MessageFlags.SuppressEmbeds,
        },
        drawn: null,
      };
  const sent = (await deps.rest.post(Routes.channelMessages(channelId), {
    body: reply.body,
  })) as { id: string };
  await followUp(deps, delivery, reply, { type: 'message', channelId, messageId: sent.id });
}

/**
 * Waits while the bot's "queued" edit of the same reply is on its way (a few milliseconds; at
 * most until its turn expires), so that edit never lands over the result.
 */
async function resultTurn(deps: ReplyDeps, requestId: string) {
  const until = Date.now() + ACK_TURN_MS + 1_000;
  while (!(await deps.store.requests.takeResultTurn(requestId)) && Date.now() < until)
    await sleep(20);
}

/** Delivers a finished request where it belongs: the message, the interaction, or the channel. */
async function deliver(deps: ReplyDeps, delivery: Delivery): Promise<void> {
  const { result, replyTarget } = delivery;
  const log = deps.log.child({
    requestId: result.requestId,
    guildId: result.requester.guildId,
    userId: result.requester.userId,
  });
  if (replyTarget.type === 'none') return;
  if (replyTarget.type === 'message') {
    try {
      await replyToMessage({ ...deps, log }, delivery, replyTarget);
      log.info('replied to the message');
    } catch (err) {
      if (!isRefusal(err)) throw err;
      await refused(deps, replyTarget.channelId, err, log);
    }
    return;
  }
  const token = await interactionToken(deps, result.requestId, replyTarget.expiresAt);
  if (token) {
    try {
      await editInteraction(deps, delivery, replyTarget, token);
      log.info('edited the interaction reply');
      return;
    } catch (err) {
      log.warn({ err }, 'could not edit the interaction reply; posting in the channel instead');
    }
  }
  try {
    await postInChannel({ ...deps, log }, delivery, replyTarget);
    log.info('posted the result in the channel');
  } catch (err) {
    if (!isRefusal(err)) throw err;
    await refused(deps, result.requester.channelId, err, log);
  }
}

/**
 * Discord refused the reply (403): never retried, since asking again cannot help and each
 * refusal counts against the bot's IP; counted, so the channel is left alone once it keeps
 * refusing (see core/refusals.ts).
 */
async function refused(deps: ReplyDeps, channelId: string, err: DiscordAPIError, log: Logger) {
  const refusals = await deps.store.watches.noteRefusal(channelId);
  log.warn({ channelId, code: err.code, refusals }, 'Discord refused the reply; not retried');
}

/** Edits the interaction reply with a file's progress, at most once every 2 s per request. */
async function reportProgress(deps: ReplyDeps, job: UploadJob, progress: UploadProgress) {
  const target = job.replyTarget;
  if (target?.type !== 'interaction') return;
  if (!(await deps.store.requests.takeProgressSlot(job.requestId, PROGRESS_EDIT_MS))) return;
  const token = await interactionToken(deps, job.requestId, target.expiresAt);
  if (!token) return;
  const percent = Math.floor((progress.bytes / Math.max(1, progress.total)) * 100);
  await deps.rest.patch(Routes.webhookMessage(target.applicationId, token, '@original'), {
    body: {
      content: formatProgress(
        job.attachment.filename,
        job.index,
        job.total ?? 1,
        percent,
        textFor(job.requester.locale),
      ),
      allowed_mentions: NO_MENTIONS,
    },
    auth: false,
  });
}

/**
 * The worker's side of Discord: turns finished requests and progress into messages through
 * Discord's REST API only (no gateway), so workers can run anywhere.
 */
export function createDiscordReplies(options: ReplyDeps) {
  const deps = { ...options, log: options.log.child({ subsystem: 'replies' }) };
  return {
    deliver: (delivery: Delivery) => deliver(deps, delivery),
    progress: (job: UploadJob, progress: UploadProgress) => reportProgress(deps, job, progress),
    /** One look at a reply sent earlier (the follow-up queue's runner). */
    lookAgain: (work: unknown) => lookAgain(deps, work),
  };
}
