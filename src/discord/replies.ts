import { MessageFlags, Routes, type REST } from 'discord.js';
import type { Logger } from '../logger.js';
import type { UploadJob } from '../queue/jobs.js';
import type { Delivery, UploadProgress } from '../queue/workers.js';
import type { Redis } from '../redis.js';
import type { Records } from '../store/records.js';
import { formatProgress, formatResult } from './format.js';

/** Replies never ping anyone. */
export const NO_MENTIONS = { parse: [] as never[], replied_user: false };

export const REACTION = { working: '⏳', done: '✅', partial: '⚠️', failed: '❌' } as const;

export type DiscordReplies = ReturnType<typeof createDiscordReplies>;

/**
 * The worker's side of Discord: turns finished requests and progress into messages through
 * Discord's REST API only (no gateway), so workers can run anywhere.
 */
export function createDiscordReplies(deps: {
  rest: REST;
  records: Records;
  redis: Redis;
  namespace: string;
  log: Logger;
  /** Minimum time between two progress edits of one reply. */
  progressEditMs?: number;
}) {
  const { rest, records } = deps;
  const log = deps.log.child({ subsystem: 'replies' });
  const progressEditMs = deps.progressEditMs ?? 2_000;

  async function interactionToken(requestId: string, expiresAt: number): Promise<string | null> {
    // A little margin: an edit sent just before expiry may arrive after it.
    if (Date.now() > expiresAt - 5_000) return null;
    return records.getReplyToken(requestId);
  }

  async function react(channelId: string, messageId: string, remove: string, add: string) {
    await rest
      .delete(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(remove)))
      .catch((err: unknown) => log.debug({ err }, 'could not remove reaction'));
    await rest
      .put(Routes.channelMessageOwnReaction(channelId, messageId, encodeURIComponent(add)))
      .catch((err: unknown) => log.warn({ err, channelId, messageId }, 'could not add reaction'));
  }

  return {
    deliver: async ({ result, replyTarget, request }: Delivery): Promise<void> => {
      const content = formatResult(result);
      const dlog = log.child({
        requestId: result.requestId,
        guildId: result.requester.guildId,
        userId: result.requester.userId,
      });
      if (replyTarget.type === 'none') return;
      if (replyTarget.type === 'message') {
        await rest.post(Routes.channelMessages(replyTarget.channelId), {
          body: {
            content,
            message_reference: {
              message_id: replyTarget.messageId,
              channel_id: replyTarget.channelId,
              fail_if_not_exists: false,
            },
            allowed_mentions: NO_MENTIONS,
            flags: MessageFlags.SuppressEmbeds,
          },
        });
        const ok = result.files.filter((f) => f.status === 'uploaded').length;
        const outcome =
          ok === result.files.length
            ? REACTION.done
            : ok === 0
              ? REACTION.failed
              : REACTION.partial;
        await react(replyTarget.channelId, replyTarget.messageId, REACTION.working, outcome);
        dlog.info('replied to the message');
        return;
      }
      const token = await interactionToken(result.requestId, replyTarget.expiresAt);
      if (token) {
        try {
          await rest.patch(Routes.webhookMessage(replyTarget.applicationId, token, '@original'), {
            body: { content, allowed_mentions: NO_MENTIONS, flags: MessageFlags.SuppressEmbeds },
            auth: false,
          });
          if (result.post?.status === 'created' && result.post.accessKey) {
            // The key opens a private post: only its owner sees it.
            await rest.post(Routes.webhook(replyTarget.applicationId, token), {
              body: {
                content: `Your private post: ${result.post.url}?key=${result.post.accessKey}`,
                flags: MessageFlags.Ephemeral,
                allowed_mentions: NO_MENTIONS,
              },
              auth: false,
            });
          }
          dlog.info('edited the interaction reply');
          return;
        } catch (err) {
          dlog.warn(
            { err },
            'could not edit the interaction reply; posting in the channel instead',
          );
        }
      }
      // The interaction token has expired (the work took over 15 minutes): say it in the channel.
      await rest.post(Routes.channelMessages(result.requester.channelId), {
        body: {
          content:
            `<@${result.requester.userId}>, your rehost finished.\n${formatResult(result, { keySent: false })}`.slice(
              0,
              2000,
            ),
          allowed_mentions: NO_MENTIONS,
          flags: MessageFlags.SuppressEmbeds,
        },
      });
      dlog.info({ requestId: request.requestId }, 'posted the result in the channel');
    },

    /** Edits the interaction reply with a file's progress, at most once every 2 s per request. */
    progress: async (job: UploadJob, progress: UploadProgress): Promise<void> => {
      const target = job.replyTarget;
      if (target?.type !== 'interaction') return;
      const slot = await deps.redis.set(
        `${deps.namespace}:request:${job.requestId}:progress-edit`,
        '1',
        'PX',
        progressEditMs,
        'NX',
      );
      if (slot !== 'OK') return;
      const token = await interactionToken(job.requestId, target.expiresAt);
      if (!token) return;
      const percent = Math.floor((progress.bytes / Math.max(1, progress.total)) * 100);
      await rest.patch(Routes.webhookMessage(target.applicationId, token, '@original'), {
        body: {
          content: formatProgress(job.attachment.filename, job.index, job.total ?? 1, percent),
          allowed_mentions: NO_MENTIONS,
        },
        auth: false,
      });
    },
  };
}
