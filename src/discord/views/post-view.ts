import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIButtonComponent,
  type APIContainerComponent,
  type APIMessageTopLevelComponent,
} from 'discord.js';
import type { ImgpileLinks } from '../../imgpile/links.js';
import type { Media, Post } from '../../imgpile/schemas.js';
import { english, type Text } from '../../text/index.js';
import { pageOf, type CustomId } from './custom-id.js';
import { clip, literal, oneLine } from './text.js';
import {
  actionButton,
  buttonRow,
  fitLines,
  fitsV2,
  galleryItem,
  linkButton,
  mediaGallery,
  present,
  previewUrl,
  textDisplay,
  V2_LIMITS,
  type V2Message,
} from './v2.js';

/**
 * imgpile posts as V2 containers: a card (the feed's, several a message) and `post view` (one
 * post with all its media). What may be shown in a channel is the caller's decision, passed
 * in as `spoiler` and `hide`.
 */

export type PostGalleryOptions = {
  /** Every media spoilered (adult content where it may be shown). */
  spoiler?: boolean;
  /** Media neither shown nor linked, e.g. a media flagged nsfw in a channel that is not. */
  hide?: (media: Media) => boolean;
  /** `card` (default): the feed's preview. `full`: post view, every media, links, description. */
  detail?: 'card' | 'full';
  /** A last line in markdown, written by the caller (post view: the owner's visibility, key). */
  note?: string;
  /** Buttons after "Open on imgpile" (4 at most are kept). */
  buttons?: readonly APIButtonComponent[];
  /** No button row: the post's link goes in the text instead (fewer components). */
  compact?: boolean;
  /** Longest description shown in `full` detail, in characters. Default 1500. */
  descriptionMax?: number;
  /** Whether `full` detail lists the direct links. Default true. */
  directLinks?: boolean;
  /** The reader's words (English when not given). */
  text?: Text;
};

/** A multi-line text of someone else's, shown literally: no control characters, no markdown. */
function literalBlock(s: string, max: number): string {
  const lines = s.replace(/\r\n?/g, '\n').split('\n').map(oneLine);
  return literal(
    clip(
      lines
        .join('\n')
        .replace(/\n{3,}/g, '\n\n')
        .trim(),
      max,
    ),
  );
}

function mediaOf(post: Post, full: boolean): Media[] {
  const first = post.first_media ?? post.media?.[0];
  if (full) return post.media ?? (first ? [first] : []);
  return first ? [first] : [];
}

function headText(post: Post, links: ImgpileLinks, options: PostGalleryOptions): string {
  const text = options.text ?? english;
  const full = options.detail === 'full';
  const untitled = text('post.untitled');
  const title = literal(clip(oneLine(post.title ?? '') || untitled, full ? 256 : 100));
  const files = post.media_count ?? post.media?.length;
  const author = post.user?.username;
  const stats = [
    author ? text('post.by', { name: literal(clip(oneLine(author), 64)) }) : null,
    text('post.score', { score: post.score ?? 0 }),
    text('post.views', { count: post.view_count ?? 0 }),
    full && files !== undefined ? text('post.files', { count: files }) : null,
    options.compact ? links.post(post.slug) : null,
  ];
  return `**${title}**\n-# ${stats.filter(present).join(' · ')}`;
}

function footText(shown: Media[], hidden: number, options: PostGalleryOptions): string {
  const text = options.text ?? english;
  const full = options.detail === 'full';
  const lines: string[] = [];
  if (hidden > 0)
    lines.push(full ? text('post.hiddenFiles', { count: hidden }) : text('post.previewHidden'));
  if (full && (options.directLinks ?? true)) {
    const urls = shown.map((m) => oneLine(m.urls.original));
    const more = (count: number) => text('post.moreLinks', { count });
    lines.push(...fitLines(urls, 1200, more).kept);
  }
  if (options.note) lines.push(clip(options.note, 1000));
  return lines.join('\n');
}

/**
 * A card (a feed's, several a message) previews a video by its still thumbnail once imgpile
 * has made it: a page of cards loads no videos. A post view plays it (`previewUrl`).
 */
function cardPreview(m: Media, full: boolean): string {
  if (!full && m.type?.startsWith('video/') && m.processed && m.urls.thumb) return m.urls.thumb;
  return previewUrl(m);
}

/** One post as a container: title, author and score, a gallery of its media, a link button. */
export function postGallery(
  post: Post,
  links: ImgpileLinks,
  options: PostGalleryOptions = {},
): APIContainerComponent {
  const full = options.detail === 'full';
  const all = mediaOf(post, full);
  const shown = all.filter((m) => !options.hide?.(m));
  const spoiler = options.spoiler ?? false;
  const gallery = mediaGallery(
    shown.map((m) => galleryItem(cardPreview(m, full), m.title ?? m.description, spoiler)),
  );
  const description =
    full && post.description ? literalBlock(post.description, options.descriptionMax ?? 1500) : '';
  const foot = footText(shown, all.length - shown.length, options);
  const row = options.compact
    ? null
    : buttonRow([
        linkButton((options.text ?? english)('post.open'), links.post(post.slug)),
        ...(options.buttons ?? []).slice(0, V2_LIMITS.buttonsPerRow - 1),
      ]);
  return {
    type: ComponentType.Container,
    components: [
      textDisplay(headText(post, links, options)),
      description ? textDisplay(description) : null,
      gallery,
      foot ? textDisplay(foot) : null,
      row,
    ].filter(present),
  };
}

/** A press of a post view's Previous or Next: the view (its post and key stay server-side). */
export type PostPagePress = { viewId: string; page: number };

/**
 * `pview:<view>:<page>`: the view is the interaction that opened it (a snowflake); which post
 * it shows, and a private post's key, are kept in Redis, never in the id.
 */
export const postPageId: CustomId<PostPagePress> = {
  prefixes: ['pview'],
  encode: ({ viewId, page }) => `pview:${viewId}:${page}`,
  parse(customId) {
    const [prefix, viewId = '', page, extra] = customId.split(':');
    if (prefix !== 'pview' || extra !== undefined || !/^\d{1,20}$/.test(viewId)) return null;
    return { viewId, page: pageOf(page) };
  },
};

/** The media pages of a post view: which one is shown, how many, and the view they page. */
export type PostPager = { page: number; lastPage: number; viewId: string };

/** Previous and Next when there are pages, and `extra` buttons (the comments) after them. */
function pagerParts(
  pager: PostPager | undefined,
  extra: readonly APIButtonComponent[],
  text: Text,
): APIMessageTopLevelComponent[] {
  const paged = pager !== undefined && pager.lastPage > 1;
  const id = (to: number) => postPageId.encode({ viewId: pager?.viewId ?? '', page: to });
  const nav = paged
    ? [
        actionButton(
          text('nav.previous'),
          id(pager.page - 1),
          ButtonStyle.Secondary,
          pager.page <= 1,
        ),
        actionButton(
          text('nav.next'),
          id(pager.page + 1),
          ButtonStyle.Secondary,
          pager.page >= pager.lastPage,
        ),
      ]
    : [];
  return [
    paged
      ? textDisplay(text('post.filesPage', { page: pager.page, lastPage: pager.lastPage }))
      : null,
    buttonRow([...nav, ...extra]),
  ].filter(present);
}

/**
 * `post view`: one post with one page of its media (10 in the gallery), its description cut
 * until the message fits, then without the direct links if it still does not; Previous and
 * Next when the post has more than one page of media.
 */
export function postMessage(
  post: Post,
  links: ImgpileLinks,
  options: Omit<PostGalleryOptions, 'detail'> & {
    pager?: PostPager;
    /** Buttons in a row of their own under the post (the comments). */
    rowButtons?: readonly APIButtonComponent[];
  } = {},
): V2Message {
  const attempts: PostGalleryOptions[] = [
    { descriptionMax: 1500 },
    { descriptionMax: 500 },
    { descriptionMax: 0 },
    { descriptionMax: 0, directLinks: false },
  ];
  const pager = pagerParts(options.pager, options.rowButtons ?? [], options.text ?? english);
  let components: APIMessageTopLevelComponent[] = [];
  for (const attempt of attempts) {
    components = [postGallery(post, links, { ...options, ...attempt, detail: 'full' }), ...pager];
    if (fitsV2(components)) break;
  }
  return { flags: MessageFlags.IsComponentsV2, components };
}
