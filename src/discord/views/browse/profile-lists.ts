import { ButtonStyle, ComponentType, EmbedBuilder, type APIButtonComponent } from 'discord.js';
import { USERNAME } from '../../../imgpile/params.js';
import type { Media, Paginated } from '../../../imgpile/schemas.js';
import { english, type Text } from '../../../text/index.js';
import { pageOf, type CustomId } from '../custom-id.js';
import { PROFILE_PAGE_SIZE, profilePageId } from './profile-card.js';
import { socialRow } from './social.js';
import { clip, literal, oneLine } from '../text.js';

/** The lists a profile card opens besides its posts. */
export const USER_LISTS = ['media', 'followers', 'following'] as const;
export type UserList = (typeof USER_LISTS)[number];

export type UserListPress = { list: UserList; page: number; username: string };

/** `ulist:<list>:<page>:<username>`. */
export const userListId: CustomId<UserListPress> = {
  prefixes: ['ulist'],
  encode: ({ list, page, username }) => `ulist:${list}:${page}:${username}`,
  parse(customId) {
    const [prefix, list = '', page, username = '', extra] = customId.split(':');
    if (prefix !== 'ulist' || extra !== undefined || !USERNAME.test(username)) return null;
    if (!(USER_LISTS as readonly string[]).includes(list)) return null;
    return { list: list as UserList, page: pageOf(page), username };
  },
};

const button = (label: string, customId: string, disabled = false): APIButtonComponent => ({
  type: ComponentType.Button,
  style: ButtonStyle.Secondary,
  label,
  custom_id: customId,
  disabled,
});

/** The card's row that opens its lists: Media, Followers, Following. */
export function userListButtons(username: string, text: Text = english) {
  return socialRow(
    USER_LISTS.map((list) =>
      button(text(`profile.${list}`), userListId.encode({ list, page: 1, username })),
    ),
  );
}

/** A name from a follower list (documented only as "paginated": its items are open records). */
const nameOf = (item: Record<string, unknown>) =>
  typeof item.username === 'string' ? item.username : null;

function lineOf(list: UserList, item: Media | Record<string, unknown>, n: number, text: Text) {
  if (list === 'media') {
    const m = item as Media;
    const title = literal(clip(oneLine(m.title ?? '') || m.slug, 80));
    return text('profile.mediaLine', { n, title, url: m.urls.original });
  }
  const name = nameOf(item);
  return text('profile.userLine', { n, name: name ? literal(clip(oneLine(name), 64)) : '?' });
}

/**
 * A page of one of a user's lists (their media, followers or following), with Previous and
 * Next, the other lists, and the way back to their posts.
 */
export function userListCard(
  input: {
    username: string;
    list: UserList;
    page: number;
    items: Paginated<Media> | Paginated<Record<string, unknown>>;
  },
  text: Text = english,
) {
  const { username, list, page, items } = input;
  const lastPage = Math.max(1, items.meta?.last_page ?? (items.links?.next ? page + 1 : page));
  const lines = (items.data as (Media | Record<string, unknown>)[]).map((item, i) =>
    lineOf(list, item, (page - 1) * PROFILE_PAGE_SIZE + i + 1, text),
  );
  const embed = new EmbedBuilder()
    .setTitle(clip(`${username} · ${text(`profile.${list}`)}`, 256))
    .setDescription(lines.length ? lines.join('\n') : text('profile.emptyList'))
    .setFooter({ text: text('feed.page', { page, lastPage }) });
  const id = (to: number) => userListId.encode({ list, page: to, username });
  return {
    embeds: [embed],
    components: [
      socialRow([
        button(text('nav.previous'), id(page - 1), page <= 1),
        button(text('nav.next'), id(page + 1), page >= lastPage),
        button(text('profile.posts'), profilePageId.encode({ username, page: 1 })),
      ]),
      userListButtons(username, text),
    ],
    allowedMentions: { parse: [] },
  };
}
