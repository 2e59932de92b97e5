import { ButtonStyle, MessageFlags, type APIMessageTopLevelComponent } from 'discord.js';
import type { ImgpileLinks } from '../../imgpile/links.js';
import type { Post } from '../../imgpile/schemas.js';
import { postGallery, type PostGalleryOptions } from './post-view.js';
import { actionButton, buttonRow, fitsV2, present, textDisplay, type V2Message } from './v2.js';

export type FeedPageInput = {
  posts: readonly Post[];
  page: number;
  lastPage: number;
  /** Custom ids of the Previous and Next buttons (they must differ). */
  buttons: { previous: string; next: string };
  links: ImgpileLinks;
  /** Per post: spoiler or hidden media, as the channel allows. */
  cardOptions?: (post: Post) => Omit<PostGalleryOptions, 'detail' | 'compact'>;
};

/**
 * A feed page: "Page X of Y", a card per post, and Previous/Next (disabled at either end).
 * Cards lose their button row when the 40 components would be exceeded, and the last posts
 * are left out when even compact cards do not fit.
 */
export function feedPage(input: FeedPageInput): V2Message {
  const { posts, page, lastPage, links } = input;
  const header = textDisplay(
    posts.length === 0 ? 'No posts match.' : `Page ${page} of ${lastPage}`,
  );
  const nav = buttonRow([
    actionButton('Previous', input.buttons.previous, ButtonStyle.Secondary, page <= 1),
    actionButton('Next', input.buttons.next, ButtonStyle.Secondary, page >= lastPage),
  ]);
  const build = (compact: boolean, count: number): APIMessageTopLevelComponent[] =>
    [
      header,
      ...posts
        .slice(0, count)
        .map((p) => postGallery(p, links, { ...input.cardOptions?.(p), detail: 'card', compact })),
      nav,
    ].filter(present);
  let components = build(false, posts.length);
  for (let count = posts.length; !fitsV2(components) && count >= 0; count -= 1)
    components = build(true, count);
  return { flags: MessageFlags.IsComponentsV2, components };
}
