import { z } from 'zod';

/**
 * zod schemas for the bodies imgpile documents (../shared/imgpile-api.md). Unknown fields are
 * stripped, never rejected, and fields that the document shows only on some endpoints are
 * optional so one schema serves single, list and embedded forms.
 */

export const moderationStatusSchema = z.enum(['approved', 'pending', 'nsfw', 'rejected']);
export type ModerationStatus = z.infer<typeof moderationStatusSchema>;

/** Who can see a post: everyone, anyone with the link, or anyone with its access key. */
export const VISIBILITIES = ['public', 'hidden', 'private'] as const;
export const visibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof visibilitySchema>;

export const userSchema = z.object({
  username: z.string(),
  avatar: z.string().nullish(),
});
export type ImgpileUser = z.infer<typeof userSchema>;

export const mediaUrlsSchema = z.object({
  original: z.string(),
  xs: z.string().optional(),
  sm: z.string().optional(),
  md: z.string().optional(),
  lg: z.string().optional(),
  xl: z.string().optional(),
  thumb: z.string().optional(),
});

export const mediaSchema = z.object({
  /** Numeric id: returned on upload and needed to create a post. */
  id: z.number().int().optional(),
  slug: z.string(),
  filename: z.string().optional(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  type: z.string().optional(),
  width: z.number().int().nullish(),
  height: z.number().int().nullish(),
  moderation_status: moderationStatusSchema.optional(),
  processed: z.boolean().optional(),
  created_at: z.string().optional(),
  urls: mediaUrlsSchema,
  user: userSchema.nullish(),
});
export type Media = z.infer<typeof mediaSchema>;

export const postSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  title: z.string().nullish(),
  description: z.string().nullish(),
  score: z.number().int().optional(),
  view_count: z.number().int().optional(),
  media_count: z.number().int().optional(),
  moderation_status: moderationStatusSchema.optional(),
  isUpvotedByUser: z.boolean().optional(),
  isDownvotedByUser: z.boolean().optional(),
  created_at: z.string().optional(),
  user: userSchema.nullish(),
  media: z.array(mediaSchema).optional(),
  first_media: mediaSchema.nullish(),
  visibility: visibilitySchema.optional(),
  access_key: z.string().nullish(),
});
export type Post = z.infer<typeof postSchema>;

export const paginationLinksSchema = z.object({
  first: z.string().nullish(),
  last: z.string().nullish(),
  prev: z.string().nullish(),
  next: z.string().nullish(),
});

export const paginationMetaSchema = z.object({
  current_page: z.number().int().optional(),
  from: z.number().int().nullish(),
  to: z.number().int().nullish(),
  per_page: z.number().int().optional(),
  total: z.number().int().optional(),
  last_page: z.number().int().optional(),
});

export function paginatedSchema<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    links: paginationLinksSchema.optional(),
    meta: paginationMetaSchema.optional(),
  });
}
export type Paginated<T> = {
  data: T[];
  links?: z.infer<typeof paginationLinksSchema> | undefined;
  meta?: z.infer<typeof paginationMetaSchema> | undefined;
};

/** Comments and follows are documented only as "paginated": keep their items open. */
export const looseRecordSchema = z.record(z.string(), z.unknown());

export const errorBodySchema = z.object({
  message: z.string().optional(),
  error: z.string().optional(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

export const messageSchema = z.object({ message: z.string() });

export const uploadResponseSchema = z.object({ message: z.string(), media: mediaSchema });
export const mediaResponseSchema = z.object({ data: mediaSchema });
export const postResponseSchema = z.object({ data: postSchema });
export const createPostResponseSchema = z.object({
  message: z.string(),
  post: z.object({ id: z.number().int(), slug: z.string() }),
});
export const updatePostResponseSchema = z.object({
  message: z.string(),
  visibility: visibilitySchema.optional(),
  access_key: z.string().nullish(),
});
export const voteResponseSchema = z.object({
  message: z.string().optional(),
  score: z.number().int().optional(),
});
export const commentSchema = z.object({
  id: z.number().int(),
  content: z.string(),
  user_id: z.number().int().optional(),
  post_id: z.number().int().optional(),
});
export type Comment = z.infer<typeof commentSchema>;
export const addCommentResponseSchema = z.object({
  success: z.boolean(),
  comment: commentSchema,
});
export const deleteCommentResponseSchema = z.object({
  success: z.boolean(),
  message: z.string().optional(),
});
