import { randomUUID } from 'node:crypto';
import { FlowProducer, type FlowJob } from 'bullmq';
import { z } from 'zod';
import { chooseAccount } from '../accounts/choose.js';
import { accountNotice } from '../accounts/standing.js';
import type { Config } from '../config.js';
import { QuotaExceededError, UserError } from '../errors.js';
import type { Quotas } from '../limits/quotas.js';
import type { Logger } from '../logger.js';
import type { Redis } from '../redis.js';
import type { UrlPolicy } from '../rehost/url-target.js';
import {
  MAX_FILES_PER_REQUEST,
  attachmentSchema,
  fileTextSchema,
  postOptionsSchema,
  replyTargetSchema,
  requesterSchema,
  type PipelineEvent,
  type RefusedFile,
} from '../request.js';
import type { Store } from '../store/index.js';
import { say, type Say } from '../text/index.js';
import { queuedAfterAll } from './confirm.js';
import { screen, type Accepted } from './screen.js';
import {
  QUEUE_REQUESTS,
  QUEUE_UPLOADS,
  jobOptions,
  requestJobId,
  uploadJobId,
  type RequestJob,
  type UploadJob,
} from './jobs.js';

/** BullMQ's highest priority number. */
const MAX_PRIORITY = 2_097_151;

const enqueueInputSchema = z.object({
  /** Idempotency key: the interaction or message id. Defaults to a random id. */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,80}$/)
    .optional(),
  attachments: z.array(attachmentSchema).min(1).max(MAX_FILES_PER_REQUEST),
  requester: requesterSchema,
  replyTarget: replyTargetSchema,
  post: postOptionsSchema.nullish(),
  /** One file's title and description, for a request that makes no post. */
  fileText: fileTextSchema.optional(),
  /** The numeric id of an existing post of the requester's that the files are added to. */
  addToPost: z.number().int().positive().optional(),
});
export type EnqueueInput = z.input<typeof enqueueInputSchema> & {
  /** Interaction token for the reply; stored apart from the job, never in it. */
  interactionToken?: string;
};
type ParsedInput = z.output<typeof enqueueInputSchema>;

type EnqueueResult = {
  requestId: string;
  /** The same request id was enqueued before: nothing new was queued or reserved. */
  duplicate: boolean;
  accepted: Accepted[];
  refused: RefusedFile[];
  /** Something the sender must be told once, apart from the result (their account broke). */
  notice?: Say;
  /** Redis confirmed the request only after a stall: its result may already be delivered. */
  late?: boolean;
};

type ProducerDeps = {
  /** A non-blocking connection (the bot's shared one). */
  redis: Redis;
  bullPrefix: string;
  quotas: Quotas;
  store: Store;
  config: {
    attachmentHosts: string[];
    maxFileBytes: number;
    worker: { retryDelayMs: number };
    urls: UrlPolicy & { enabled: boolean };
    accounts?: Config['accounts'];
  };
  log: Logger;
  emit: (event: PipelineEvent) => void;
};

export type RehostProducer = ReturnType<typeof createRehostProducer>;

/** One BullMQ flow: an upload job per file as children, the request job as their parent. */
function buildFlow(
  request: RequestJob,
  input: ParsedInput,
  accepted: Accepted[],
  firstRank: number,
  retryDelayMs: number,
): FlowJob {
  const options = jobOptions(retryDelayMs);
  return {
    name: 'rehost-request',
    queueName: QUEUE_REQUESTS,
    data: request,
    opts: { ...options, jobId: requestJobId(request.requestId) },
    children: accepted.map(({ index, attachment }, i) => {
      const data: UploadJob = {
        requestId: request.requestId,
        index,
        attachment,
        requester: input.requester,
        quotaDay: request.quotaDay,
        total: input.attachments.length,
        replyTarget: input.replyTarget,
        post: input.post != null || input.fileText !== undefined,
        ...(input.addToPost !== undefined ? { postId: input.addToPost } : {}),
      };
      return {
        name: 'rehost-file',
        queueName: QUEUE_UPLOADS,
        data,
        opts: {
          ...options,
          jobId: uploadJobId(request.requestId, attachment.id),
          // The rank of this file in its guild's backlog: a guild with one file is served
          // before the 300th file of another guild.
          priority: Math.min(MAX_PRIORITY, firstRank + i),
          // A file that fails for good must not strand the rest of the batch.
          ignoreDependencyOnFailure: true,
        },
      };
    }),
  };
}

function parse(raw: EnqueueInput, log: Logger): ParsedInput {
  const parsed = enqueueInputSchema.safeParse(raw);
  if (parsed.success) {
    // The same file twice (the same link in two options) is one file: one job, one quota unit.
    const seen = new Set<string>();
    const attachments = parsed.data.attachments.filter((a) => !seen.has(a.id) && seen.add(a.id));
    return { ...parsed.data, attachments };
  }
  log.warn(
    { issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) },
    'invalid rehost request',
  );
  throw new UserError(say('error.unreadableRequest'));
}

/** Reserves the daily quotas for `files`, or gives the claim back and says which ran out. */
async function reserve(
  deps: ProducerDeps,
  log: Logger,
  input: ParsedInput,
  requestId: string,
  files: number,
) {
  try {
    return await deps.quotas.reserve(input.requester, files);
  } catch (err) {
    await deps.store.requests.unclaim(requestId);
    if (err instanceof QuotaExceededError) {
      deps.emit({ type: 'quota_refused', scope: err.scope });
      log.info({ scope: err.scope, remaining: err.remaining }, 'request over quota');
    }
    throw err;
  }
}

/** Queues an accepted request: reply token, backlog rank, then the flow; undone on failure. */
async function queue(
  deps: ProducerDeps & { flows: FlowProducer },
  raw: EnqueueInput,
  input: ParsedInput,
  request: RequestJob,
  accepted: Accepted[],
): Promise<{ late: boolean }> {
  const { requests } = deps.store;
  let counted = false;
  let sent = false;
  try {
    const { replyTarget } = input;
    if (raw.interactionToken && replyTarget.type === 'interaction') {
      const ttl = replyTarget.expiresAt - Date.now();
      await requests.setReplyToken(request.requestId, raw.interactionToken, ttl);
    }
    const total = await deps.store.backlog.add(input.requester, accepted.length);
    counted = true;
    const firstRank = total - accepted.length + 1;
    const retryDelayMs = deps.config.worker.retryDelayMs;
    sent = true;
    await deps.flows.add(buildFlow(request, input, accepted, firstRank, retryDelayMs));
    return { late: false };
  } catch (err) {
    // Sent but unanswered: Redis may have queued it, so it is asked before anything is undone.
    if (sent && (await queuedAfterAll(err, deps, request.requestId))) return { late: true };
    if (counted) await deps.store.backlog.remove(input.requester, accepted.length);
    await deps.quotas.release(input.requester, request.quotaDay, accepted.length);
    await requests.unclaim(request.requestId);
    throw err;
  }
}

/**
 * The bot's side of the pipeline: checks what it can without downloading, reserves the daily
 * quotas, and queues one BullMQ flow per request (uploads as children, the request as parent).
 */
export function createRehostProducer(deps: ProducerDeps) {
  const flows = new FlowProducer({ connection: deps.redis, prefix: deps.bullPrefix });
  // An 'error' event without a listener would crash the process; the connection logs its own.
  flows.on('error', (err) =>
    deps.log.debug({ err: { message: err.message } }, 'flow producer error'),
  );
  const log = deps.log.child({ subsystem: 'producer' });

  async function enqueueRehost(raw: EnqueueInput): Promise<EnqueueResult> {
    const input = parse(raw, log);
    const requestId = input.requestId ?? randomUUID();
    const { accepted, refused } = screen(input.attachments, deps.config);
    const rlog = log.child({
      requestId,
      guildId: input.requester.guildId,
      userId: input.requester.userId,
    });
    if (accepted.length === 0) {
      rlog.info({ refused: refused.length }, 'nothing to rehost: every file refused up front');
      return { requestId, duplicate: false, accepted, refused };
    }
    // Whose imgpile account takes the files: decided here, carried in the job as `account`.
    const canTell = input.replyTarget.type === 'interaction';
    const choice = await chooseAccount(deps, input.requester, canTell);
    input.requester.account = choice.account;
    if (!(await deps.store.requests.claim(requestId))) {
      rlog.info('duplicate rehost request ignored');
      return { requestId, duplicate: true, accepted: [], refused: [] };
    }
    const request: RequestJob = {
      requestId,
      requester: input.requester,
      replyTarget: input.replyTarget,
      post: input.post ?? null,
      ...(input.fileText && !input.post ? { fileText: input.fileText } : {}),
      files: accepted.map(({ index, attachment: a }) => ({
        index,
        attachmentId: a.id,
        filename: a.filename,
      })),
      refused,
      quotaDay: await reserve(deps, rlog, input, requestId, accepted.length),
      createdAt: Date.now(),
    };
    const { late } = await queue({ ...deps, flows }, raw, input, request, accepted);
    rlog.info(
      {
        files: accepted.length,
        refused: refused.length,
        post: input.post != null,
        account: choice.account,
        late,
      },
      'rehost request queued',
    );
    const notice = await accountNotice(deps.store, choice, input.requester.userId, canTell);
    return { requestId, duplicate: false, accepted, refused, late, ...(notice && { notice }) };
  }

  return {
    enqueueRehost,
    async close() {
      await flows.close();
    },
  };
}
