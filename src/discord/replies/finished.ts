import type { REST } from 'discord.js';
import type { ImgpileClient } from '../../imgpile/client.js';
import type { ChannelEdits } from '../../limits/channel-edits.js';
import type { RateLimiter } from '../../limits/rate-limiter.js';
import type { Logger } from '../../logger.js';
import type { FollowUpQueue } from '../../queue/background/followups.js';
import type { Delivery, UploadedFile, UploadOutcome } from '../../request.js';
import type { Store } from '../../store/index.js';
import { textFor } from '../../text/index.js';
import { rehostDeleteId } from '../views/delete-confirmation.js';
import {
  isGalleryReply,
  rehostReply,
  type RehostReply,
  type RehostReplyOptions,
  type RehostSummary,
  type RehostedFile,
  type RehostedPost,
  type Verdict,
} from '../views/rehost-gallery.js';

export type ReplyDeps = {
  rest: REST;
  store: Store;
  log: Logger;
  imgpile: ImgpileClient;
  /** The bot's authenticated budget: a follow-up reads only when a slot is free at once. */
  limiter: RateLimiter;
  /** Discord's rate of edits per channel, for follow-ups. */
  channelEdits: ChannelEdits;
  /** Where replies are handed over to be looked at again. */
  followUps: FollowUpQueue;
};

/**
 * What a gallery reply is drawn from, apart from what imgpile says of its media: the files and
 * post as the member is told of them, and the options of the first drawing. A follow-up keeps
 * it and draws the reply again from it, so the reply is only ever drawn one way.
 */
export type DrawnReply = {
  summary: RehostSummary;
  options: Pick<RehostReplyOptions, 'intro' | 'keySent' | 'nsfw' | 'deleteButton' | 'sizes'>;
  /** The reader's Discord locale (the requester's): a follow-up draws in the same words. */
  locale?: string;
};

/**
 * What imgpile has said of the media a reply shows, by slug: the picture to show (a sized
 * variant once made), and the moderation verdict once it is other than approved.
 */
export type SeenMedia = { previews: Record<string, string>; verdicts?: Record<string, Verdict> };
export const NOTHING_SEEN: SeenMedia = { previews: {} };

/** The one way a gallery reply is drawn, at first and at every follow-up. */
export function drawReply(drawn: DrawnReply, seen: SeenMedia): RehostReply {
  return rehostReply(drawn.summary, {
    ...drawn.options,
    style: 'gallery',
    previews: seen.previews,
    text: textFor(drawn.locale),
    ...(seen.verdicts ? { verdicts: seen.verdicts } : {}),
  });
}

/** A file as a reply shows it: only what the view reads (no ids, no records). */
function shownFile(f: UploadOutcome): RehostedFile {
  if (f.status === 'failed') {
    const { filename, reason, say } = f;
    return { status: 'failed', filename, reason, ...(say ? { say } : {}) };
  }
  const { slug, url, type } = f.media;
  return { status: 'uploaded', filename: f.filename, media: { slug, url, type } };
}

/** The post as a reply shows it: never its access key, which goes to its owner apart. */
function shownPost(post: Delivery['result']['post']): RehostedPost | null {
  if (!post) return null;
  if (post.status === 'failed') {
    const { reason, say } = post;
    return { status: 'failed', reason, ...(say ? { say } : {}) };
  }
  return { status: 'created', url: post.url, visibility: post.visibility };
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
  return { customId: rehostDeleteId.encode({ action: 'ask', id }) };
}

/**
 * A finished reply, and what it was drawn from when it is a gallery that a follow-up may draw
 * better later (null: plain links, text, or a member's own account's files).
 */
export type FinishedReply = { body: RehostReply; drawn: DrawnReply | null };

/**
 * The reply of a finished request as the server wants it shown, at once: a gallery of the
 * originals (spoilers for adult content, the owner's Delete button), or plain links. Sized
 * variants are not waited for: a follow-up edits them in once imgpile has made them.
 */
export async function finishedReply(
  deps: ReplyDeps,
  delivery: Delivery,
  options: Pick<RehostReplyOptions, 'intro' | 'keySent'> = {},
): Promise<FinishedReply> {
  const { result, request } = delivery;
  const summary = { files: result.files.map(shownFile), post: shownPost(result.post) };
  const settings = await deps.store.settings.get(result.requester.guildId);
  const { locale } = result.requester;
  if (settings.replies === 'plain') {
    const text = textFor(locale);
    return { body: rehostReply(summary, { ...options, style: 'plain', text }), drawn: null };
  }
  const button = await deleteButton(deps, delivery);
  const drawn: DrawnReply = {
    summary,
    options: {
      ...options,
      nsfw: request.post?.nsfw === true,
      // Direct links at another size (xs to xl), to the presser alone: for galleries of images.
      sizes: true,
      ...(button ? { deleteButton: button } : {}),
    },
    ...(locale ? { locale } : {}),
  };
  const body = drawReply(drawn, NOTHING_SEEN);
  // A member's own account's files are not read with the bot's token: the originals stay.
  const followable = isGalleryReply(body) && result.requester.account !== 'user';
  return { body, drawn: followable ? drawn : null };
}
