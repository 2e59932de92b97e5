import { ButtonStyle, MessageFlags, type APIMessageTopLevelComponent } from 'discord.js';
import type { ImgpileLinks } from '../../../imgpile/links.js';
import type { Post } from '../../../imgpile/schemas.js';
import { english, type Text } from '../../../text/index.js';
import { pageOf, type CustomId } from '../custom-id.js';
import { postGallery, type PostGalleryOptions } from '../post-view.js';
import { actionButton, buttonRow, fitsV2, present, textDisplay, type V2Message } from '../v2.js';

/** A press of Previous or Next: the feed (the interaction that opened it) and the page asked. */
export type FeedPress = { feedId: string; page: number };

/** `feed:page:<feed>:<page>`; the previous version wrote `feed:<feed>:<page>`. */
export const feedPageId: CustomId<FeedPress> = {
  prefixes: ['feed'],
  encode: ({ feedId, page }) => `feed:page:${feedId}:${page}`,
  parse(customId) {
    const [prefix, ...rest] = customId.split(':');
    const [feedId, page] = rest[0] === 'page' ? rest.slice(1) : rest;
    return prefix === 'feed' && feedId ? { feedId, page: pageOf(page) } : null;
  },
};

export type FeedPageInput = {
  posts: readonly Post[];
  page: number;
  lastPage: number;
  /** Custom ids of the Previous and Next buttons (they must differ). */
  buttons: { previous: string; next: string };
  links: ImgpileLinks;
  /** Per post: spoiler or hidden media, as the channel allows. */
  cardOptions?: (post: Post) => Omit<PostGalleryOptions, 'detail' | 'compact' | 'text'>;
  /** The reader's words (English when not given). */
  text?: Text;
};

/**
 * A feed page: "Page X of Y", a card per post, and Previous/Next (disabled at either end).
 * Cards lose their button row when the 40 components would be exceeded, and the last posts
 * are left out when even compact cards do not fit.
 */
export function feedPage(input: FeedPageInput): V2Message {
  const { posts, page, lastPage, links } = input;
  const text = input.text ?? english;
  const header = textDisplay(
    posts.length === 0 ? text('feed.empty') : text('feed.page', { page, lastPage }),
  );
  const nav = buttonRow([
    actionButton(text('nav.previous'), input.buttons.previous, ButtonStyle.Secondary, page <= 1),
    actionButton(text('nav.next'), input.buttons.next, ButtonStyle.Secondary, page >= lastPage),
  ]);
  const build = (compact: boolean, count: number): APIMessageTopLevelComponent[] =>
    [
      header,
      ...posts
        .slice(0, count)
        .map((p) =>
          postGallery(p, links, { ...input.cardOptions?.(p), detail: 'card', compact, text }),
        ),
      nav,
    ].filter(present);
  let components = build(false, posts.length);
  for (let count = posts.length; !fitsV2(components) && count >= 0; count -= 1)
    components = build(true, count);
  return { flags: MessageFlags.IsComponentsV2, components };
}
