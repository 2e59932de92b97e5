import type { REST } from 'discord.js';
import type { ImgpileClient } from '../../imgpile/client.js';
import type { Media } from '../../imgpile/schemas.js';
import type { RateLimiter } from '../../limits/rate-limiter.js';
import type { Logger } from '../../logger.js';
import type { Delivery, UploadedFile } from '../../request.js';
import { sleep } from '../../sleep.js';
import type { Store } from '../../store/index.js';
import { rehostReply, type RehostReply, type RehostReplyOptions } from '../views/rehost-gallery.js';
import { previewUrls } from '../views/v2.js';

export type ReplyDeps = {
  rest: REST;
  store: Store;
  log: Logger;
  imgpile: ImgpileClient;
  /** The bot's authenticated budget: previews are read only when a slot is free at once. */
  limiter: RateLimiter;
};

/** How long imgpile gets to make sized variants before the reply shows the originals. */
const PREVIEW_WAIT_MS = 1_500;

/** The media of a finished request as imgpile now has them (with `processed`), briefly polled. */
async function freshMedia(deps: ReplyDeps, delivery: Delivery): Promise<Media[]> {
  const { result } = delivery;
  const uploaded = result.files.filter((f): f is UploadedFile => f.status === 'uploaded');
  if (uploaded.length === 0) return [];
  // A member's own account's files: the bot's budget is not theirs to spend (and its token does
  // not open their private posts); the originals are shown.
  if (result.requester.account === 'user') return [];
  await sleep(PREVIEW_WAIT_MS);
  const post = result.post?.status === 'created' ? result.post : null;
  const reads = post ? 1 : uploaded.length;
  // Previews are a nicety: only when the budget has room now, never at the expense of uploads.
  if ((await deps.limiter.tryAcquire(reads)) !== 0) return [];
  if (post) {
    const { body } = await deps.imgpile.getPost(
      post.slug,
      { perPage: 10 },
      { authenticated: true },
    );
    return body.data.media ?? [];
  }
  const read = (slug: string) =>
    deps.imgpile.getMedia(slug, { authenticated: true }).then((r) => r.body.data);
  return Promise.all(uploaded.map((u) => read(u.media.slug)));
}

/** The sized variants to show, where imgpile has made them; none when it cannot say now. */
async function previews(deps: ReplyDeps, delivery: Delivery): Promise<Record<string, string>> {
  try {
    return previewUrls(await freshMedia(deps, delivery));
  } catch (err) {
    deps.log.debug({ err }, 'no previews: the originals are shown');
    return {};
  }
}

/** The Delete button's action: the post and the files this request made, for its owner. */
async function deleteButton(deps: ReplyDeps, delivery: Delivery) {
  const { result } = delivery;
  const media = result.files
    .filter((f): f is UploadedFile => f.status === 'uploaded' && !f.reused)
    .map((f) => ({ slug: f.media.slug, attachmentId: f.attachmentId }));
  const post = result.post?.status === 'created' && !result.post.reused ? result.post.slug : null;
  if (!post && media.length === 0) return undefined;
  const id = await deps.store.actions.saveDelete({
    userId: result.requester.userId,
    guildId: result.requester.guildId,
    post,
    media,
    ...(result.requester.account === 'user' ? { account: 'user' as const } : {}),
  });
  return { customId: `rdel:${id}` };
}

/**
 * The reply of a finished request as the server wants it shown: a gallery (sized variants when
 * imgpile has made them, spoilers for adult content, the owner's Delete button), or plain links.
 */
export async function finishedReply(
  deps: ReplyDeps,
  delivery: Delivery,
  options: Pick<RehostReplyOptions, 'intro' | 'keySent'> = {},
): Promise<RehostReply> {
  const { result, request } = delivery;
  const settings = await deps.store.settings.get(result.requester.guildId);
  if (settings.replies === 'plain') return rehostReply(result, { ...options, style: 'plain' });
  return rehostReply(result, {
    ...options,
    style: 'gallery',
    nsfw: request.post?.nsfw === true,
    previews: await previews(deps, delivery),
    deleteButton: await deleteButton(deps, delivery),
  });
}
