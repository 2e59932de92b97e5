import { ButtonStyle, ComponentType, type APIButtonComponent } from 'discord.js';
import type { Post } from '../../imgpile/schemas.js';
import type { ButtonRow } from './v2.js';

/**
 * The buttons that put imgpile's social API in front of Discord users, acting as whoever
 * presses them (with their linked account): custom ids `social:<action>:...`, all under 100
 * characters (slugs and usernames are at most 64).
 */

const button = (label: string, customId: string, style = ButtonStyle.Secondary) =>
  ({ type: ComponentType.Button, style, label, custom_id: customId }) as APIButtonComponent;

const clipLabel = (s: string) => ([...s].length <= 60 ? s : `${[...s].slice(0, 59).join('')}…`);

/** Follow, or unfollow, one imgpile user. */
export const followButton = (username: string) =>
  button(clipLabel(`Follow ${username}`), `social:follow:${username}`);
export const unfollowButton = (username: string) =>
  button(clipLabel(`Unfollow ${username}`), `social:unfollow:${username}`);

/**
 * A post's four actions: upvote, downvote, comment, follow its author (when it has one). Four,
 * so that they also fit a V2 post card beside its "Open on imgpile" link.
 */
export function socialButtons(post: Pick<Post, 'id' | 'slug' | 'user'>): APIButtonComponent[] {
  const author = post.user?.username;
  return [
    button('▲ Upvote', `social:up:${post.id}:${post.slug}`),
    button('▼ Downvote', `social:down:${post.id}:${post.slug}`),
    button('💬 Comment', `social:comment:${post.slug}`),
    ...(author ? [followButton(author)] : []),
  ];
}

export const socialRow = (buttons: APIButtonComponent[]): ButtonRow => ({
  type: ComponentType.ActionRow,
  components: buttons,
});

/** On a feed card: opens that post's vote, comment and follow buttons to the presser alone. */
export const openSocialButton = (slug: string) => button('Vote, comment', `social:open:${slug}`);
