import { MessageFlags, Routes } from 'discord.js';
import type { Delivery, ReplyTarget, UploadJob, UploadProgress } from '../queue/jobs.js';
import { isPrivatePost, isPrivateResult, keyLine, sendPrivately } from './direct.js';
import { finishedReply, type ReplyDeps } from './finished.js';
import { NO_MENTIONS, REACTION, formatProgress } from './format.js';
import { forEdit } from './gallery.js';

/** Minimum time between two progress edits of one reply. */
const PROGRESS_EDIT_MS = 2_000;

type InteractionTarget = Extract<ReplyTarget, { type: 'interaction' }>;
type MessageTarget = Extract<ReplyTarget, { type: 'message' }>;

async function interactionToken(deps: ReplyDeps, requestId: string, expiresAt: number) {
  // A little margin: an edit sent just before expiry may arrive after it.
  if (Date.now() > expiresAt - 5_000) return null;
  return deps.store.requests.getReplyToken(requestId);
}

async function react(deps: ReplyDeps, target: MessageTarget, remove: string, add: string) {
  const { channelId, messageId } = target;
  await deps.rest
    .delete(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(remove)))
    .catch((err: unknown) => deps.log.debug({ err }, 'could not remove reaction'));
  await deps.rest
    .put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(add)))
    .catch((err: unknown) =>
      deps.log.warn({ err, channelId, messageId }, 'could not add reaction'),
    );
}

/** Auto-rehost: a reply to the watched message, then the outcome as a reaction. */
async function replyToMessage(deps: ReplyDeps, delivery: Delivery, target: MessageTarget) {
  const { result } = delivery;
  // A private watch: the links go to the poster; the channel learns only that it is done.
  const isPrivate = isPrivatePost(delivery);
  const who = `<@${result.requester.userId}>`;
  const body = !isPrivate
    ? await finishedReply(deps, delivery)
    : {
        content: (await sendPrivately(deps, result))
          ? `Rehosted privately: the links were sent to ${who} in a direct message.`
          : `Rehosted privately, but Discord would not let me send ${who} a direct message: find it with \`/imgpile mine\`.`,
        allowed_mentions: NO_MENTIONS,
        flags: MessageFlags.SuppressEmbeds,
      };
  await deps.rest.post(Routes.channelMessages(target.channelId), {
    body: {
      ...body,
      message_reference: {
        message_id: target.messageId,
        channel_id: target.channelId,
        fail_if_not_exists: false,
      },
    },
  });
  const ok = result.files.filter((f) => f.status === 'uploaded').length;
  const outcome =
    ok === result.files.length ? REACTION.done : ok === 0 ? REACTION.failed : REACTION.partial;
  await react(deps, target, REACTION.working, outcome);
}

/** Edits the interaction's reply; the key of a private post goes to its owner only. */
async function editInteraction(
  deps: ReplyDeps,
  delivery: Delivery,
  target: InteractionTarget,
  token: string,
) {
  await deps.rest.patch(Routes.webhookMessage(target.applicationId, token, '@original'), {
    body: forEdit(await finishedReply(deps, delivery)),
    auth: false,
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
  const who = `<@${result.requester.userId}>`;
  const body = !isPrivateResult(delivery, target)
    ? await finishedReply(deps, delivery, {
        intro: `${who}, your rehost finished.`,
        keySent: false,
      })
    : {
        content: (await sendPrivately(deps, result))
          ? `${who}, your rehost finished: it is private, so its links were sent to you in a direct message.`
          : `${who}, your rehost finished, but it is private and Discord would not let me send you a direct message: find it with \`/imgpile mine\`.`,
        allowed_mentions: NO_MENTIONS,
        flags: MessageFlags.SuppressEmbeds,
      };
  await deps.rest.post(Routes.channelMessages(result.requester.channelId), { body });
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
    await replyToMessage(deps, delivery, replyTarget);
    log.info('replied to the message');
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
  await postInChannel({ ...deps, log }, delivery, replyTarget);
  log.info('posted the result in the channel');
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
      content: formatProgress(job.attachment.filename, job.index, job.total ?? 1, percent),
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
  };
}
