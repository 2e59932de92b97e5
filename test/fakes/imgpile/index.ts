/**
 * A local imgpile that behaves as ../shared/imgpile-api.md documents it: two listeners (the API
 * host and the CDN upload host), bearer auth on writes, the documented error bodies, streaming
 * multipart parsing with hashing (never buffering a file), the size limit, image/video only by
 * content, banned hashes, per-user and per-IP request limits with Retry-After, the daily file
 * limit, pagination, visibility, moderation and the nsfw filter, votes, comments and follows,
 * and sized variants that appear once an upload is processed.
 *
 * It is a boundary fake for tests and benches: it shares no code with src/.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestHandler } from './server.js';
import { createStore, seedPost, type SeedPostInit } from './store.js';
import type { FakeImgpileOptions, Injection, Moderation } from './types.js';

export type {
  FakeImgpileOptions,
  Moderation,
  PostVisibility,
  RequestRecord,
  UploadRecord,
} from './types.js';

export type FakeImgpile = Awaited<ReturnType<typeof startFakeImgpile>>;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export async function startFakeImgpile(options: FakeImgpileOptions = {}) {
  const store = createStore(options);
  const apiServer = createServer(requestHandler(store, 'api'));
  const uploadServer = createServer(requestHandler(store, 'upload'));
  // Large uploads run long; the defaults would cut a slow one off.
  uploadServer.requestTimeout = 0;
  store.origins.api = await listen(apiServer);
  store.origins.cdn = await listen(uploadServer);
  const { api: apiOrigin, cdn: cdnOrigin } = store.origins;

  return {
    apiUrl: `${apiOrigin}/api/v1`,
    uploadUrl: `${cdnOrigin}/api/v1`,
    apiOrigin,
    cdnOrigin,
    limits: store.limits,
    requests: store.requests,
    uploads: store.uploads,
    media: store.media,
    posts: store.posts,
    comments: store.comments,
    follows: store.follows,
    /**
     * Makes the next `times` matching requests answer `status` with `body`: instead of doing
     * anything, or (`afterWork`) once the work is done, as a gateway that lost imgpile's answer.
     */
    inject(injection: Omit<Injection, 'times'> & { times?: number }) {
      store.injections.push({ times: 1, ...injection });
    },
    /**
     * Holds the answer of the next matching request after its work is done (the post exists,
     * the file is stored) until `release()`: a test can kill the client in that window.
     */
    hold(match: { host?: 'api' | 'upload'; method?: string; path?: RegExp }) {
      let markHeld!: () => void;
      let release!: () => void;
      const held = new Promise<void>((r) => (markHeld = r));
      const released = new Promise<void>((r) => (release = r));
      store.holds.push({ ...match, times: 1, held, markHeld, released });
      return { held, release };
    },
    /** The user revokes a token on imgpile: from now on it answers 401. */
    revokeToken(token: string) {
      store.tokens.delete(token);
    },
    ban(sha256: string) {
      store.banned.add(sha256.toLowerCase());
    },
    setMediaModeration(slug: string, status: Moderation) {
      const m = store.media.get(slug);
      if (!m) throw new Error(`no media ${slug}`);
      m.moderation = status;
    },
    /** imgpile's workers finish every upload's sized variants now: each is `processed`. */
    finishProcessing() {
      const now = new Date();
      for (const m of store.media.values()) if (m.processedAt > now) m.processedAt = now;
    },
    /** Adds a post by another user, straight into the store (for feed tests). */
    seedPost(init: SeedPostInit) {
      return seedPost(store, init);
    },
    /** Forgets request history and rate-limit windows. */
    resetRateLimits() {
      store.hits.clear();
    },
    async close() {
      apiServer.closeAllConnections();
      uploadServer.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => apiServer.close(resolve)),
        new Promise((resolve) => uploadServer.close(resolve)),
      ]);
    },
  };
}
