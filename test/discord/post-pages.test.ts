import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../fakes/discord.js';
import type { PostRec } from '../fakes/imgpile/types.js';
import { GENERAL, alice, bob } from '../helpers/cast.js';
import {
  buttonsOf,
  eventually,
  galleryUrlsOf,
  pressButton,
  runImgpile,
  textOf,
} from '../helpers/interactions.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

type Message = { id: string; content: string; flags: number; components: unknown[] };

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

/** A post of carol's with `count` files, in order. */
function bigPost(count: number, visibility: 'public' | 'private' = 'public'): PostRec {
  const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'album', visibility });
  for (let n = 1; n < count; n++) {
    const { post: tmp, media } = p.imgpile.seedPost({ owner: 'carol' });
    p.imgpile.posts.delete(tmp.slug);
    media.postId = post.id;
    post.media.push(media.slug);
  }
  return post;
}

async function view(user: FakeUser, options: Record<string, string>) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user, path: ['post', 'view'], options });
  return (await eventually(
    () => (i.original()?.components?.length ? i.original() : undefined),
    5000,
    'the post view',
  )) as unknown as Message;
}

const idOf = (m: Message, label: string) =>
  buttonsOf(m).find((b) => b.label === label && b.custom_id)?.custom_id;

/** Presses `customId` on `message` as `user`: the edited message, or the ephemeral answer. */
async function press(user: FakeUser, message: Message, customId: string) {
  const i = pressButton(p.discord, { user, customId, message });
  return eventually(
    () => {
      const edit = i.calls().find((c) => c.method === 'PATCH');
      if (edit) return { edited: edit.body as Message };
      const own = i.original();
      return own?.content ? { answer: own.content } : undefined;
    },
    5000,
    customId,
  );
}

const urlsOf = (post: PostRec, from: number, to: number) =>
  post.media.slice(from, to).map((slug) => `${p.imgpile.cdnOrigin}/f/${slug}_md.jpg`);

describe('post view of more than 10 files', () => {
  it('pages through every file with Previous and Next instead of cutting them silently', async () => {
    p = await startPipeline({ bot: true });
    const post = bigPost(23);
    const first = await view(bob, { slug: post.slug });
    expect(textOf(first)).toContain('Files, page 1 of 3');
    expect(galleryUrlsOf(first)).toEqual(urlsOf(post, 0, 10));
    expect(buttonsOf(first).find((b) => b.label === 'Previous')?.disabled).toBe(true);

    const second = await press(bob, first, idOf(first, 'Next')!);
    expect(textOf(second.edited)).toContain('Files, page 2 of 3');
    expect(galleryUrlsOf(second.edited)).toEqual(urlsOf(post, 10, 20));
    // The same message, as the bot edited it.
    const third = await press(bob, first, idOf(second.edited!, 'Next')!);
    expect(galleryUrlsOf(third.edited)).toEqual(urlsOf(post, 20, 23));
    expect(buttonsOf(third.edited).find((b) => b.label === 'Next')?.disabled).toBe(true);
  });

  it('a post of 10 files or fewer has no pages', async () => {
    p = await startPipeline({ bot: true });
    const post = bigPost(10);
    const shown = await view(bob, { slug: post.slug });
    expect(textOf(shown)).not.toContain('Files, page');
    expect(idOf(shown, 'Next')).toBeUndefined();
  });

  it('only its opener pages a view; Discord refuses a forged view id, an expired view is out of date', async () => {
    p = await startPipeline({ bot: true });
    const post = bigPost(12);
    const shown = await view(bob, { slug: post.slug });
    const next = idOf(shown, 'Next')!;
    const other = await press(alice, shown, next);
    expect(other.answer).toBe(
      'Only the person who opened this view can page it. Run `/imgpile post view` for your own.',
    );
    // A forged view id is on no message the bot sent: Discord refuses it.
    const forged = next.replace(/^pview:\d+:/, 'pview:1234567890123:');
    expect(() => pressButton(p.discord, { user: bob, customId: forged, message: shown })).toThrow(
      /no component/,
    );
    // The real button, once its view's state has expired: out of date.
    const viewId = next.split(':')[1]!;
    const redis = p.services.redis;
    for (const k of await redis.keys(`*:post-view:${viewId}`)) await redis.del(k);
    const expired = await press(bob, shown, next);
    expect(expired.answer).toBe('This view has expired. Run `/imgpile post view` again.');
  });

  it("a private post's key stays server-side: never in a button id, and its pages still open", async () => {
    p = await startPipeline({ bot: true });
    const post = bigPost(15, 'private');
    const key = post.accessKey!;
    const shown = await view(bob, { slug: post.slug, key });
    expect(shown.flags & 64).toBe(64);
    const ids = buttonsOf(shown).map((b) => b.custom_id ?? '');
    expect(ids.some((id) => id.startsWith('pview:'))).toBe(true);
    for (const id of ids) expect(id).not.toContain(key);
    const second = await press(bob, shown, idOf(shown, 'Next')!);
    expect(galleryUrlsOf(second.edited)).toEqual(urlsOf(post, 10, 15));
    const reads = p.imgpile.requests.filter((r) => r.path === `/api/v1/posts/${post.slug}`);
    expect(reads.at(-1)?.query).toContain(`key=${key}`);
  });
});

describe('video thumbnails', () => {
  it('a feed card previews a video by its still thumbnail; post view plays the video itself', async () => {
    p = await startPipeline({ bot: true });
    const { post, media } = p.imgpile.seedPost({ owner: 'carol', title: 'clip' });
    media.type = 'video/mp4';
    media.ext = 'mp4';
    const feed = runImgpile(p.discord, { channelId: GENERAL, user: bob, path: ['feed'] });
    const page = await eventually(
      () => (feed.original()?.components?.length ? feed.original() : undefined),
      5000,
    );
    expect(galleryUrlsOf(page)).toEqual([`${p.imgpile.cdnOrigin}/f/${media.slug}_thumb.jpg`]);
    const shown = await view(bob, { slug: post.slug });
    expect(galleryUrlsOf(shown)).toEqual([`${p.imgpile.cdnOrigin}/f/${media.slug}.mp4`]);
  });
});
