import type { JobsOptions } from 'bullmq';
import { z } from 'zod';
import {
  attachmentSchema,
  fileRefSchema,
  fileTextSchema,
  postOptionsSchema,
  refusedFileSchema,
  replyTargetSchema,
  requesterSchema,
} from '../request.js';

/**
 * The queue's own: its names, the job payloads (zod, made of the request's nouns in
 * ../request.ts), job ids and options. Payloads carry ids and metadata, never a token: an
 * interaction token, when a reply needs one, is kept apart in Redis with its own short expiry
 * (see store/requests.ts).
 */

export const QUEUE_UPLOADS = 'imgpile-uploads';
export const QUEUE_REQUESTS = 'imgpile-requests';
/** Replies re-drawn once imgpile has more to show (see followups.ts). */
export const QUEUE_FOLLOWUPS = 'imgpile-followups';

export const uploadJobSchema = z.object({
  requestId: z.string().min(1).max(100),
  index: z.number().int().nonnegative(),
  attachment: attachmentSchema,
  requester: requesterSchema,
  /** UTC day the quota was reserved on: refunds go back to it. */
  quotaDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Files in the whole request, and where its reply goes: for progress reports. */
  total: z.number().int().positive().optional(),
  replyTarget: replyTargetSchema.optional(),
  /**
   * The request makes a post, or retitles its file: a file reused for it is not free, and
   * another member's upload is not reused.
   */
  post: z.boolean().optional(),
  /** An existing post of the requester's that the file is added to (imgpile's `post_id`). */
  postId: z.number().int().positive().optional(),
});
export type UploadJob = z.infer<typeof uploadJobSchema>;

export const requestJobSchema = z.object({
  requestId: z.string().min(1).max(100),
  requester: requesterSchema,
  replyTarget: replyTargetSchema,
  post: postOptionsSchema.nullable(),
  /** A single file's title and description, set on the media once uploaded. */
  fileText: fileTextSchema.optional(),
  files: z.array(fileRefSchema),
  refused: z.array(refusedFileSchema),
  quotaDay: z.string(),
  createdAt: z.number().int(),
});
export type RequestJob = z.infer<typeof requestJobSchema>;

/** BullMQ ids must not be bare integers (nor contain ':'): prefix and join with '_'. */
export const uploadJobId = (requestId: string, attachmentId: string) =>
  `upload_${requestId}_${attachmentId}`;
export const requestJobId = (requestId: string) => `request_${requestId}`;

/**
 * Every job's options: 5 attempts with exponential backoff and jitter from `retryDelayMs`
 * (2 s, 4 s, 8 s, 16 s by default); finished jobs kept an hour, failed ones a week, and at most
 * 1000 of each (their records, not the jobs, remember what was rehosted).
 */
export function jobOptions(retryDelayMs: number) {
  return {
    attempts: 5,
    backoff: { type: 'exponential', delay: retryDelayMs, jitter: 0.5 },
    removeOnComplete: { age: 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 86_400, count: 1_000 },
  } satisfies JobsOptions;
}

/** The job is on its last attempt: whatever fails now is final. */
export const lastAttempt = (job: { attemptsMade: number; opts: { attempts?: number } }) =>
  job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
