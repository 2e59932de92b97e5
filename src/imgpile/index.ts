export {
  createImgpileClient,
  paginate,
  nextPage,
  MAX_PAGE_LIMIT,
  type ImgpileClient,
  type ImgpileClientOptions,
  type ImgpileResponse,
  type ListQuery,
  type PageQuery,
  type PostUpdate,
  type ReadOptions,
  type ResponseInfo,
  type UploadInput,
} from './client.js';
export {
  ImgpileError,
  kindForStatus,
  parseRetryAfter,
  type ImgpileErrorKind,
  type RateLimitInfo,
} from './errors.js';
export type { Comment, Media, ModerationStatus, Paginated, Post, Visibility } from './schemas.js';
