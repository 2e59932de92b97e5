import { MessageFlags, Routes } from 'discord.js';
import type { Delivery, RehostResult, ReplyTarget } from '../../request.js';
import { textFor } from '../../text/index.js';
import { NO_MENTIONS, formatResult } from '../views/format.js';
import { REFUSALS_TO_STOP, isMemberRefusal } from '../core/refusals.js';
import type { ReplyDeps } from './finished.js';

/**
 * How restricted the post is, or was asked to be: a request whose post failed is delivered as
 * the restricted one it was meant to be, never as a public one.
 */
function visibilityOf(delivery: Pick<Delivery, 'result' | 'request'>): string | null {
  const asked = delivery.request.post?.visibility;
  const post = delivery.result.post;
  const made = post?.status === 'created' ? post.visibility : null;
  if (asked === 'private' || made === 'private') return 'private';
  return asked ?? made;
}

/** The post is, or was asked to be, private: its links are its owner's alone. */
export const isPrivatePost = (delivery: Pick<Delivery, 'result' | 'request'>) =>
  visibilityOf(delivery) === 'private';

/**
 * A result only its owner may see: a hidden or private post (made so, or asked to be), or a
 * reply asked to be private.
 */
export function isPrivateResult(
  delivery: Pick<Delivery, 'result' | 'request'>,
  target: ReplyTarget,
): boolean {
  const visibility = visibilityOf(delivery);
  const asked = target.type === 'interaction' && target.ephemeral === true;
  return asked || visibility === 'hidden' || visibility === 'private';
}

/** The link that opens a private post, for its owner's eyes only. */
export function keyLine(result: RehostResult): string {
  const post = result.post?.status === 'created' ? result.post : null;
  const text = textFor(result.requester.locale);
  return post?.accessKey ? text('delivery.key', { url: `${post.url}?key=${post.accessKey}` }) : '';
}

/** Sends the result to its owner in a direct message; false when Discord would not. */
export async function sendPrivately(deps: ReplyDeps, result: RehostResult): Promise<boolean> {
  const key = keyLine(result);
  const text = textFor(result.requester.locale);
  const { userId } = result.requester;
  // A member who keeps refusing the bot's messages (blocked it) is not asked again for a while.
  if ((await deps.store.watches.memberRefusals(userId)) >= REFUSALS_TO_STOP) return false;
  try {
    const dm = (await deps.rest.post(Routes.userChannels(), {
      body: { recipient_id: result.requester.userId },
    })) as { id: string };
    const links = formatResult(result, { keySent: true, text });
    const content = `${text('delivery.dm')}\n${links}${key ? `\n${key}` : ''}`;
    await deps.rest.post(Routes.channelMessages(dm.id), {
      body: {
        content: content.slice(0, 2000),
        allowed_mentions: NO_MENTIONS,
        flags: MessageFlags.SuppressEmbeds,
      },
    });
    return true;
  } catch (err) {
    if (isMemberRefusal(err)) await deps.store.watches.noteMemberRefusal(userId);
    deps.log.warn({ err }, 'could not send the result by direct message');
    return false;
  }
}
