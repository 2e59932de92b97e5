import { DiscordAPIError, Routes } from 'discord.js';
import { z } from 'zod';
import { isNotFound } from '../../imgpile/errors.js';
import type { Media } from '../../imgpile/schemas.js';
import type { Logger } from '../../logger.js';
import type { FollowUpOutcome } from '../../queue/background/followups.js';
import { MAX_FILES_PER_REQUEST, requesterSchema, saySchema, type Delivery } from '../../request.js';
import { snowflake } from '../../snowflake.js';
import { REFUSALS_TO_STOP, isRefusal } from '../core/refusals.js';
import {
  forEdit,
  isGalleryReply,
  type RehostReply,
  type Verdict,
} from '../views/rehost-gallery.js';
import { previewUrls, showsSizedVariant } from '../views/v2.js';
import {
  NOTHING_SEEN,
  drawReply,
  type DrawnReply,
  type FinishedReply,
  type ReplyDeps,
  type SeenMedia,
} from './finished.js';
import { interactionToken } from './reply-token.js';

/**
 * A gallery reply looked at again once imgpile has more to show: its media are read again and
 * the reply is drawn again from what it was drawn from plus what imgpile now says; it is edited
 * (once a look, within Discord's rate in its channel) only when that drawing changed. Today that
 * is the sized variants once `processed`, and imgpile's moderation verdicts: a file that came
 * back `pending` is followed until imgpile decides (`nsfw`: spoilered, and a post flagged;
 * `rejected`: its link dropped, the reply saying imgpile removed it).
 */

const fileSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('uploaded'),
    filename: z.string(),
    media: z.object({ slug: z.string(), url: z.string(), type: z.string().nullable() }),
    nsfw: z.boolean().optional(),
  }),
  z.object({
    status: z.literal('failed'),
    filename: z.string(),
    reason: z.string(),
    say: saySchema.optional(),
  }),
]);
const postSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('created'), url: z.string(), visibility: z.string() }),
  z.object({ status: z.literal('failed'), reason: z.string(), say: saySchema.optional() }),
]);
const drawnSchema = z.object({
  summary: z.object({
    files: z.array(fileSchema).max(MAX_FILES_PER_REQUEST),
    post: postSchema.nullable(),
  }),
  options: z.object({
    intro: z.string().optional(),
    keySent: z.boolean().optional(),
    nsfw: z.boolean().optional(),
    sizes: z.boolean().optional(),
    deleteButton: z
      .object({ customId: z.string().max(100), label: z.string().optional() })
      .optional(),
  }),
  locale: requesterSchema.shape.locale,
});

/** Where the reply is: the bot's own channel message, or an interaction's (token kept apart). */
const placeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), channelId: snowflake, messageId: snowflake }),
  z.object({
    type: z.literal('interaction'),
    applicationId: snowflake,
    channelId: snowflake,
    expiresAt: z.number().int(),
  }),
]);
export type ReplyPlace = z.infer<typeof placeSchema>;

const workSchema = z.object({
  requestId: z.string().min(1).max(100),
  place: placeSchema,
  reply: drawnSchema,
  /** The post the media are read through (one read), else each media on its own. */
  post: z.string().nullable(),
  seen: z.object({
    previews: z.record(z.string(), z.string()),
    verdicts: z.record(z.string(), z.enum(['nsfw', 'rejected'])).optional(),
  }),
});
/** What a follow-up's job carries: ids and what the member was shown, never a token. */
type FollowUpWork = {
  requestId: string;
  place: ReplyPlace;
  reply: DrawnReply;
  post: string | null;
  seen: SeenMedia;
};

const DONE: FollowUpOutcome = { next: 'done' };

const uploadedSlugs = (drawn: DrawnReply) =>
  drawn.summary.files.flatMap((f) => (f.status === 'uploaded' ? [f.media.slug] : []));

/** Whether anything the reply shows may still change on imgpile (a picture not sized yet). */
const mayChange = (drawn: DrawnReply) =>
  drawn.summary.files.some(
    (f) => f.status === 'uploaded' && (f.media.type === null || showsSizedVariant(f.media.type)),
  );

/**
 * Whether imgpile may still say something else of these media: they are still being sized, or
 * its moderation has not decided yet.
 */
const stillChanging = (media: Media[]) =>
  media.some(
    (m) => (!m.processed && showsSizedVariant(m.type)) || m.moderation_status === 'pending',
  );

/** The verdicts a reply must show: adult content, and what imgpile removed. */
function verdictsOf(media: Media[]): Record<string, Verdict> {
  const out: Record<string, Verdict> = {};
  for (const m of media)
    if (m.moderation_status === 'nsfw' || m.moderation_status === 'rejected')
      out[m.slug] = m.moderation_status;
  return out;
}

const seenIn = (media: Media[]): SeenMedia => ({
  previews: previewUrls(media),
  verdicts: verdictsOf(media),
});

/** Whether a file came back from its upload still awaiting imgpile's moderation. */
const pendingIn = (delivery: Delivery) =>
  delivery.result.files.some((f) => f.status === 'uploaded' && f.media.pending === true);

/**
 * A post whose media imgpile now finds adult is marked so (`is_nsfw`), as the API allows its
 * owner: it is then gated behind viewers' NSFW toggle and never resolves below nsfw. A post
 * already made adult-only is left alone.
 */
async function flagPostIfAdult(deps: ReplyDeps, work: FollowUpWork, seen: SeenMedia) {
  if (!work.post || work.reply.options.nsfw) return;
  const adult = (v: SeenMedia) => Object.values(v.verdicts ?? {}).includes('nsfw');
  if (!adult(seen) || adult(work.seen)) return;
  try {
    await deps.imgpile.updatePost(work.post, { isNsfw: true });
    deps.log.info({ slug: work.post }, 'follow-up: imgpile found adult content; post flagged');
  } catch (err) {
    deps.log.warn({ err, slug: work.post }, 'follow-up: the post could not be flagged NSFW');
  }
}

/**
 * Hands a reply just sent over to be looked at again, when it is a gallery that imgpile may
 * still improve. A follow-up that cannot be scheduled leaves the reply as sent: correct.
 */
export async function followUp(
  deps: ReplyDeps,
  delivery: Delivery,
  reply: FinishedReply,
  place: ReplyPlace,
): Promise<void> {
  if (!reply.drawn || !(mayChange(reply.drawn) || pendingIn(delivery))) return;
  const { result } = delivery;
  const work: FollowUpWork = {
    requestId: result.requestId,
    place,
    reply: reply.drawn,
    post: result.post?.status === 'created' ? result.post.slug : null,
    seen: NOTHING_SEEN,
  };
  try {
    await deps.followUps.schedule(result.requestId, work);
  } catch (err) {
    deps.log.warn({ err }, 'no follow-up could be scheduled: the reply stands as sent');
  }
}

/** The media as imgpile now has them; 'busy' without a free slot, 'gone' once deleted. */
async function readMedia(deps: ReplyDeps, work: FollowUpWork): Promise<Media[] | 'busy' | 'gone'> {
  const slugs = uploadedSlugs(work.reply);
  // Uploads come first: a follow-up reads only while the bot's budget has room to spare.
  const headroom = Math.ceil(deps.limiter.limit / 10);
  if ((await deps.limiter.tryAcquire(work.post ? 1 : slugs.length, headroom)) !== 0) return 'busy';
  try {
    if (work.post) {
      const read = await deps.imgpile.getPost(work.post, { perPage: 10 }, { authenticated: true });
      return read.body.data.media ?? [];
    }
    const read = (slug: string) =>
      deps.imgpile.getMedia(slug, { authenticated: true }).then((r) => r.body.data);
    return await Promise.all(slugs.map(read));
  } catch (err) {
    // Deleted since (the owner's Delete button): there is nothing better to show.
    if (isNotFound(err)) return 'gone';
    throw err;
  }
}

/** One edit of the reply; false when it is gone or refused (nothing more to do). */
async function edit(deps: ReplyDeps, work: FollowUpWork, token: string | null, body: RehostReply) {
  const { place } = work;
  try {
    if (place.type === 'interaction')
      await deps.rest.patch(Routes.webhookMessage(place.applicationId, token!, '@original'), {
        body: forEdit(body),
        auth: false,
      });
    else await deps.rest.patch(Routes.channelMessage(place.channelId, place.messageId), { body });
    return true;
  } catch (err) {
    if (!(err instanceof DiscordAPIError) || ![401, 403, 404].includes(err.status)) throw err;
    // 403 in a channel counts against the bot there, as a refused reply does (core/refusals).
    if (place.type === 'message' && isRefusal(err))
      await deps.store.watches.noteRefusal(place.channelId);
    deps.log.info({ status: err.status, code: err.code }, 'the reply can no longer be edited');
    return false;
  }
}

/** Whether the reply can still be edited now: the interaction's token, or a channel that lets it. */
async function editable(deps: ReplyDeps, work: FollowUpWork) {
  const { place } = work;
  if (place.type === 'interaction') {
    const token = await interactionToken(deps, work.requestId, place.expiresAt);
    return token ? { token } : null;
  }
  const refusals = await deps.store.watches.refusals(place.channelId);
  return refusals < REFUSALS_TO_STOP ? { token: null } : null;
}

/** One look at a reply: read again, draw again, edit when the drawing changed. */
export async function lookAgain(deps: ReplyDeps, raw: unknown): Promise<FollowUpOutcome> {
  const parsed = workSchema.safeParse(raw);
  if (!parsed.success) {
    deps.log.warn({ issues: parsed.error.issues.length }, 'unreadable follow-up dropped');
    return DONE;
  }
  const work: FollowUpWork = parsed.data;
  const log: Logger = deps.log.child({ requestId: work.requestId });
  // After Discord's 15 minutes (or in a channel that refuses the bot) the reply stands as sent.
  const can = await editable(deps, work);
  if (!can) return DONE;
  // Discord's rate in the channel: this look waits its turn without reading anything.
  const wait = await deps.channelEdits.tryTake(work.place.channelId);
  if (wait > 0) return { next: 'wait', waitMs: wait + Math.floor(Math.random() * 250) };
  const media = await readMedia({ ...deps, log }, work);
  if (media === 'busy') return { next: 'later', work };
  if (media === 'gone') return DONE;
  const seen = seenIn(media);
  await flagPostIfAdult({ ...deps, log }, work, seen);
  const before = drawReply(work.reply, work.seen);
  const after = drawReply(work.reply, seen);
  if (isGalleryReply(after) && JSON.stringify(after) !== JSON.stringify(before)) {
    if (!(await edit({ ...deps, log }, work, can.token, after))) return DONE;
    log.info('follow-up: the reply now shows what imgpile made');
  }
  return stillChanging(media) ? { next: 'later', work: { ...work, seen } } : DONE;
}
