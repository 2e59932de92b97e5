/**
 * The local imgpile's state: users and tokens, media, posts, comments, follows, daily upload
 * counters, rate-limit windows, and the request and upload logs tests read.
 */
import { randomBytes } from 'node:crypto';
import type {
  CommentRec,
  FakeImgpileOptions,
  Hold,
  Injection,
  MediaRec,
  Moderation,
  PostRec,
  PostVisibility,
  RequestRecord,
  UploadRecord,
} from './types.js';

export type Limits = {
  requestsPerMinute: number;
  publicRequestsPerMinute: number;
  windowMs: number;
  dailyFileLimit: number;
  maxFileBytes: number;
};

export type Store = {
  /** Filled in once both listeners are up; every URL the fake returns starts with one. */
  origins: { api: string; cdn: string };
  /** Tests may change these while the fake runs. */
  limits: Limits;
  processingMs: number;
  moderate: FakeImgpileOptions['moderate'];
  tokens: Map<string, string>;
  usernames: Set<string>;
  userIds: Map<string, number>;
  /** follower -> the users they follow */
  follows: Map<string, Set<string>>;
  banned: Set<string>;
  media: Map<string, MediaRec>;
  posts: Map<string, PostRec>;
  comments: Map<number, CommentRec>;
  /** rate-limit key -> times of the requests in the current window */
  hits: Map<string, number[]>;
  /** `<user>:<UTC day>` -> files uploaded */
  dailyUploads: Map<string, number>;
  requests: RequestRecord[];
  uploads: UploadRecord[];
  injections: Injection[];
  holds: Hold[];
  nextId: { media: number; post: number; comment: number };
};

export function createStore(options: FakeImgpileOptions): Store {
  const tokens = new Map(Object.entries(options.users ?? { 'test-token': 'bot' }));
  const usernames = new Set([...tokens.values(), ...(options.otherUsers ?? [])]);
  return {
    origins: { api: '', cdn: '' },
    limits: {
      requestsPerMinute: options.requestsPerMinute ?? 120,
      publicRequestsPerMinute: options.publicRequestsPerMinute ?? 30,
      windowMs: options.windowMs ?? 60_000,
      dailyFileLimit: options.dailyFileLimit ?? 1000,
      maxFileBytes: options.maxFileBytes ?? 100 * 1024 * 1024,
    },
    processingMs: options.processingMs ?? 50,
    moderate: options.moderate,
    tokens,
    usernames,
    userIds: new Map([...usernames].map((u, i) => [u, i + 1])),
    follows: new Map(),
    banned: new Set((options.bannedSha256 ?? []).map((h) => h.toLowerCase())),
    media: new Map(),
    posts: new Map(),
    comments: new Map(),
    hits: new Map(),
    dailyUploads: new Map(),
    requests: [],
    uploads: [],
    injections: [],
    holds: [],
    nextId: { media: 12345, post: 30713, comment: 456 },
  };
}

const SLUG_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function newSlug(): string {
  const bytes = randomBytes(7);
  return Array.from(bytes, (b) => SLUG_CHARS[b % SLUG_CHARS.length]).join('');
}

export function newAccessKey(): string {
  return randomBytes(5).toString('hex');
}

export function ensureUser(store: Store, name: string): void {
  if (store.usernames.has(name)) return;
  store.usernames.add(name);
  store.userIds.set(name, store.usernames.size);
}

/** A post by numeric id or by slug (the vote endpoints take either). */
export function findPost(store: Store, idOrSlug: string): PostRec | undefined {
  if (/^\d+$/.test(idOrSlug)) return findPostById(store, Number(idOrSlug));
  return store.posts.get(idOrSlug);
}

export function findPostById(store: Store, id: number): PostRec | undefined {
  return [...store.posts.values()].find((p) => p.id === id);
}

export function findMediaById(store: Store, id: unknown): MediaRec | undefined {
  return [...store.media.values()].find((m) => m.id === id);
}

export type NewMedia = Omit<MediaRec, 'id' | 'slug' | 'title' | 'description' | 'postId'>;

export function addMedia(store: Store, init: NewMedia, postId: number | null = null): MediaRec {
  const m: MediaRec = {
    id: store.nextId.media++,
    slug: newSlug(),
    title: null,
    description: null,
    postId,
    ...init,
  };
  store.media.set(m.slug, m);
  return m;
}

export type NewPost = Pick<PostRec, 'owner' | 'media'> & Partial<PostRec>;

/** Stores a post holding `init.media` (slugs), marking each of those media as in it. */
export function addPost(store: Store, init: NewPost): PostRec {
  const post: PostRec = {
    id: store.nextId.post++,
    slug: newSlug(),
    title: null,
    description: null,
    visibility: 'public',
    accessKey: null,
    isNsfw: false,
    moderationOverride: null,
    createdAt: new Date(),
    up: new Set(),
    down: new Set(),
    views: 0,
    tags: [],
    ...init,
  };
  for (const slug of post.media) {
    const m = store.media.get(slug);
    if (m) m.postId = post.id;
  }
  store.posts.set(post.slug, post);
  return post;
}

export type SeedPostInit = {
  owner: string;
  title?: string;
  tags?: string[];
  moderation?: Moderation;
  visibility?: PostVisibility;
  createdAt?: Date;
  score?: number;
};

/** A post by any user with one processed JPEG, straight into the store (for feed tests). */
export function seedPost(store: Store, init: SeedPostInit): { post: PostRec; media: MediaRec } {
  ensureUser(store, init.owner);
  const createdAt = init.createdAt ?? new Date();
  const media = addMedia(store, {
    ext: 'jpg',
    type: 'image/jpeg',
    width: 800,
    height: 600,
    moderation: init.moderation ?? 'approved',
    createdAt,
    processedAt: createdAt,
    owner: init.owner,
    sha256: randomBytes(32).toString('hex'),
    size: 1000,
  });
  const votes = Array.from({ length: Math.max(0, init.score ?? 0) }, (_, i) => `voter${i}`);
  const post = addPost(store, {
    owner: init.owner,
    media: [media.slug],
    title: init.title ?? null,
    visibility: init.visibility ?? 'public',
    accessKey: init.visibility === 'private' ? newAccessKey() : null,
    isNsfw: init.moderation === 'nsfw',
    moderationOverride: init.moderation ?? null,
    createdAt,
    up: new Set(votes),
    tags: init.tags ?? [],
  });
  return { post, media };
}
