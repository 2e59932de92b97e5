import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIContainerComponent,
  type APIMediaGalleryItem,
} from 'discord.js';
import type { RehostResult } from '../../request.js';
import { english, type Say, type Text } from '../../text/index.js';
import { MAX_CONTENT, NO_MENTIONS, formatResult, postLine, refusedLine } from './format.js';
import { charCount, clip, codeName, oneLine } from './text.js';
import {
  V2_LIMITS,
  actionButton,
  buttonRow,
  fitLines,
  fitsV2,
  galleryItem,
  isHttpUrl,
  linkButton,
  mediaGallery,
  present,
  textDisplay,
  type V2Message,
} from './v2.js';

/**
 * A finished rehost as a Components V2 message: one container with a heading, a gallery of the
 * rehosted files served from imgpile, the direct links as text, the refused files, and a row
 * with "Open post" and the owner's Delete. Pure: the caller sends the body (REST JSON).
 */
export type RehostedFile =
  | {
      status: 'uploaded';
      filename: string;
      media: { slug: string; url: string; type: string | null };
      /** This file alone is adult content (a `SPOILER_` attachment): spoilered in the gallery. */
      nsfw?: boolean;
    }
  | { status: 'failed'; filename: string; reason: string; say?: Say };

export type RehostedPost =
  | { status: 'created'; url: string; visibility: string; accessKey?: string | null }
  | { status: 'failed'; reason: string; say?: Say };

/** What a reply needs of a finished request; `RehostResult` is one. */
export type RehostSummary = { files: readonly RehostedFile[]; post: RehostedPost | null };

export type RehostReplyOptions = {
  /** The server's setting: `plain` keeps today's text reply. Default `gallery`. */
  style?: 'gallery' | 'plain';
  /** The whole request is adult content: every gallery item is spoilered. */
  nsfw?: boolean;
  /** A sized variant per media slug, once imgpile has made it (see `previewUrls`). */
  previews?: Readonly<Record<string, string>>;
  /**
   * imgpile's moderation verdict per media slug, once it decided other than approved: `nsfw`
   * is spoilered, `rejected` (imgpile removed it) loses its picture and link.
   */
  verdicts?: Readonly<Record<string, Verdict>>;
  /** The owner's Delete button; the owner check and the confirmation happen on press. */
  deleteButton?: { customId: string; label?: string };
  /** As `formatResult`: whether the private post's key link was sent to its owner. */
  keySent?: boolean;
  /** A first line in markdown, e.g. the requester's mention when posting in the channel. */
  intro?: string;
  /** The reader's words (English when not given). */
  text?: Text;
};

/** What imgpile's moderation decided of a media, when the reply must show it. */
export type Verdict = 'nsfw' | 'rejected';

export type TextReply = {
  content: string;
  flags: MessageFlags.SuppressEmbeds;
  allowed_mentions: typeof NO_MENTIONS;
};
export type GalleryReply = V2Message & { allowed_mentions: typeof NO_MENTIONS };
export type RehostReply = TextReply | GalleryReply;

export const isGalleryReply = (reply: RehostReply): reply is GalleryReply => 'components' in reply;

/** Filenames are cut to 80 characters, then to 32 when the text would not fit otherwise. */
const NAME_LENGTHS = [80, 32] as const;

/**
 * The reply for a finished request: a V2 gallery message, or the plain text `formatResult`
 * gives (asked for, nothing rehosted, or a gallery that cannot fit Discord's limits).
 */
export function rehostReply(result: RehostSummary, options: RehostReplyOptions = {}): RehostReply {
  const container = options.style === 'plain' ? null : rehostContainer(result, options);
  if (!container) return textReply(result, options);
  return {
    flags: MessageFlags.IsComponentsV2,
    components: [container],
    allowed_mentions: NO_MENTIONS,
  };
}

/**
 * The body for editing a message that may still hold text (the interaction reply after progress
 * edits): turning it into V2 needs its content reset to null and its embeds to [].
 */
export function forEdit(reply: RehostReply): RehostReply | (GalleryReply & EditReset) {
  return isGalleryReply(reply) ? { ...reply, content: null, embeds: [] } : reply;
}
type EditReset = { content: null; embeds: [] };

function textReply(result: RehostSummary, options: RehostReplyOptions): TextReply {
  // formatResult reads only `files` and `post`, which RehostSummary carries.
  const text = formatResult(result as unknown as RehostResult, {
    keySent: options.keySent ?? true,
    ...(options.text ? { text: options.text } : {}),
  });
  const content = options.intro ? clip(`${options.intro}\n${text}`, MAX_CONTENT) : text;
  return { content, flags: MessageFlags.SuppressEmbeds, allowed_mentions: NO_MENTIONS };
}

type Uploaded = Extract<RehostedFile, { status: 'uploaded' }>;
type Failed = Extract<RehostedFile, { status: 'failed' }>;

function headText(result: RehostSummary, uploaded: number, options: RehostReplyOptions) {
  const text = options.text ?? english;
  const { post } = result;
  const total = result.files.length;
  const shown = post?.status === 'created' ? { ...post, url: oneLine(post.url) } : post;
  const lines = [
    options.intro,
    `**${text('result.heading', { uploaded, total })}**`,
    shown ? postLine(shown, options.keySent ?? true, text) : null,
    uploaded > V2_LIMITS.galleryItems
      ? text('result.firstShown', { count: V2_LIMITS.galleryItems })
      : null,
  ];
  return lines.filter(present).join('\n');
}

/** The direct links and the refusals, one line each, cut to what `budget` leaves. */
function detailTexts(
  uploaded: Uploaded[],
  failed: Failed[],
  removed: Uploaded[],
  budget: number,
  text: Text,
) {
  const more = (count: number) => text('rehost.moreFiles', { count });
  const build = (max: number) => {
    const links = uploaded.map((f) => `${codeName(f.filename, max)} ${oneLine(f.media.url)}`);
    const refused = [
      ...removed.map((f) => text('result.removedByImgpile', { name: codeName(f.filename, max) })),
      ...failed.map((f) => refusedLine(f, text, max)),
    ];
    return { links: links.length, fit: fitLines([...links, ...refused], budget, more) };
  };
  const full = build(NAME_LENGTHS[0]);
  const { links, fit } = full.fit.more === null ? full : build(NAME_LENGTHS[1]);
  const linkPart = fit.kept.slice(0, links);
  const refusedPart = fit.kept.slice(links);
  if (fit.more !== null) (refusedPart.length > 0 ? refusedPart : linkPart).push(fit.more);
  return [linkPart.join('\n'), refusedPart.join('\n')].filter((t) => t.length > 0);
}

function galleryItems(uploaded: Uploaded[], options: RehostReplyOptions) {
  return uploaded.map((f): APIMediaGalleryItem | null => {
    const preview = options.previews?.[f.media.slug];
    const url = preview && isHttpUrl(preview) ? preview : f.media.url;
    const adult = options.nsfw || f.nsfw || options.verdicts?.[f.media.slug] === 'nsfw';
    return galleryItem(url, f.filename, Boolean(adult));
  });
}

function rehostContainer(
  result: RehostSummary,
  options: RehostReplyOptions,
): APIContainerComponent | null {
  const all = result.files.filter((f): f is Uploaded => f.status === 'uploaded');
  const failed = result.files.filter((f): f is Failed => f.status === 'failed');
  if (all.length === 0) return null;
  const rejected = (f: Uploaded) => options.verdicts?.[f.media.slug] === 'rejected';
  const uploaded = all.filter((f) => !rejected(f));
  const removed = all.filter(rejected);
  const head = headText(result, uploaded.length, options);
  const budget = V2_LIMITS.text - charCount(head);
  if (budget < 40) return null;
  const text = options.text ?? english;
  const post = result.post?.status === 'created' ? result.post : null;
  const row = buttonRow([
    post ? linkButton(text('result.openPost'), post.url) : null,
    options.deleteButton
      ? actionButton(
          options.deleteButton.label ?? text('result.delete'),
          options.deleteButton.customId,
          ButtonStyle.Danger,
        )
      : null,
  ]);
  const container: APIContainerComponent = {
    type: ComponentType.Container,
    components: [
      textDisplay(head),
      mediaGallery(galleryItems(uploaded, options)),
      ...detailTexts(uploaded, failed, removed, budget, text).map(textDisplay),
      row,
    ].filter(present),
  };
  return fitsV2([container]) ? container : null;
}
