import { randomUUID } from 'node:crypto';
import { FlowProducer, type FlowJob, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import { QuotaExceededError, UserError } from '../errors.js';
import type { Quotas } from '../limits/quotas.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis.js';
import { RehostRefusal, precheckAttachment } from '../rehost/download.js';
import type { Records } from '../store/records.js';
import {
  QUEUE_REQUESTS,
  QUEUE_UPLOADS,
  attachmentSchema,
  postOptionsSchema,
  replyTargetSchema,
  requestJobId,
  requesterSchema,
  uploadJobId,
  type Attachment,
  type RefusedFile,
  type RequestJob,
  type UploadJob,
} from './jobs.js';

export const MAX_FILES_PER_REQUEST = 10;
/** BullMQ's highest priority number. */
const MAX_PRIORITY = 2_097_151;

export const enqueueInputSchema = z.object({
  /** Idempotency key: the interaction or message id. Defaults to a random id. */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,80}$/)
    .optional(),
  attachments: z.array(attachmentSchema).min(1).max(MAX_FILES_PER_REQUEST),
  requester: requesterSchema,
  replyTarget: replyTargetSchema,
  post: postOptionsSchema.nullish(),
});
export type EnqueueInput = z.input<typeof enqueueInputSchema> & {
  /** Interaction token for the reply; stored apart from the job, never in it. */
  interactionToken?: string;
};

export type EnqueueResult = {
  requestId: string;
  /** The same request id was enqueued before: nothing new was queued or reserved. */
  duplicate: boolean;
  accepted: { index: number; attachment: Attachment }[];
  refused: RefusedFile[];
};

/** Retries: exponential backoff with jitter, from `retryDelayMs` (2 s, 4 s, 8 s, 16 s by default). */
export function retryOptions(retryDelayMs: number) {
  return {
    attempts: 5,
    backoff: { type: 'exponential', delay: retryDelayMs, jitter: 0.5 },
  } satisfies JobsOptions;
}

/** Redis counter of a guild's files not yet finished: their rank orders the queue fairly. */
export function pendingKey(
  namespace: string,
  requester: { guildId: string | null; userId: string },
) {
  return `${namespace}:pending:${requester.guildId ?? `dm-${requester.userId}`}`;
}

export type RehostProducer = ReturnType<typeof createRehostProducer>;

/**
 * The bot's side of the pipeline: checks what it can without downloading, reserves the daily
 * quotas, and queues one BullMQ flow per request (uploads as children, the request as parent).
 */
export function createRehostProducer(deps: {
  connection: Redis;
  redis: Redis;
  bullPrefix: string;
  namespace: string;
  quotas: Quotas;
  records: Records;
  allowedHosts: string[];
  maxFileBytes: number;
  retryDelayMs: number;
  log: Logger;
  onQuotaRefused?: (scope: string) => void;
}) {
  const retries = retryOptions(deps.retryDelayMs);
  const flows = new FlowProducer({ connection: deps.connection, prefix: deps.bullPrefix });
  // An 'error' event without a listener would crash the process; the connection logs its own.
  flows.on('error', (err) =>
    deps.log.debug({ err: { message: err.message } }, 'flow producer error'),
  );
  const log = deps.log.child({ subsystem: 'producer' });

  async function enqueueRehost(raw: EnqueueInput): Promise<EnqueueResult> {
    const parsed = enqueueInputSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn(
        { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
        'invalid rehost request',
      );
      throw new UserError('That request could not be read: nothing was uploaded.');
    }
    const input = parsed.data;
    const requestId = input.requestId ?? randomUUID();
    const accepted: EnqueueResult['accepted'] = [];
    const refused: RefusedFile[] = [];
    input.attachments.forEach((attachment, index) => {
      const refuse = (code: string, reason: string) =>
        refused.push({
          index,
          attachmentId: attachment.id,
          filename: attachment.filename,
          code,
          reason,
        });
      try {
        precheckAttachment(attachment, {
          allowedHosts: deps.allowedHosts,
          maxBytes: deps.maxFileBytes,
        });
      } catch (err) {
        if (err instanceof RehostRefusal) return refuse(err.code, err.message);
        throw err;
      }
      const type = attachment.contentType?.split(';')[0]?.trim().toLowerCase();
      if (type && !type.startsWith('image/') && !type.startsWith('video/')) {
        return refuse('not_media', 'this file type is not accepted (only images and videos are)');
      }
      accepted.push({ index, attachment });
    });
    const context = { requestId, guildId: input.requester.guildId, userId: input.requester.userId };
    if (accepted.length === 0) {
      log.info(
        { ...context, refused: refused.length },
        'nothing to rehost: every file refused up front',
      );
      return { requestId, duplicate: false, accepted, refused };
    }
    if (!(await deps.records.claimRequest(requestId))) {
      log.info(context, 'duplicate rehost request ignored');
      return { requestId, duplicate: true, accepted: [], refused: [] };
    }

    let quotaDay: string;
    try {
      quotaDay = await deps.quotas.reserve(input.requester, accepted.length);
    } catch (err) {
      await deps.records.unclaimRequest(requestId);
      if (err instanceof QuotaExceededError) {
        deps.onQuotaRefused?.(err.scope);
        log.info({ ...context, scope: err.scope, remaining: err.remaining }, 'request over quota');
      }
      throw err;
    }

    const pending = pendingKey(deps.namespace, input.requester);
    let counted = false;
    try {
      if (raw.interactionToken && input.replyTarget.type === 'interaction') {
        await deps.records.setReplyToken(
          requestId,
          raw.interactionToken,
          input.replyTarget.expiresAt - Date.now(),
        );
      }
      const [[, total]] = (await deps.redis
        .multi()
        .incrby(pending, accepted.length)
        .expire(pending, 86_400)
        .exec()) as [[Error | null, number]];
      counted = true;
      const firstRank = total - accepted.length + 1;

      const requestJob: RequestJob = {
        requestId,
        requester: input.requester,
        replyTarget: input.replyTarget,
        post: input.post ?? null,
        files: accepted.map(({ index, attachment }) => ({
          index,
          attachmentId: attachment.id,
          filename: attachment.filename,
        })),
        refused,
        quotaDay,
        createdAt: Date.now(),
      };
      const flow: FlowJob = {
        name: 'rehost-request',
        queueName: QUEUE_REQUESTS,
        data: requestJob,
        opts: {
          ...retries,
          jobId: requestJobId(requestId),
          removeOnComplete: { age: 86_400, count: 5000 },
          removeOnFail: { age: 7 * 86_400 },
        },
        children: accepted.map(({ index, attachment }, i) => {
          const data: UploadJob = {
            requestId,
            index,
            attachment,
            requester: input.requester,
            quotaDay,
            total: input.attachments.length,
            replyTarget: input.replyTarget,
          };
          return {
            name: 'rehost-file',
            queueName: QUEUE_UPLOADS,
            data,
            opts: {
              ...retries,
              jobId: uploadJobId(requestId, attachment.id),
              // The rank of this file in its guild's backlog: a guild with one file is served
              // before the 300th file of another guild.
              priority: Math.min(MAX_PRIORITY, firstRank + i),
              // A file that fails for good must not strand the rest of the batch.
              ignoreDependencyOnFailure: true,
              removeOnComplete: { age: 86_400, count: 5000 },
              removeOnFail: { age: 7 * 86_400 },
            },
          };
        }),
      };
      await flows.add(flow);
      log.info(
        { ...context, files: accepted.length, refused: refused.length, post: input.post != null },
        'rehost request queued',
      );
      return { requestId, duplicate: false, accepted, refused };
    } catch (err) {
      if (counted) await deps.redis.decrby(pending, accepted.length);
      await deps.quotas.release(input.requester, quotaDay, accepted.length);
      await deps.records.unclaimRequest(requestId);
      throw err;
    }
  }

  return {
    enqueueRehost,
    async close() {
      await flows.close();
    },
  };
}
