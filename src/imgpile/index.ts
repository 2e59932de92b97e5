export { createImgpileClient, type ImgpileClient, type ImgpileClientOptions } from './client.js';
export type { ImgpileResponse, ResponseInfo } from './http.js';
export {
  paginate,
  nextPage,
  MAX_PAGE_LIMIT,
  type ListQuery,
  type PageQuery,
  type Period,
  type ReadOptions,
  type Sort,
} from './params.js';
export type { UploadInput } from './media.js';
export type { PostQuery, PostUpdate } from './posts.js';
export {
  ImgpileError,
  goneIsFine,
  isNotFound,
  kindForStatus,
  parseRetryAfter,
  type ImgpileErrorKind,
  type RateLimitInfo,
} from './errors.js';
export type { Comment, Media, ModerationStatus, Paginated, Post, Visibility } from './schemas.js';
