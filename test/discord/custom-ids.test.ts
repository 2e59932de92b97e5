import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { backfillStopId } from '../../src/discord/views/backfill-progress.js';
import { CUSTOM_ID_MAX, type CustomId } from '../../src/discord/views/custom-id.js';
import { rehostDeleteId } from '../../src/discord/views/delete-confirmation.js';
import { findOfferId } from '../../src/discord/views/find-offer.js';
import { feedPageId } from '../../src/discord/views/browse/feed-page.js';
import { linkFormId } from '../../src/discord/views/link-form.js';
import { mineId } from '../../src/discord/views/mine-list.js';
import { profilePageId } from '../../src/discord/views/browse/profile-card.js';
import { commentId } from '../../src/discord/views/browse/comment-list.js';
import { userListId } from '../../src/discord/views/browse/profile-lists.js';
import { sizesId } from '../../src/discord/views/sizes.js';
import { postPageId } from '../../src/discord/views/post-view.js';
import { commentFormId, socialId } from '../../src/discord/views/browse/social.js';

/** The longest of each part an id carries: imgpile's slugs and usernames, ids, pages. */
const SLUG = 'S'.repeat(64);
const USERNAME = 'u'.repeat(64);
const POST_ID = '9'.repeat(16);
const SNOWFLAKE = '9'.repeat(20);
const PAGE = Number.MAX_SAFE_INTEGER;
const ACTION_ID = 'A'.repeat(12);

/** Every encoder with the longest values it can be given, and ids it must read back. */
const CASES: [string, CustomId<never>, unknown[]][] = [
  ['feed', feedPageId as CustomId<never>, [{ feedId: SNOWFLAKE, page: PAGE }]],
  [
    'find offer',
    findOfferId as CustomId<never>,
    [
      { userId: SNOWFLAKE, channelId: SNOWFLAKE, messageId: SNOWFLAKE, attachmentId: SNOWFLAKE },
      { userId: SNOWFLAKE, channelId: SNOWFLAKE, messageId: SNOWFLAKE, attachmentId: null },
    ],
  ],
  [
    'rehost delete',
    rehostDeleteId as CustomId<never>,
    ['ask', 'confirm', 'cancel'].map((action) => ({ action, id: ACTION_ID })),
  ],
  [
    'mine',
    mineId as CustomId<never>,
    [
      { action: 'page', source: 'own', page: PAGE },
      { action: 'ask', source: 'own', kind: 'media', slug: SLUG },
      { action: 'del', source: 'bot', kind: 'post', slug: SLUG },
      { action: 'keep' },
    ],
  ],
  [
    'social',
    socialId as CustomId<never>,
    [
      { action: 'open', slug: SLUG },
      { action: 'comment', slug: SLUG },
      { action: 'down', id: POST_ID, slug: SLUG },
      { action: 'undown', id: POST_ID, slug: SLUG },
      { action: 'unfollow', username: USERNAME },
    ],
  ],
  ['profile', profilePageId as CustomId<never>, [{ username: USERNAME, page: PAGE }]],
  [
    'comments',
    commentId as CustomId<never>,
    [
      { action: 'open', slug: SLUG },
      { action: 'page', slug: SLUG, page: PAGE },
      { action: 'del', id: Number.MAX_SAFE_INTEGER },
    ],
  ],
  [
    'profile lists',
    userListId as CustomId<never>,
    [{ list: 'followers', page: PAGE, username: USERNAME }],
  ],
  ['sizes', sizesId as CustomId<never>, ['xs', 'xl']],
  ['post view pages', postPageId as CustomId<never>, [{ viewId: SNOWFLAKE, page: PAGE }]],
  ['comment form', commentFormId as CustomId<never>, [{ slug: SLUG }]],
  ['link form', linkFormId as CustomId<never>, [true]],
  ['backfill stop', backfillStopId as CustomId<never>, [{ channelId: SNOWFLAKE }]],
];

describe('custom ids', () => {
  it.each(CASES)(
    '%s: its longest ids fit Discord’s 100 characters and read back',
    (_, id, values) => {
      for (const value of values as never[]) {
        const encoded = id.encode(value);
        expect(encoded.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
        expect(id.prefixes).toContain(encoded.split(':')[0]);
        expect(id.parse(encoded)).toEqual(value);
      }
    },
  );

  it('read the ids the previous version wrote, on messages still in channels', () => {
    expect(feedPageId.parse('feed:1234567890123456789:3')).toEqual({
      feedId: '1234567890123456789',
      page: 3,
    });
    expect(rehostDeleteId.parse('rdelok:abc')).toEqual({ action: 'confirm', id: 'abc' });
    expect(rehostDeleteId.parse('rdelno:abc')).toEqual({ action: 'cancel', id: 'abc' });
    expect(profilePageId.parse('profile:2:carol')).toEqual({ username: 'carol', page: 2 });
  });

  it('write the readable form now', () => {
    expect(feedPageId.encode({ feedId: '1', page: 2 })).toBe('feed:page:1:2');
    expect(rehostDeleteId.encode({ action: 'confirm', id: 'abc' })).toBe('rdel:confirm:abc');
    expect(profilePageId.encode({ username: 'carol', page: 2 })).toBe('profile:page:2:carol');
  });

  it('refuse what they did not write: another prefix, a forged slug or user, a missing part', () => {
    expect(feedPageId.parse('mine:page:own:2')).toBeNull();
    expect(feedPageId.parse('feed:page:')).toBeNull();
    expect(mineId.parse('mine:del:own:m:../users')).toBeNull();
    expect(mineId.parse('mine:drop:own:m:abc')).toBeNull();
    expect(socialId.parse('social:up:0x1:abc')).toBeNull();
    expect(socialId.parse('social:follow:<@1>')).toBeNull();
    expect(profilePageId.parse('profile:page:2:a b')).toBeNull();
    expect(commentFormId.parse('comment:')).toBeNull();
    expect(postPageId.parse('pview:abc:2')).toBeNull();
    expect(commentId.parse('cmt:del:0')).toBeNull();
    expect(sizesId.parse('sizes:xxl')).toBeNull();
    expect(userListId.parse('ulist:comments:1:carol')).toBeNull();
    expect(userListId.parse('ulist:media:1:a/b')).toBeNull();
    expect(commentId.parse('cmt:del:1:2')).toBeNull();
    expect(commentId.parse('cmt:open:../x')).toBeNull();
    expect(postPageId.parse('pview:1:2:key')).toBeNull();
    expect(backfillStopId.parse('bfstop:1100000000000000002:x')).toBeNull();
    expect(backfillStopId.parse('bfstop:<#1>')).toBeNull();
    const id = '1100000000000000002';
    expect(findOfferId.parse(`findrh:${id}:${id}:${id}`)).toBeNull();
    expect(findOfferId.parse(`findrh:${id}:${id}:${id}:0:${id}`)).toBeNull();
    expect(findOfferId.parse(`findrh:${id}:<#1>:${id}:0`)).toBeNull();
    expect(findOfferId.parse(`findrh:${id}:${id}:${id}:x`)).toBeNull();
    expect(findOfferId.parse(`findrh::${id}:${id}:0`)).toBeNull();
  });

  it('each prefix is read by one route only', () => {
    const prefixes = commands.flatMap((c) =>
      c.kind === 'slash' ? [...c.buttons, ...c.modals].flatMap((r) => r.prefixes) : [],
    );
    expect(prefixes.filter((p, i) => prefixes.indexOf(p) !== i)).toEqual([]);
    expect(prefixes.sort()).toEqual(
      [
        'account-link',
        'bfstop',
        'cmt',
        'comment',
        'feed',
        'findrh',
        'mine',
        'profile',
        'pview',
        'rdel',
        'rdelno',
        'rdelok',
        'sizes',
        'social',
        'ulist',
      ].sort(),
    );
  });
});
