import { ButtonStyle, ComponentType, EmbedBuilder, type APIButtonComponent } from 'discord.js';
import type { ImgpileLinks } from '../../../imgpile/links.js';
import { USERNAME } from '../../../imgpile/params.js';
import type { Paginated, Post } from '../../../imgpile/schemas.js';
import { english, type Text } from '../../../text/index.js';
import { pageOf, type CustomId } from '../custom-id.js';
import { followButton, socialRow, unfollowButton } from './social.js';
import { clip, literal, oneLine } from '../text.js';

/** Posts on a page of a profile card. */
export const PROFILE_PAGE_SIZE = 5;

/** A profile's counts as the card shows them: a number, `N+` when imgpile did not say, or `?`. */
export type ProfileCounts = { posts: string; followers: string; following: string };

/** The embed's fields in their order: a press reads the counts back by place (any language). */
export const COUNT_FIELDS = ['posts', 'followers', 'following'] as const;

/** A press of Previous or Next on a card. */
export type ProfilePress = { username: string; page: number };

/** `profile:page:<n>:<username>`; the previous version wrote `profile:<n>:<username>`. */
export const profilePageId: CustomId<ProfilePress> = {
  prefixes: ['profile'],
  encode: ({ username, page }) => `profile:page:${page}:${username}`,
  parse(customId) {
    const [prefix, ...rest] = customId.split(':');
    const [page, username = ''] = rest[0] === 'page' ? rest.slice(1) : rest;
    return prefix === 'profile' && USERNAME.test(username)
      ? { username, page: pageOf(page) }
      : null;
  },
};

/** An imgpile user's card: their counts, a page of their posts, paging, follow and unfollow. */
export function profileCard(
  card: { username: string; page: number; posts: Paginated<Post>; counts: ProfileCounts },
  links: ImgpileLinks,
  text: Text = english,
) {
  const { username, page, posts, counts } = card;
  const lastPage = posts.meta?.last_page ?? (posts.links?.next ? page + 1 : page);
  const lines = posts.data.map((p, i) => {
    const title = literal(clip(oneLine(p.title ?? '') || text('post.untitled'), 80));
    const n = (page - 1) * PROFILE_PAGE_SIZE + i + 1;
    return text('profile.line', { n, title, score: p.score ?? 0, url: links.post(p.slug) });
  });
  const embed = new EmbedBuilder()
    .setTitle(clip(username, 256))
    .addFields(
      COUNT_FIELDS.map((f) => ({ name: text(`profile.${f}`), value: counts[f], inline: true })),
    )
    .setDescription(lines.length ? lines.join('\n') : text('profile.noPosts'))
    .setFooter({ text: text('profile.footer', { page, lastPage: Math.max(1, lastPage) }) });
  const preview = posts.data[0]?.first_media;
  const thumb = preview?.urls.sm ?? preview?.urls.thumb;
  if (thumb) embed.setThumbnail(thumb);
  const nav = (label: string, to: number, disabled: boolean): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label,
    custom_id: profilePageId.encode({ username, page: to }),
    disabled,
  });
  return {
    embeds: [embed],
    components: [
      socialRow([
        nav(text('nav.previous'), page - 1, page <= 1),
        nav(text('nav.next'), page + 1, page >= lastPage),
        followButton(username, text),
        unfollowButton(username, text),
      ]),
    ],
    allowedMentions: { parse: [] },
  };
}
