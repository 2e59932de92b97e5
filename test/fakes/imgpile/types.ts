/** The shapes the local imgpile keeps and records; tests read several of them directly. */

export type Moderation = 'approved' | 'pending' | 'nsfw' | 'rejected';
export type PostVisibility = 'public' | 'hidden' | 'private';
/** The two listeners: the API host (imgpile.com) and the upload host (cdn.imgpile.com). */
export type Host = 'api' | 'upload';

export type FakeImgpileOptions = {
  /** token -> username. Default: one user `bot` with token `test-token`. */
  users?: Record<string, string>;
  /** Extra usernames with no token (authors of seeded posts, follow targets). */
  otherUsers?: string[];
  requestsPerMinute?: number;
  publicRequestsPerMinute?: number;
  /** Length of the rate-limit window; tests shorten it. */
  windowMs?: number;
  dailyFileLimit?: number;
  maxFileBytes?: number;
  /** sha256 hex digests that answer 451. */
  bannedSha256?: string[];
  /** Moderation status for a new upload; default `approved`. */
  moderate?: (file: { filename: string; sha256: string; type: string }) => Moderation;
  /**
   * How long a new upload stays `processed: false` (sized variants not yet listed in `urls`).
   * Default 50 ms.
   */
  processingMs?: number;
};

export type RequestRecord = {
  host: Host;
  method: string;
  path: string;
  query: string;
  user: string | null;
  status: number;
  at: number;
  authorization: string | undefined;
};

export type UploadRecord = {
  slug: string;
  user: string;
  filename: string;
  declaredType: string;
  sniffedType: string | null;
  size: number;
  sha256: string;
  contentLengthHeader: number | null;
  bodyBytes: number;
  postId: number | null;
  status: number;
};

export type MediaRec = {
  id: number;
  slug: string;
  ext: string;
  type: string;
  width: number | null;
  height: number | null;
  title: string | null;
  description: string | null;
  moderation: Moderation;
  createdAt: Date;
  /** When the sized variants are ready: `processed` is true from then on. */
  processedAt: Date;
  owner: string;
  sha256: string;
  size: number;
  postId: number | null;
};

export type PostRec = {
  id: number;
  slug: string;
  title: string | null;
  description: string | null;
  owner: string;
  media: string[];
  visibility: PostVisibility;
  accessKey: string | null;
  isNsfw: boolean;
  moderationOverride: Moderation | null;
  createdAt: Date;
  up: Set<string>;
  down: Set<string>;
  views: number;
  tags: string[];
};

export type CommentRec = {
  id: number;
  content: string;
  user: string;
  postId: number;
  createdAt: Date;
  up: Set<string>;
  down: Set<string>;
};

/** A canned answer for the next `times` matching requests (see `FakeImgpile.inject`). */
export type Injection = {
  host?: Host;
  method?: string;
  path?: RegExp;
  status: number;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  times: number;
  /**
   * imgpile does the work (the post is created, the file stored) and only then is this the
   * answer the client gets: a gateway's 502 or 504 after the backend finished.
   */
  afterWork?: boolean;
};

/**
 * A held answer: the request has done its work (a post is created, a file stored) but its
 * answer waits until released, so a test can kill the client in that window.
 */
export type Hold = {
  host?: Host;
  method?: string;
  path?: RegExp;
  times: number;
  /** Resolves when a request was held. */
  held: Promise<void>;
  markHeld: () => void;
  /** Resolves when the test releases it. */
  released: Promise<void>;
};
