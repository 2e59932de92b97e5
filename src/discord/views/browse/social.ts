import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIButtonComponent,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import { NUMERIC_ID, SLUG, USERNAME } from '../../../imgpile/params.js';
import type { Post } from '../../../imgpile/schemas.js';
import { english, type Text } from '../../../text/index.js';
import type { CustomId } from '../custom-id.js';
import type { ButtonRow } from '../v2.js';

/**
 * The buttons that put imgpile's social API in front of Discord users, acting as whoever
 * presses them (with their linked account), and the comment form.
 */

/** A vote cast, or taken back (`unup`, `undown`): each press says which, so a repeat is harmless. */
export type VoteAction = 'up' | 'down' | 'unup' | 'undown';
const VOTE_ACTIONS: readonly string[] = ['up', 'down', 'unup', 'undown'];

/** What a social button asks, with the post or user it names. */
export type SocialPress =
  | { action: 'open' | 'comment'; slug: string }
  | { action: VoteAction; id: string; slug: string }
  | { action: 'follow' | 'unfollow'; username: string };

/**
 * `social:open|comment:<slug>`, `social:up|down|unup|undown:<id>:<slug>`,
 * `social:follow|unfollow:<user>`:
 * under 100 characters (slugs and usernames are at most 64, ids 16 digits).
 */
export const socialId: CustomId<SocialPress> = {
  prefixes: ['social'],
  encode(press) {
    switch (press.action) {
      case 'up':
      case 'down':
      case 'unup':
      case 'undown':
        return `social:${press.action}:${press.id}:${press.slug}`;
      case 'follow':
      case 'unfollow':
        return `social:${press.action}:${press.username}`;
      default:
        return `social:${press.action}:${press.slug}`;
    }
  },
  parse(customId) {
    const [prefix, action = '', a = '', b = ''] = customId.split(':');
    if (prefix !== 'social') return null;
    if ((action === 'open' || action === 'comment') && SLUG.test(a)) return { action, slug: a };
    if (VOTE_ACTIONS.includes(action) && NUMERIC_ID.test(a) && SLUG.test(b))
      return { action: action as VoteAction, id: a, slug: b };
    if ((action === 'follow' || action === 'unfollow') && USERNAME.test(a))
      return { action, username: a };
    return null;
  },
};

/** The comment form of a post: `comment:<slug>`. */
export const commentFormId: CustomId<{ slug: string }> = {
  prefixes: ['comment'],
  encode: ({ slug }) => `comment:${slug}`,
  parse(customId) {
    const [prefix, slug = ''] = customId.split(':');
    return prefix === 'comment' && SLUG.test(slug) ? { slug } : null;
  },
};

/** The form a member writes a comment on a post in. */
export function commentForm(
  slug: string,
  text: Text = english,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: commentFormId.encode({ slug }),
    title: text('social.form.title'),
    components: [
      {
        type: ComponentType.Label,
        label: text('social.form.label'),
        component: {
          type: ComponentType.TextInput,
          custom_id: 'content',
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: 2000,
        },
      },
    ],
  };
}

const button = (label: string, customId: string, style = ButtonStyle.Secondary) =>
  ({ type: ComponentType.Button, style, label, custom_id: customId }) as APIButtonComponent;

const clipLabel = (s: string) => ([...s].length <= 60 ? s : `${[...s].slice(0, 59).join('')}…`);

/** Follow, or unfollow, one imgpile user. */
export const followButton = (username: string, text: Text = english) =>
  button(
    clipLabel(text('social.follow', { username })),
    socialId.encode({ action: 'follow', username }),
  );
export const unfollowButton = (username: string, text: Text = english) =>
  button(
    clipLabel(text('social.unfollow', { username })),
    socialId.encode({ action: 'unfollow', username }),
  );

/**
 * The button that casts a vote, or, once the reader has cast it (`voted`), takes it back
 * (imgpile toggles: a second vote removes the first).
 */
export function voteButton(
  post: { id: number | string; slug: string },
  up: boolean,
  voted: boolean,
  text: Text = english,
) {
  const id = String(post.id);
  const { slug } = post;
  if (voted) {
    const action = up ? 'unup' : 'undown';
    const label = text(up ? 'social.takeBackUp' : 'social.takeBackDown');
    return button(label, socialId.encode({ action, id, slug }));
  }
  const label = text(up ? 'social.upvote' : 'social.downvote');
  return button(label, socialId.encode({ action: up ? 'up' : 'down', id, slug }));
}

/**
 * A post's four actions: upvote, downvote (each "take back" when the reader's own vote is
 * known to be cast), comment, follow its author (when it has one). Four, so that they also fit
 * a V2 post card beside its "Open on imgpile" link.
 */
export function socialButtons(
  post: Pick<Post, 'id' | 'slug' | 'user' | 'isUpvotedByUser' | 'isDownvotedByUser'>,
  text: Text = english,
  mine = false,
): APIButtonComponent[] {
  const author = post.user?.username;
  const { slug } = post;
  return [
    voteButton(post, true, mine && post.isUpvotedByUser === true, text),
    voteButton(post, false, mine && post.isDownvotedByUser === true, text),
    button(text('social.comment'), socialId.encode({ action: 'comment', slug })),
    ...(author ? [followButton(author, text)] : []),
  ];
}

export const socialRow = (buttons: APIButtonComponent[]): ButtonRow => ({
  type: ComponentType.ActionRow,
  components: buttons,
});

/** On a feed card: opens that post's vote, comment and follow buttons to the presser alone. */
export const openSocialButton = (slug: string, text: Text = english) =>
  button(text('social.open'), socialId.encode({ action: 'open', slug }));
