import { ButtonStyle, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import { SLUG } from '../../../imgpile/params.js';
import { english, type Text } from '../../../text/index.js';
import { pageOf, type CustomId } from '../custom-id.js';
import { clip, literal, oneLine } from '../text.js';
import { actionButton, buttonRow, present } from '../v2.js';

/** What a comments button asks: a post's list (opened, or paged), a vote, or a delete. */
export type CommentPress =
  | { action: 'open'; slug: string }
  | { action: 'page'; slug: string; page: number }
  | { action: 'up' | 'down' | 'del'; id: number };

const COMMENT_ID = /^[1-9]\d{0,15}$/;

/** `cmt:open:<slug>`, `cmt:page:<slug>:<page>`, `cmt:up|down|del:<comment id>`. */
export const commentId: CustomId<CommentPress> = {
  prefixes: ['cmt'],
  encode(press) {
    switch (press.action) {
      case 'open':
        return `cmt:open:${press.slug}`;
      case 'page':
        return `cmt:page:${press.slug}:${press.page}`;
      default:
        return `cmt:${press.action}:${press.id}`;
    }
  },
  parse(customId) {
    const [prefix, action = '', a = '', b, extra] = customId.split(':');
    if (prefix !== 'cmt' || extra !== undefined) return null;
    if (action === 'open' && SLUG.test(a) && b === undefined) return { action, slug: a };
    if (action === 'page' && SLUG.test(a)) return { action, slug: a, page: pageOf(b) };
    if ((action === 'up' || action === 'down' || action === 'del') && COMMENT_ID.test(a))
      return b === undefined ? { action, id: Number(a) } : null;
    return null;
  },
};

/** A comment as a list shows it: who wrote it (a Discord user), and whether the reader did. */
export type ListedComment = { id: number; userId: string; content: string; mine: boolean };

/** The button under a post view that opens its comments to the presser. */
export const commentsButton = (slug: string, text: Text = english) =>
  actionButton(
    text('comments.button'),
    commentId.encode({ action: 'open', slug }),
    ButtonStyle.Secondary,
  );

/**
 * One page of a post's comments written through the bot, newest first: a line each, a row of
 * vote buttons each (and Delete on the reader's own), then Previous and Next. Authors are
 * Discord mentions: the message is sent with no mentions allowed, so none pings.
 */
export function commentList(input: {
  slug: string;
  comments: readonly ListedComment[];
  page: number;
  lastPage: number;
  text?: Text;
}) {
  const text = input.text ?? english;
  const { slug, page, lastPage } = input;
  const lines = input.comments.map((c, i) =>
    text('comments.line', {
      n: (page - 1) * 4 + i + 1,
      author: `<@${c.userId}>`,
      content: literal(clip(oneLine(c.content), 300)),
    }),
  );
  const head =
    input.comments.length === 0 ? text('comments.none') : text('comments.head', { page, lastPage });
  const rows = input.comments.map((c, i) => {
    const n = (page - 1) * 4 + i + 1;
    const buttons: APIButtonComponent[] = [
      button(text('comments.upvote', { n }), { action: 'up', id: c.id }),
      button(text('comments.downvote', { n }), { action: 'down', id: c.id }),
      ...(c.mine ? [button(text('comments.delete', { n }), { action: 'del', id: c.id })] : []),
    ];
    return buttonRow(buttons);
  });
  const nav =
    lastPage > 1
      ? buttonRow([
          actionButton(
            text('nav.previous'),
            pageId(slug, page - 1),
            ButtonStyle.Secondary,
            page <= 1,
          ),
          actionButton(
            text('nav.next'),
            pageId(slug, page + 1),
            ButtonStyle.Secondary,
            page >= lastPage,
          ),
        ])
      : null;
  return {
    content: [head, ...lines].join('\n'),
    components: [...rows, nav].filter(present) as APIActionRowComponent<APIButtonComponent>[],
  };
}

const pageId = (slug: string, page: number) => commentId.encode({ action: 'page', slug, page });

const button = (label: string, press: CommentPress) =>
  actionButton(label, commentId.encode(press), ButtonStyle.Secondary);

/** Comments a page lists: four, so that their rows and the page's fit Discord's five. */
export const COMMENTS_PER_PAGE = 4;
