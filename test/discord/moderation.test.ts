import { afterEach, describe, expect, it } from 'vitest';
import { GALLERY, GENERAL, alice, bob, moderator } from '../helpers/cast.js';
import {
  eventually,
  finalReply,
  galleryUrlsOf,
  runImgpile,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

/** imgpile's moderation has not decided yet when an upload is answered. */
const PENDING = { moderate: () => 'pending' as const };

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

/** The gallery items of a V2 message (their url and spoiler flag). */
function itemsOf(message: { components?: unknown[] } | null | undefined) {
  const items: { media: { url: string }; spoiler?: boolean }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const c = node as Record<string, unknown>;
    if (c.type === 12 && Array.isArray(c.items)) items.push(...(c.items as typeof items));
    walk(c.components);
  };
  walk(message?.components);
  return items;
}

async function watch(channel: string) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: moderator,
    path: ['watch', 'add'],
    options: { channel: { channel } },
  });
  await eventually(() => i.original()?.content.startsWith('Watching'), 5000, 'the watch');
}

describe("imgpile's moderation verdicts carried back", () => {
  it('a file that comes back pending and is then found adult is spoilered in the reply, and its post flagged', async () => {
    p = await startPipeline({ bot: true, imgpile: PENDING });
    await watch(GALLERY); // hidden by default: the file goes into a post
    p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [png('beach.png')] });
    const reply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
      'the reply',
    );
    expect(itemsOf(reply)[0]!.spoiler).toBeUndefined();
    const post = [...p.imgpile.posts.values()][0]!;
    expect(post.isNsfw).toBe(false);
    p.imgpile.setMediaModeration(p.created()[0]!.slug, 'nsfw');
    await eventually(
      () => itemsOf(p.discord.messages.get(reply.id))[0]?.spoiler === true,
      20_000,
      'the spoilered reply',
    );
    await eventually(() => post.isNsfw, 5_000, 'the post flagged');
    // The link stays: adult content is still the member's file.
    expect(textOf(p.discord.messages.get(reply.id))).toContain(`/f/${p.created()[0]!.slug}`);
  });

  it('a file imgpile rejects loses its picture and link, and the reply says imgpile removed it', async () => {
    p = await startPipeline({ bot: true, imgpile: PENDING });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('ok.png', 1), file2: png('spam.png', 2) },
    });
    const first = await finalReply(i);
    expect(galleryUrlsOf(first)).toHaveLength(2);
    const [ok, spam] = p.created();
    p.imgpile.setMediaModeration(ok!.slug, 'approved');
    p.imgpile.setMediaModeration(spam!.slug, 'rejected');
    const edited = await eventually(
      () => (galleryUrlsOf(i.original()).length === 1 ? i.original() : null),
      20_000,
      'the reply without the rejected file',
    );
    expect(galleryUrlsOf(edited)[0]).toContain(ok!.slug);
    const text = textOf(edited);
    expect(text).not.toContain(spam!.slug);
    expect(text).toContain("spam.png`: imgpile's moderation removed it");
    expect(text).toContain(ok!.slug);
  });

  it('an approved upload is not followed for a verdict', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: {
        file: p.discord.addAttachment({
          filename: 'a.mp4',
          content: fileBytes(3000, MAGIC.mp4, 5),
        }),
      },
    });
    await finalReply(i);
    // The first look would come 2 s after the reply.
    await new Promise((r) => setTimeout(r, 3_000));
    const reads = p.imgpile.requests.filter(
      (r) => r.method === 'GET' && r.path.includes('/media/'),
    );
    expect(reads).toHaveLength(0);
  });

  it('a video (no sized variants to wait for) that comes back pending is still followed until imgpile decides', async () => {
    p = await startPipeline({ bot: true, imgpile: PENDING });
    const clip = p.discord.addAttachment({
      filename: 'clip.mp4',
      content: fileBytes(3000, MAGIC.mp4, 6),
    });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: clip },
    });
    await finalReply(i);
    const [video] = p.created();
    expect(textOf(i.original())).toContain(video!.slug);
    p.imgpile.setMediaModeration(video!.slug, 'rejected');
    await eventually(
      () => !textOf(i.original()).includes(video!.slug),
      20_000,
      'the reply without the rejected video',
    );
    expect(textOf(i.original())).toContain("imgpile's moderation removed it");
  });
});
