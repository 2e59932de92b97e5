import { z } from 'zod';

/**
 * Job payloads. They carry ids and metadata, never a token: an interaction token, when a reply
 * needs one, is kept apart in Redis with its own short expiry (see store/reply-tokens.ts).
 */

export const snowflake = z.string().regex(/^\d{15,25}$/, 'must be a Discord id');

export const attachmentSchema = z.object({
  id: snowflake,
  url: z.string().url().max(4096),
  filename: z.string().min(1).max(1024),
  size: z.number().int().nonnegative(),
  contentType: z.string().max(255).nullish(),
  /** Discord spoiler (`SPOILER_` name). */
  spoiler: z.boolean().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const requesterSchema = z.object({
  guildId: snowflake.nullable(),
  channelId: snowflake,
  userId: snowflake,
});
export type Requester = z.infer<typeof requesterSchema>;

export const replyTargetSchema = z.discriminatedUnion('type', [
  /** Edit the deferred reply of an interaction (its token is stored apart). */
  z.object({
    type: z.literal('interaction'),
    applicationId: snowflake,
    interactionId: snowflake,
    /** When the interaction token expires (ms epoch): after it, post in the channel instead. */
    expiresAt: z.number().int(),
    ephemeral: z.boolean().optional(),
  }),
  /** Reply to a message (auto-rehost in a watched channel). */
  z.object({ type: z.literal('message'), channelId: snowflake, messageId: snowflake }),
  /** Nobody to tell (tests, benches, tooling). */
  z.object({ type: z.literal('none') }),
]);
export type ReplyTarget = z.infer<typeof replyTargetSchema>;

export const visibilitySchema = z.enum(['public', 'hidden', 'private']);

export const postOptionsSchema = z.object({
  title: z.string().trim().min(1).max(255).optional(),
  description: z.string().trim().min(1).max(5000).optional(),
  visibility: visibilitySchema.optional(),
  nsfw: z.boolean().optional(),
});
export type PostOptions = z.infer<typeof postOptionsSchema>;

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
});
export type UploadJob = z.infer<typeof uploadJobSchema>;

export const refusedFileSchema = z.object({
  index: z.number().int().nonnegative(),
  attachmentId: z.string(),
  filename: z.string(),
  code: z.string(),
  reason: z.string(),
});
export type RefusedFile = z.infer<typeof refusedFileSchema>;

export const requestJobSchema = z.object({
  requestId: z.string().min(1).max(100),
  requester: requesterSchema,
  replyTarget: replyTargetSchema,
  post: postOptionsSchema.nullable(),
  files: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      attachmentId: z.string(),
      filename: z.string(),
    }),
  ),
  refused: z.array(refusedFileSchema),
  quotaDay: z.string(),
  createdAt: z.number().int(),
});
export type RequestJob = z.infer<typeof requestJobSchema>;

/** What one upload job returns. Permanent failures are results, not thrown errors. */
export type UploadOutcome =
  | {
      status: 'uploaded';
      index: number;
      attachmentId: string;
      filename: string;
      media: { id: number | null; slug: string; url: string; type: string | null };
      /** The attachment had been rehosted before: nothing was uploaded this time. */
      reused: boolean;
    }
  | {
      status: 'failed';
      index: number;
      attachmentId: string;
      filename: string;
      code: string;
      reason: string;
    };

export type RehostResult = {
  requestId: string;
  requester: Requester;
  /** In the order the files were given, refused ones included. */
  files: UploadOutcome[];
  post:
    | { status: 'created'; slug: string; url: string; visibility: string; accessKey: string | null }
    | { status: 'failed'; reason: string }
    | null;
};

export const QUEUE_UPLOADS = 'imgpile-uploads';
export const QUEUE_REQUESTS = 'imgpile-requests';

/** BullMQ ids must not be bare integers (nor contain ':'): prefix and join with '_'. */
export const uploadJobId = (requestId: string, attachmentId: string) =>
  `upload_${requestId}_${attachmentId}`;
export const requestJobId = (requestId: string) => `request_${requestId}`;
