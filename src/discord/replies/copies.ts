import type { Delivery, UploadedFile } from '../../request.js';
import type { ReplyDeps } from './finished.js';

/**
 * Notes what the bot made from a watched message and where it replied, so that the message's
 * deletion on Discord can be followed as the server's `deleted` setting says. Only the bot's
 * own account's copies, and only what this request made (never a reused upload or post: those
 * are someone else's). A note that cannot be written leaves the copies as they are: kept.
 */
export async function noteCopies(
  deps: ReplyDeps,
  delivery: Delivery,
  target: { channelId: string; messageId: string },
  replyId: string,
): Promise<void> {
  const { result } = delivery;
  const guildId = result.requester.guildId;
  if (!guildId || result.requester.account === 'user') return;
  const media = result.files
    .filter((f): f is UploadedFile => f.status === 'uploaded' && !f.reused && !f.withdrawn)
    .map((f) => ({ slug: f.media.slug, attachmentId: f.attachmentId, url: f.media.url }));
  const made = result.post?.status === 'created' && !result.post.reused ? result.post : null;
  const post = made ? { slug: made.slug, visibility: made.visibility, url: made.url } : null;
  try {
    await deps.store.messageCopies.record(guildId, target.messageId, result.requestId, {
      post,
      media,
      userId: result.requester.userId,
      reply: { channelId: target.channelId, messageId: replyId },
    });
  } catch (err) {
    deps.log.warn({ err }, "the message's copies could not be noted: a delete keeps them");
  }
}
