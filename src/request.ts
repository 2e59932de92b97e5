import { z } from 'zod';
import { visibilitySchema } from './imgpile/schemas.js';
import type { RefusalCode } from './rehost/refusal.js';
import { snowflake } from './snowflake.js';
import { english, type Say } from './text/index.js';

/**
 * A rehost request's nouns, as the bot, the queue and the replies all speak of them: the files
 * (attachments and links), who asked and where the answer goes, the post asked for, what became
 * of each file and of the post, and the events workers report. Job payloads (queue/jobs.ts) are
 * made of these; so are the replies. Payloads carry ids and metadata, never a token.
 */

/** Discord's own limit for a message and for `/imgpile upload`. */
export const MAX_FILES_PER_REQUEST = 10;

/**
 * A file to rehost: a Discord attachment (id: its snowflake), or a link found in a message or
 * given to `/imgpile upload url:` (source `url`; id: `u` and a hash of the link, so a link is
 * rehosted once; size 0 until the download says).
 */
export const attachmentSchema = z.object({
  id: z.union([snowflake, z.string().regex(/^u[0-9a-f]{24}$/)]),
  url: z.string().url().max(4096),
  filename: z.string().min(1).max(1024),
  size: z.number().int().nonnegative(),
  contentType: z.string().max(255).nullish(),
  /** Discord spoiler (`SPOILER_` name). */
  spoiler: z.boolean().optional(),
  source: z.enum(['discord', 'discord-link', 'url']).optional(),
  /**
   * Taken from a forwarded message's snapshot: someone else posted it first, so another
   * member's upload of it (perhaps in their hidden or private post) is never reused.
   */
  forwarded: z.boolean().optional(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const requesterSchema = z.object({
  guildId: snowflake.nullable(),
  channelId: snowflake,
  userId: snowflake,
  /**
   * Whose imgpile account takes the files, decided when queued: the bot's (default) or the
   * user's own linked one, whose token the worker opens at use (never in the job).
   */
  account: z.enum(['bot', 'user']).optional(),
  /**
   * The Discord locale the reply is written in (`textFor`): the member's for a command, the
   * server's for a watched channel. Absent in jobs of earlier versions: English.
   */
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/)
    .optional(),
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
    /**
     * Whether the bot can post in the channel once the token has expired: false in a DM between
     * others, a group DM, or a server the bot is not in (a user-installed app).
     */
    fallback: z.boolean().optional(),
  }),
  /**
   * Reply to a message (auto-rehost in a watched channel); `quiet`: the outcome as a reaction
   * only (a message caught up after downtime, past the replies a channel gets at once).
   */
  z.object({
    type: z.literal('message'),
    channelId: snowflake,
    messageId: snowflake,
    quiet: z.boolean().optional(),
  }),
  /** Nobody to tell (tests, benches, tooling). */
  z.object({ type: z.literal('none') }),
]);
export type ReplyTarget = z.infer<typeof replyTargetSchema>;

export const postOptionsSchema = z.object({
  title: z.string().trim().min(1).max(255).optional(),
  description: z.string().trim().min(1).max(5000).optional(),
  visibility: visibilitySchema.optional(),
  nsfw: z.boolean().optional(),
});
export type PostOptions = z.infer<typeof postOptionsSchema>;

/** A single file's own title and description (set on the media: no post is made for them). */
export const fileTextSchema = postOptionsSchema.pick({ title: true, description: true });
export type FileText = z.infer<typeof fileTextSchema>;

/** One file of a request, in the order the user gave them. */
export const fileRefSchema = z.object({
  index: z.number().int().nonnegative(),
  attachmentId: z.string(),
  filename: z.string(),
});
export type FileRef = z.infer<typeof fileRefSchema>;

/**
 * A message kept in job data. Another version's key is kept as it is (a reader checks it with
 * `isSay`), never a reason to fail the job.
 */
export const saySchema = z.object({
  key: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
}) as unknown as z.ZodType<Say>;

/** A file that will not be rehosted, and why (`RefusedRecord`: code, English, words). */
export const refusedFileSchema = fileRefSchema.extend({
  code: z.string() as z.ZodType<RefusalCode>,
  reason: z.string(),
  say: saySchema.optional(),
});
export type RefusedFile = z.infer<typeof refusedFileSchema>;

export type UploadedFile = FileRef & {
  status: 'uploaded';
  media: {
    id: number | null;
    slug: string;
    url: string;
    type: string | null;
    /** The imgpile account that uploaded it, when imgpile said. */
    uploader?: string;
    /** imgpile's moderation had not decided yet (`pending`): the reply is followed until it does. */
    pending?: true;
  };
  /** The attachment had been rehosted before: nothing was uploaded this time. */
  reused: boolean;
  /** Deleted again with the post that could not be made as private or adult-only as asked. */
  withdrawn?: true;
};

/** What one upload job returns. Refusals are results, not thrown errors. */
export type UploadOutcome = UploadedFile | ({ status: 'failed' } & RefusedFile);

export type PostOutcome =
  | {
      status: 'created';
      slug: string;
      url: string;
      visibility: string;
      /** The key of a private post: for the delivery only, never kept in a job's result. */
      accessKey: string | null;
      /** The same files made this post before: it was returned, not made again. */
      reused?: boolean;
    }
  | {
      status: 'failed';
      /** The English, for logs and for the previous version (which read nothing else). */
      reason: string;
      /** What the reader is told; absent in what the previous version stored. */
      say?: Say;
      /** The attachments whose uploads were deleted with the post (see `withdraw`). */
      withdrawn?: string[];
    };

/** A post that could not be made, saying `words`. */
export function failedPost(words: Say, withdrawn?: string[]): PostOutcome {
  return {
    status: 'failed',
    reason: english.say(words),
    say: words,
    ...(withdrawn ? { withdrawn } : {}),
  };
}

export type RehostResult = {
  requestId: string;
  requester: Requester;
  /** In the order the files were given, refused ones included. */
  files: UploadOutcome[];
  post: PostOutcome | null;
};

/**
 * A finished request, handed to whoever replies in Discord. `request`: what was asked of it (its
 * post's options, the request job's own), which a reply keeps to even when the post failed.
 */
export type Delivery = {
  result: RehostResult;
  replyTarget: ReplyTarget;
  request: { post: PostOptions | null };
};

export type UploadProgress = { bytes: number; total: number };

/** Events for metrics and tests; handlers must not throw. */
export type PipelineEvent =
  /** `ms`: the transfer, from the first byte asked of the source to imgpile's answer. */
  | { type: 'file_uploaded'; bytes: number; reused: boolean; ms?: number }
  | { type: 'file_failed'; code: string }
  | { type: 'rate_limit_wait'; waitMs: number }
  | { type: 'imgpile_429' }
  /** `latencyMs`: from the request being queued to its reply delivered. */
  | { type: 'request_completed'; files: number; failed: number; latencyMs: number }
  | { type: 'job_failed'; queue: string }
  | { type: 'quota_refused'; scope: string }
  /** Discord answered 401, 403 or 429; `inWindow`: how many in its 10-minute window. */
  | { type: 'discord_invalid_request'; inWindow: number }
  /** Messages with files found missed after downtime (`missed`), or past saving (`expired`). */
  | { type: 'catchup'; missed: number; expired: number }
  /** A setting the operator must fix (imgpile refused IMGPILE_TOKEN), or fixed again. */
  | { type: 'setup_problem'; variable: 'IMGPILE_TOKEN'; present: boolean };
