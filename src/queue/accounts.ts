import type { Job } from 'bullmq';
import type { Acting } from '../accounts/linked.js';
import {
  isTokenRefused,
  refusedInJob,
  unusableReason,
  type NotActing,
} from '../accounts/standing.js';
import type { ImgpileClient } from '../imgpile/client.js';
import { RehostRefusal } from '../rehost/refusal.js';
import type { UploadedFile } from '../request.js';
import type { Store } from '../store/index.js';
import type { Uploads } from '../store/uploads.js';
import type { Say } from '../text/index.js';
import type { WorkerContext } from './context.js';
import { createJobPolicy, type JobPolicy } from './policy.js';

type Processor<R> = (job: Job, token?: string, signal?: AbortSignal) => Promise<R>;

/**
 * Records of a member's own account: uploads are remembered per linked token (an attachment
 * the bot rehosted is uploaded again to the member's account, and the other way round; so is one
 * rehosted with a token linked before; never by the typed username, which anyone may claim),
 * and nothing is recorded as the bot's to manage: imgpile itself knows who owns it.
 */
function actingStore(store: Store, account: string): Store {
  const own = (attachmentId: string) => `${attachmentId}:${account}`;
  const { uploads, requests } = store;
  // Every method named, none spread: one keyed by attachment that kept the bot's key would act
  // on the bot's record or lock (a lock renewed there let the member's lapse mid-transfer).
  const memberUploads: { [K in keyof Uploads]: Uploads[K] } = {
    getUpload: (id) => uploads.getUpload(own(id)),
    recordUpload: (id, upload) => uploads.recordUpload(own(id), upload, null),
    forgetMedia: (slug, id) => uploads.forgetMedia(slug, id === undefined ? undefined : own(id)),
    lockAttachment: (id, holder, ttlMs) => uploads.lockAttachment(own(id), holder, ttlMs),
    renewAttachmentLock: (id, holder, ttlMs) => uploads.renewAttachmentLock(own(id), holder, ttlMs),
    unlockAttachment: (id, holder) => uploads.unlockAttachment(own(id), holder),
  };
  return {
    ...store,
    uploads: memberUploads,
    requests: { ...requests, recordPost: (id, post) => requests.recordPost(id, post, null) },
  };
}

/** A client that sends nothing: every call is refused saying `reason`. */
function refusingClient(reason: Say): ImgpileClient {
  return new Proxy({} as ImgpileClient, {
    get: (_, name) =>
      name === 'then' ? undefined : () => Promise.reject(new RehostRefusal('imgpile_auth', reason)),
  });
}

/**
 * The member's client, with a 401 read as their token breaking: the file or post is refused
 * with that reason. In a reply of their own they are told there (and not again later); in a
 * watched channel's public reply the reason is plain, and their next own reply tells them.
 */
function actingClient(ctx: WorkerContext, acting: Acting, ownReply: boolean): ImgpileClient {
  const broke = async (err: unknown): Promise<never> => {
    if (!isTokenRefused(err)) throw err;
    throw new RehostRefusal('imgpile_auth', await refusedInJob(ctx.store, acting, ownReply));
  };
  return new Proxy(acting.client, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function' || name === 'withToken' || name === 'close') return value;
      return (...args: unknown[]) => {
        const out = (value as (...a: unknown[]) => unknown)(...args);
        return out instanceof Promise ? out.catch(broke) : out;
      };
    },
  });
}

/** The policy of a member's job: their own request budget, or nothing sent at all. */
function actingPolicy(
  ctx: WorkerContext,
  acting: Acting | NotActing,
  ownReply: boolean,
): JobPolicy {
  if (typeof acting === 'string') {
    const refusal = new RehostRefusal('imgpile_auth', unusableReason(acting, ownReply));
    return { ...ctx.policy, slot: () => Promise.reject(refusal) };
  }
  return createJobPolicy({ limiter: acting.limiter, log: ctx.log, emit: ctx.emit });
}

/** The worker context of a job that acts as member `userId`'s own imgpile account. */
function actingContext(
  ctx: WorkerContext,
  userId: string,
  acting: Acting | NotActing,
  ownReply: boolean,
) {
  return {
    ...ctx,
    imgpile:
      typeof acting === 'string'
        ? refusingClient(unusableReason(acting, ownReply))
        : actingClient(ctx, acting, ownReply),
    policy: actingPolicy(ctx, acting, ownReply),
    store: actingStore(ctx.store, typeof acting === 'string' ? userId : acting.account),
  } satisfies WorkerContext;
}

/** The imgpile username an upload job's result names, if any. */
function uploaderOf(result: unknown): string | undefined {
  const file = result as Partial<UploadedFile> | null;
  return file?.status === 'uploaded' ? file.media?.uploader : undefined;
}

/**
 * Wraps a processor so that a job queued for a member's own imgpile account (`requester.account`
 * is `user`) runs as that member: their token, opened now from its sealed record, their own
 * request budget. Other jobs run with the bot's account, as they always did.
 */
export function perAccount<R>(
  ctx: WorkerContext,
  make: (ctx: WorkerContext) => Processor<R>,
): Processor<R> {
  const asBot = make(ctx);
  return async (job, token, signal) => {
    const data = job.data as {
      requester?: { account?: unknown; userId?: unknown };
      replyTarget?: { type?: unknown };
    };
    const userId = data.requester?.userId;
    if (data.requester?.account !== 'user' || typeof userId !== 'string')
      return asBot(job, token, signal);
    const acting = ctx.accounts ? await ctx.accounts.actAs(userId) : 'off';
    const ownReply = data.replyTarget?.type === 'interaction';
    const result = await make(actingContext(ctx, userId, acting, ownReply))(job, token, signal);
    // imgpile names the account itself: the username given when linking follows it.
    const name = uploaderOf(result);
    if (typeof acting !== 'string' && name) await ctx.accounts?.learnUsername(acting, name);
    return result;
  };
}
