import { MessageFlags, Routes, type REST } from 'discord.js';
import type { Logger } from '../logger.js';
import type {
  Delivery,
  RehostResult,
  ReplyTarget,
  UploadJob,
  UploadProgress,
} from '../queue/jobs.js';
import type { Store } from '../store/index.js';
import { NO_MENTIONS, REACTION, formatProgress, formatResult } from './format.js';

/** Minimum time between two progress edits of one reply. */
const PROGRESS_EDIT_MS = 2_000;

type InteractionTarget = Extract<ReplyTarget, { type: 'interaction' }>;
type MessageTarget = Extract<ReplyTarget, { type: 'message' }>;

type Deps = { rest: REST; store: Store; log: Logger };

async function interactionToken(deps: Deps, requestId: string, expiresAt: number) {
  // A little margin: an edit sent just before expiry may arrive after it.
  if (Date.now() > expiresAt - 5_000) return null;
  return deps.store.requests.getReplyToken(requestId);
}

async function react(
  deps: Deps,
  channelId: string,
  messageId: string,
  remove: string,
  add: string,
) {
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
async function replyToMessage(deps: Deps, result: RehostResult, target: MessageTarget) {
  // A private watch: the links go to the poster; the channel learns only that it is done.
  const isPrivate = result.post?.status === 'created' && result.post.visibility === 'private';
  const content = !isPrivate
    ? formatResult(result)
    : (await sendPrivately(deps, result))
      ? `Rehosted privately: the links were sent to <@${result.requester.userId}> in a direct message.`
      : `Rehosted privately, but Discord would not let me send <@${result.requester.userId}> a direct message: find it with \`/imgpile mine\`.`;
  await deps.rest.post(Routes.channelMessages(target.channelId), {
    body: {
      content,
      message_reference: {
        message_id: target.messageId,
        channel_id: target.channelId,
        fail_if_not_exists: false,
      },
      allowed_mentions: NO_MENTIONS,
      flags: MessageFlags.SuppressEmbeds,
    },
  });
  const ok = result.files.filter((f) => f.status === 'uploaded').length;
  const outcome =
    ok === result.files.length ? REACTION.done : ok === 0 ? REACTION.failed : REACTION.partial;
  await react(deps, target.channelId, target.messageId, REACTION.working, outcome);
}

/** Edits the interaction's reply; the key of a private post goes to its owner only. */
async function editInteraction(
  deps: Deps,
  result: RehostResult,
  target: InteractionTarget,
  token: string,
) {
  await deps.rest.patch(Routes.webhookMessage(target.applicationId, token, '@original'), {
    body: {
      content: formatResult(result),
      allowed_mentions: NO_MENTIONS,
      flags: MessageFlags.SuppressEmbeds,
    },
    auth: false,
  });
  if (result.post?.status === 'created' && result.post.accessKey) {
    await deps.rest.post(Routes.webhook(target.applicationId, token), {
      body: {
        content: `Your private post: ${result.post.url}?key=${result.post.accessKey}`,
        flags: MessageFlags.Ephemeral,
        allowed_mentions: NO_MENTIONS,
      },
      auth: false,
    });
  }
}

/** A result only its owner may see: a hidden or private post, or a reply asked to be private. */
export function isPrivateResult(result: RehostResult, target: ReplyTarget): boolean {
  const visibility = result.post?.status === 'created' ? result.post.visibility : null;
  const asked = target.type === 'interaction' && target.ephemeral === true;
  return asked || visibility === 'hidden' || visibility === 'private';
}

/** Sends the result to its owner in a direct message; false when Discord would not. */
async function sendPrivately(deps: Deps, result: RehostResult): Promise<boolean> {
  const post = result.post?.status === 'created' ? result.post : null;
  const key = post?.accessKey ? `\nYour private post: ${post.url}?key=${post.accessKey}` : '';
  try {
    const dm = (await deps.rest.post(Routes.userChannels(), {
      body: { recipient_id: result.requester.userId },
    })) as { id: string };
    await deps.rest.post(Routes.channelMessages(dm.id), {
      body: {
        content: `Your rehost finished.\n${formatResult(result, { keySent: true })}${key}`.slice(
          0,
          2000,
        ),
        allowed_mentions: NO_MENTIONS,
        flags: MessageFlags.SuppressEmbeds,
      },
    });
    return true;
  } catch (err) {
    deps.log.warn({ err }, 'could not send the result by direct message');
    return false;
  }
}

/**
 * The interaction token has expired (the work took over 15 minutes): say it in the channel. A
 * private result goes to its owner by direct message; the channel learns only that it is done.
 */
async function postInChannel(deps: Deps, result: RehostResult, target: ReplyTarget) {
  const who = `<@${result.requester.userId}>`;
  let text = `${who}, your rehost finished.\n${formatResult(result, { keySent: false })}`;
  if (isPrivateResult(result, target)) {
    text = (await sendPrivately(deps, result))
      ? `${who}, your rehost finished: it is private, so its links were sent to you in a direct message.`
      : `${who}, your rehost finished, but it is private and Discord would not let me send you a direct message: find it with \`/imgpile mine\`.`;
  }
  await deps.rest.post(Routes.channelMessages(result.requester.channelId), {
    body: {
      content: text.slice(0, 2000),
      allowed_mentions: NO_MENTIONS,
      flags: MessageFlags.SuppressEmbeds,
    },
  });
}

/** Delivers a finished request where it belongs: the message, the interaction, or the channel. */
async function deliver(deps: Deps, { result, replyTarget }: Delivery): Promise<void> {
  const log = deps.log.child({
    requestId: result.requestId,
    guildId: result.requester.guildId,
    userId: result.requester.userId,
  });
  if (replyTarget.type === 'none') return;
  if (replyTarget.type === 'message') {
    await replyToMessage(deps, result, replyTarget);
    log.info('replied to the message');
    return;
  }
  const token = await interactionToken(deps, result.requestId, replyTarget.expiresAt);
  if (token) {
    try {
      await editInteraction(deps, result, replyTarget, token);
      log.info('edited the interaction reply');
      return;
    } catch (err) {
      log.warn({ err }, 'could not edit the interaction reply; posting in the channel instead');
    }
  }
  await postInChannel(deps, result, replyTarget);
  log.info('posted the result in the channel');
}

/** Edits the interaction reply with a file's progress, at most once every 2 s per request. */
async function reportProgress(deps: Deps, job: UploadJob, progress: UploadProgress) {
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
export function createDiscordReplies(options: Deps) {
  const deps = { ...options, log: options.log.child({ subsystem: 'replies' }) };
  return {
    deliver: (delivery: Delivery) => deliver(deps, delivery),
    progress: (job: UploadJob, progress: UploadProgress) => reportProgress(deps, job, progress),
  };
}
