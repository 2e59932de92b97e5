import {
  ComponentType,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { deleteConfirmation } from '../../src/discord/views/delete-confirmation.js';
import { feedPage } from '../../src/discord/views/browse/feed-page.js';
import { formatResult } from '../../src/discord/views/format.js';
import { postMessage } from '../../src/discord/views/post-view.js';
import {
  forEdit,
  isGalleryReply,
  rehostReply,
  type RehostReply,
  type RehostReplyOptions,
  type RehostSummary,
} from '../../src/discord/views/rehost-gallery.js';
import {
  countComponents,
  textLength,
  previewUrl,
  previewUrls,
  type V2Message,
} from '../../src/discord/views/v2.js';
import { imgpileLinks } from '../../src/imgpile/links.js';
import type { Media, Post } from '../../src/imgpile/schemas.js';
import type { RehostResult, UploadOutcome } from '../../src/request.js';
import { MESSAGE_FLAGS, validateMessage } from '../fakes/discord/validation.js';

const links = imgpileLinks('https://imgpile.com/api/v1');
const CDN = 'https://cdn.imgpile.com/f';

type Json = Record<string, unknown> & { components?: Json[]; items?: Json[] };

function uploaded(i: number, filename = `photo-${i}.png`, type = 'image/png'): UploadOutcome {
  const slug = `s${String(i).padStart(6, '0')}`;
  return {
    status: 'uploaded',
    index: i,
    attachmentId: String(1000 + i),
    filename,
    media: { id: i, slug, url: `${CDN}/${slug}.png`, type },
    reused: false,
  };
}

function refused(
  i: number,
  filename = `notes-${i}.pdf`,
  reason = 'this file type is not accepted',
): UploadOutcome {
  return {
    status: 'failed',
    index: i,
    attachmentId: String(1000 + i),
    filename,
    code: 'not_media',
    reason,
  };
}

function result(files: UploadOutcome[], post: RehostResult['post'] = null): RehostResult {
  return {
    requestId: 'req-1',
    requester: { guildId: '1', channelId: '2', userId: '3' },
    files,
    post,
  };
}

const createdPost = (visibility = 'public'): RehostResult['post'] => ({
  status: 'created',
  slug: 'rtWJdHr',
  url: 'https://imgpile.com/p/rtWJdHr',
  visibility,
  accessKey: visibility === 'private' ? 'k3y' : null,
});

/** The writes a reply goes through: a channel message, and the interaction reply's edits. */
function expectAccepted(body: unknown, edit: unknown = body) {
  expect(validateMessage(body, { kind: 'create' })).toBeNull();
  // The interaction reply: deferred ("thinking", ephemeral or not), then after progress text.
  for (const previous of [
    { flags: MESSAGE_FLAGS.LOADING, content: '', embeds: [] },
    { flags: MESSAGE_FLAGS.LOADING | MESSAGE_FLAGS.EPHEMERAL, content: '', embeds: [] },
    { flags: 0, content: '⏳ Rehosting `a.png` (file 1 of 3): 42%', embeds: [] },
  ])
    expect(validateMessage(edit, { kind: 'edit', previous })).toBeNull();
}

const container = (reply: RehostReply | V2Message, i = 0) => {
  expect(isV2(reply)).toBe(true);
  return (reply as V2Message).components[i] as unknown as Json;
};
const isV2 = (reply: unknown): reply is V2Message =>
  typeof reply === 'object' && reply !== null && 'components' in reply;
const ofType = (c: Json, type: number) => (c.components ?? []).filter((x) => x.type === type);
const texts = (c: Json) => ofType(c, 10).map((t) => String(t.content));
const galleryOf = (c: Json) => ofType(c, 12)[0]?.items ?? [];
const buttonsOf = (c: Json) => ofType(c, 1).flatMap((r) => r.components ?? []);

describe('rehostReply', () => {
  it('answers one file with a V2 gallery of its imgpile URL and its link as text', () => {
    const r = result([uploaded(1, 'sunset.png')]);
    const reply = rehostReply(r);
    expectAccepted(reply, forEdit(reply));
    expect(reply.flags).toBe(MESSAGE_FLAGS.IS_COMPONENTS_V2);
    expect(reply).not.toHaveProperty('content');
    expect(reply).not.toHaveProperty('embeds');
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const c = container(reply);
    expect(c.type).toBe(17);
    expect(galleryOf(c)).toEqual([
      { media: { url: `${CDN}/s000001.png` }, description: 'sunset.png' },
    ]);
    expect(texts(c)).toEqual(['**Rehosted on imgpile**', `\`sunset.png\` ${CDN}/s000001.png`]);
    expect(buttonsOf(c)).toEqual([]);
  });

  it('turns a message that held progress text into V2 only with content and embeds reset', () => {
    const reply = rehostReply(result([uploaded(1)]));
    const previous = { flags: 0, content: '⏳ Rehosting 1 file…', embeds: [] };
    expect(validateMessage(reply, { kind: 'edit', previous })?.status).toBe(400);
    expect(forEdit(reply)).toMatchObject({ content: null, embeds: [] });
    expect(validateMessage(forEdit(reply), { kind: 'edit', previous })).toBeNull();
  });

  it('shows the sized variant when imgpile has made it, and links the original', () => {
    const reply = rehostReply(result([uploaded(1)]), {
      previews: { s000001: `${CDN}/s000001_md.png` },
    });
    const c = container(reply);
    expect(galleryOf(c)[0]?.media).toEqual({ url: `${CDN}/s000001_md.png` });
    expect(texts(c)[1]).toContain(`${CDN}/s000001.png`);
  });

  it('fits 10 files with 200-character names full of backticks and markdown', () => {
    const nasty = (i: number) =>
      `${i}\`\`\`@everyone <@123> **bold** ||x|| [a](https://evil.test) # h\n> q _i_ ~~s~~ `
        .repeat(4)
        .slice(0, 196) + '.png';
    const files = Array.from({ length: 10 }, (_, i) => uploaded(i, nasty(i)));
    const reply = rehostReply(result(files, createdPost()), {
      deleteButton: { customId: 'rehost-delete:abc' },
    });
    expectAccepted(reply, forEdit(reply));
    const c = container(reply);
    const items = galleryOf(c);
    expect(items).toHaveLength(10);
    items.forEach((item, i) => {
      expect(item.media).toEqual({ url: `${CDN}/s${String(i).padStart(6, '0')}.png` });
      expect(String(item.description).length).toBeLessThanOrEqual(200);
      expect(String(item.description)).not.toMatch(/\n/);
    });
    const lines = texts(c)[1]!.split('\n');
    expect(lines).toHaveLength(10);
    lines.forEach((line, i) => {
      // One code span (no backtick inside it), then the link: nothing breaks out.
      expect(line).toMatch(/^`[^`\n]{1,80}` https:\/\/\S+$/);
      expect(line.endsWith(`/s${String(i).padStart(6, '0')}.png`)).toBe(true);
    });
    expect(textLength([c])).toBeLessThanOrEqual(4000);
  });

  it('names the refused files with their reasons beside the uploaded ones', () => {
    const r = result([
      uploaded(0),
      refused(1),
      uploaded(2),
      refused(3, 'big.mov', 'the file is larger than 100 MB'),
    ]);
    const reply = rehostReply(r);
    expectAccepted(reply, forEdit(reply));
    const c = container(reply);
    expect(galleryOf(c).map((i) => i.media)).toEqual([
      { url: `${CDN}/s000000.png` },
      { url: `${CDN}/s000002.png` },
    ]);
    const [head, linkText, refusedText] = texts(c);
    expect(head).toBe('**Rehosted 2 of 4 files on imgpile**');
    expect(linkText!.split('\n')).toHaveLength(2);
    expect(refusedText).toBe(
      '✖ `notes-1.pdf`: this file type is not accepted\n✖ `big.mov`: the file is larger than 100 MB',
    );
  });

  it('spoilers every item of an adult request, and only the flagged file otherwise', () => {
    const files = [uploaded(0), uploaded(1), uploaded(2)];
    const all = container(rehostReply(result(files), { nsfw: true }));
    expect(galleryOf(all).map((i) => i.spoiler)).toEqual([true, true, true]);

    const summary: RehostSummary = {
      files: files.map((f, i) => (f.status === 'uploaded' ? { ...f, nsfw: i === 1 } : f)),
      post: null,
    };
    const reply = rehostReply(summary);
    expectAccepted(reply, forEdit(reply));
    expect(galleryOf(container(reply)).map((i) => i.spoiler ?? false)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('links the post with a button and gives the owner a Delete button', () => {
    const reply = rehostReply(result([uploaded(0), uploaded(1)], createdPost()), {
      deleteButton: { customId: 'rehost-delete:abc' },
    });
    expectAccepted(reply, forEdit(reply));
    const c = container(reply);
    expect(texts(c)[0]).toBe(
      '**Rehosted 2 files on imgpile**\n**Post:** https://imgpile.com/p/rtWJdHr',
    );
    expect(buttonsOf(c)).toEqual([
      { type: 2, style: 5, label: 'Open post', url: 'https://imgpile.com/p/rtWJdHr' },
      { type: 2, style: 4, label: 'Delete', custom_id: 'rehost-delete:abc' },
    ]);
    // Without a delete id (not the owner's reply, or no owner), no Delete.
    const other = container(rehostReply(result([uploaded(0)], createdPost())));
    expect(buttonsOf(other).map((b) => b.label)).toEqual(['Open post']);
  });

  it("notes a private post's key as formatResult does, and a post that failed", () => {
    const priv = rehostReply(result([uploaded(0)], createdPost('private')), { keySent: false });
    expect(texts(container(priv))[0]).toContain(
      '(private: its uploader sees the key with `/imgpile post view`)',
    );
    const failed = rehostReply(
      result([uploaded(0)], { status: 'failed', reason: 'imgpile said *no*' }),
    );
    expectAccepted(failed, forEdit(failed));
    expect(texts(container(failed))[0]).toContain('No post was made: imgpile said \\*no\\*.');
    expect(buttonsOf(container(failed))).toEqual([]);
  });

  it('keeps plain links when the server asks for them: exactly formatResult', () => {
    const r = result([uploaded(0), refused(1)], createdPost());
    const options: RehostReplyOptions = { style: 'plain', deleteButton: { customId: 'd' } };
    const reply = rehostReply(r, options);
    expect(reply).toEqual({
      content: formatResult(r),
      flags: MESSAGE_FLAGS.SUPPRESS_EMBEDS,
      allowed_mentions: { parse: [], replied_user: false },
    });
    expect(isGalleryReply(reply)).toBe(false);
    expect(forEdit(reply)).toBe(reply);
    expectAccepted(reply);
  });

  it("plain replies show imgpile's words literally too: no markdown, mention or masked link", () => {
    const said = 'imgpile refused this: **bad** <@123> @everyone [x](https://evil.example)';
    const r = result([uploaded(0), refused(1, 'a.png', said)], { status: 'failed', reason: said });
    const text = formatResult(r);
    expect(text).not.toContain('**bad**');
    expect(text).not.toContain('<@123>');
    expect(text).not.toContain('[x](');
    expect(text).toContain('imgpile refused this\\: \\*\\*bad\\*\\* \\<\\@123\\>');
    // Our own code spans stay code: nothing renders inside them.
    const ours = formatResult(
      result([refused(0, 'b.png', 'link it again with `/imgpile account link`')]),
    );
    expect(ours).toContain('link it again with `/imgpile account link`');
  });

  it('answers in text when nothing was rehosted', () => {
    const r = result([refused(0), refused(1)]);
    expect(rehostReply(r)).toMatchObject({ content: formatResult(r) });
  });

  it('cuts a long list to "…and N more" within 4000 characters', () => {
    const reason = 'imgpile refused it: '.padEnd(290, 'x');
    const files = [
      ...Array.from({ length: 30 }, (_, i) => uploaded(i, `${'long-name-'.repeat(20)}${i}.png`)),
      ...Array.from({ length: 30 }, (_, i) => refused(30 + i, `bad-${i}.exe`, reason)),
    ];
    const reply = rehostReply(result(files));
    expectAccepted(reply, forEdit(reply));
    const c = container(reply);
    expect(galleryOf(c)).toHaveLength(10);
    expect(texts(c)[0]).toContain('Rehosted 30 of 60 files on imgpile');
    expect(texts(c)[0]).toContain('The first 10 are shown.');
    const all = texts(c).join('\n');
    expect(all).toMatch(/…and \d+ more files$/);
    expect(textLength([c])).toBeLessThanOrEqual(4000);
    expect(textLength([c])).toBeGreaterThan(3500);
  });

  it('degrades to the text reply when even the heading cannot fit', () => {
    const r = result([uploaded(0)]);
    const intro = 'x'.repeat(3990);
    const reply = rehostReply(r, { intro });
    expect(isGalleryReply(reply)).toBe(false);
    expect(reply).toMatchObject({ flags: MESSAGE_FLAGS.SUPPRESS_EMBEDS });
    expect((reply as { content: string }).content.startsWith('xxxx')).toBe(true);
    expectAccepted(reply);
  });

  it('puts a caller intro (the mention when posting in the channel) first', () => {
    const reply = rehostReply(result([uploaded(0)]), {
      intro: '<@3>, your rehost finished.',
      keySent: false,
    });
    expectAccepted(reply, forEdit(reply));
    expect(texts(container(reply))[0]).toBe('<@3>, your rehost finished.\n**Rehosted on imgpile**');
  });

  it('refuses a Delete custom id Discord would refuse', () => {
    expect(() =>
      rehostReply(result([uploaded(0)]), { deleteButton: { customId: 'x'.repeat(101) } }),
    ).toThrow(RangeError);
  });

  it('satisfies its input type with a RehostResult', () => {
    const summary: RehostSummary = result([uploaded(0)]);
    expect(summary.files).toHaveLength(1);
  });
});

describe('previewUrl', () => {
  const urls = {
    original: `${CDN}/a.png`,
    md: `${CDN}/a_md.png`,
    lg: `${CDN}/a_lg.png`,
    thumb: `${CDN}/a_thumb.jpg`,
  };
  it('uses a sized variant only once imgpile has processed the image', () => {
    expect(previewUrl({ type: 'image/png', processed: false, urls })).toBe(urls.original);
    expect(previewUrl({ type: 'image/png', processed: true, urls })).toBe(urls.md);
    expect(previewUrl({ type: 'image/png', processed: true, urls }, 'lg')).toBe(urls.lg);
    expect(
      previewUrl({ type: 'image/png', processed: true, urls: { original: urls.original } }),
    ).toBe(urls.original);
  });
  it('keeps the original for videos (a gallery plays them) and GIFs', () => {
    expect(previewUrl({ type: 'video/mp4', processed: true, urls })).toBe(urls.original);
    expect(previewUrl({ type: 'image/gif', processed: true, urls })).toBe(urls.original);
  });
  it('maps media slugs to previews for rehostReply', () => {
    const m = media('abc', true);
    expect(previewUrls([m])).toEqual({ abc: `${CDN}/abc_md.jpg` });
  });
});

function media(slug: string, processed = true, extra: Partial<Media> = {}): Media {
  return {
    slug,
    type: 'image/jpeg',
    processed,
    moderation_status: 'approved',
    urls: {
      original: `${CDN}/${slug}.jpg`,
      ...(processed ? { md: `${CDN}/${slug}_md.jpg` } : {}),
    },
    ...extra,
  };
}

function post(i: number, extra: Partial<Post> = {}): Post {
  return {
    id: i,
    slug: `p${String(i).padStart(6, '0')}`,
    title: `Post ${i}`,
    score: i,
    view_count: 10 * i,
    user: { username: `user_${i}` },
    first_media: media(`m${String(i).padStart(6, '0')}`),
    moderation_status: 'approved',
    ...extra,
  };
}

/** The feed and post view are interaction replies: deferred, then edited; pages edit V2. */
function expectEditable(message: V2Message) {
  expect(validateMessage(message, { kind: 'create' })).toBeNull();
  for (const previous of [
    { flags: MESSAGE_FLAGS.LOADING, content: '', embeds: [] },
    { flags: MESSAGE_FLAGS.IS_COMPONENTS_V2, content: '', embeds: [] },
  ])
    expect(validateMessage(message, { kind: 'edit', previous })).toBeNull();
  // discord.js takes the same object.
  const options: InteractionEditReplyOptions = { ...message, allowedMentions: { parse: [] } };
  expect(options.components).toBe(message.components);
}

describe('feedPage', () => {
  const buttons = { previous: 'feed:1:1', next: 'feed:1:3' };

  it('fits 5 posts, each with its preview and link, and Previous/Next', () => {
    const posts = [1, 2, 3, 4, 5].map((i) => post(i));
    const page = feedPage({ posts, page: 2, lastPage: 4, buttons, links });
    expectEditable(page);
    expect(page.components[0]).toEqual({ type: 10, content: 'Page 2 of 4' });
    const cards = page.components.slice(1, 6) as unknown as Json[];
    cards.forEach((card, i) => {
      expect(card.type).toBe(17);
      expect(texts(card)[0]).toBe(
        `**Post ${i + 1}**\n-# by user\\_${i + 1} · score ${i + 1} · ${10 * (i + 1)} views`,
      );
      expect(galleryOf(card)).toEqual([
        { media: { url: `${CDN}/m${String(i + 1).padStart(6, '0')}_md.jpg` } },
      ]);
      expect(buttonsOf(card)).toEqual([
        { type: 2, style: 5, label: 'Open on imgpile', url: links.post(posts[i]!.slug) },
      ]);
    });
    const nav = page.components[6] as unknown as Json;
    expect(nav.components).toEqual([
      { type: 2, style: 2, label: 'Previous', custom_id: 'feed:1:1' },
      { type: 2, style: 2, label: 'Next', custom_id: 'feed:1:3' },
    ]);
    expect(countComponents(page.components)).toBeLessThanOrEqual(40);
  });

  it('disables Previous on the first page and Next on the last', () => {
    const page = feedPage({ posts: [post(1)], page: 1, lastPage: 1, buttons, links });
    expectEditable(page);
    const nav = page.components.at(-1) as unknown as Json;
    expect(nav.components?.map((b) => b.disabled ?? false)).toEqual([true, true]);
  });

  it('spoilers or hides previews as the caller decides per post', () => {
    const posts = [post(1), post(2, { moderation_status: 'nsfw' }), post(3)];
    const page = feedPage({
      posts,
      page: 1,
      lastPage: 1,
      buttons,
      links,
      cardOptions: (p) =>
        p.slug === posts[1]!.slug ? { hide: () => true } : { spoiler: p.id === 3 },
    });
    expectEditable(page);
    const cards = page.components.slice(1, 4) as unknown as Json[];
    expect(galleryOf(cards[0]!)[0]?.spoiler).toBeUndefined();
    expect(galleryOf(cards[1]!)).toEqual([]);
    expect(texts(cards[1]!)).toContain('-# Preview not shown here.');
    expect(galleryOf(cards[2]!)[0]?.spoiler).toBe(true);
  });

  it('says so when no post matches', () => {
    const page = feedPage({ posts: [], page: 1, lastPage: 1, buttons, links });
    expectEditable(page);
    expect(page.components[0]).toEqual({ type: 10, content: 'No posts match.' });
  });

  it('stays within 40 components and 4000 characters with more and longer posts', () => {
    const title = '*_`@everyone`_*'.repeat(20);
    const posts = Array.from({ length: 12 }, (_, i) => post(i + 1, { title }));
    const page = feedPage({ posts, page: 1, lastPage: 9, buttons, links });
    expectEditable(page);
    expect(countComponents(page.components)).toBeLessThanOrEqual(40);
    expect(textLength(page.components)).toBeLessThanOrEqual(4000);
    expect(
      page.components.filter((c) => c.type === ComponentType.Container).length,
    ).toBeGreaterThanOrEqual(5);
  });
});

describe('postMessage (post view)', () => {
  const tenMedia = Array.from({ length: 10 }, (_, i) =>
    media(`v${String(i).padStart(6, '0')}`, i % 2 === 0, { title: `Shot ${i}` }),
  );

  it('shows all 10 media in a gallery with their direct links', () => {
    const p = post(7, {
      media: tenMedia,
      media_count: 10,
      description: '@everyone look: **bold**\n# not a heading\n1. not a list',
    });
    const message = postMessage(p, links, {
      note: `Visibility: private (key link: ${links.post(p.slug, 'k3y')})`,
    });
    expectEditable(message);
    const c = container(message);
    const items = galleryOf(c);
    expect(items).toHaveLength(10);
    items.forEach((item, i) => {
      const m = tenMedia[i]!;
      expect(item.media).toEqual({ url: m.processed ? m.urls.md : m.urls.original });
      expect(item.description).toBe(`Shot ${i}`);
    });
    const [head, description, foot] = texts(c);
    expect(head).toBe('**Post 7**\n-# by user\\_7 · score 7 · 70 views · 10 files');
    expect(description).toBe(
      '\\@everyone look\\: \\*\\*bold\\*\\*\n\\# not a heading\n1\\. not a list',
    );
    expect(foot!.split('\n')).toEqual([
      ...tenMedia.map((m) => m.urls.original),
      'Visibility: private (key link: https://imgpile.com/p/p000007?key=k3y)',
    ]);
    expect(buttonsOf(c)).toEqual([
      { type: 2, style: 5, label: 'Open on imgpile', url: links.post(p.slug) },
    ]);
  });

  it('spoilers an adult post and leaves out media the channel may not show', () => {
    const p = post(8, {
      media: tenMedia.map((m, i) => ({ ...m, moderation_status: i < 3 ? 'nsfw' : 'approved' })),
    });
    const message = postMessage(p, links, {
      spoiler: true,
      hide: (m) => m.moderation_status === 'nsfw',
    });
    expectEditable(message);
    const c = container(message);
    expect(galleryOf(c)).toHaveLength(7);
    expect(galleryOf(c).every((i) => i.spoiler === true)).toBe(true);
    const foot = texts(c).at(-1)!;
    expect(foot).toContain('-# 3 files are not shown here.');
    expect(foot).not.toContain(tenMedia[0]!.urls.original);
  });

  it('cuts a long description to fit', () => {
    const p = post(9, { media: tenMedia, title: '*'.repeat(255), description: '*|'.repeat(2500) });
    const message = postMessage(p, links);
    expectEditable(message);
    expect(textLength(message.components)).toBeLessThanOrEqual(4000);
    expect(galleryOf(container(message))).toHaveLength(10);
  });
});

describe('deleteConfirmation', () => {
  it('asks before deleting, as an ephemeral reply to the button', () => {
    const message = deleteConfirmation(
      { files: 3, post: true },
      { confirm: 'rehost-delete-yes:abc', cancel: 'rehost-delete-no:abc' },
    );
    const reply = { ...message, flags: message.flags | MESSAGE_FLAGS.EPHEMERAL };
    expect(validateMessage(reply, { kind: 'callback', prefix: ['data'] })).toBeNull();
    const c = container(message);
    expect(texts(c)).toEqual([
      'Delete the post and its 3 files from imgpile? This cannot be undone.',
    ]);
    expect(buttonsOf(c).map((b) => [b.label, b.style, b.custom_id])).toEqual([
      ['Delete', 4, 'rehost-delete-yes:abc'],
      ['Cancel', 2, 'rehost-delete-no:abc'],
    ]);
    // discord.js takes it with its own flag list.
    const options: InteractionReplyOptions = { components: message.components };
    expect(options.components).toHaveLength(1);
  });
});
