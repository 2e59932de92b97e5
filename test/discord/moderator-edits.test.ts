import { afterEach, describe, expect, it } from 'vitest';
import { GENERAL, alice, moderator } from '../helpers/cast.js';
import { eventually, finalReply, runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

/**
 * A member with Manage Messages moderates what the bot made for others (title, description,
 * the adult mark, delete), but a post's privacy stays its maker's: its visibility, its key and
 * its adult mark taken off.
 */

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

let seed = 900;
const png = (name: string) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, (seed += 1)) });

/** alice's private post of two files, made through the bot. */
async function alicesPrivatePost() {
  await finalReply(
    runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png'), file2: png('b.png'), visibility: 'private' },
    }),
  );
  const post = [...p.imgpile.posts.values()].at(-1)!;
  expect(post.visibility).toBe('private');
  return post;
}

async function edit(options: Record<string, string | boolean>) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: moderator,
    path: ['post', 'edit'],
    options,
  });
  const reply = await eventually(() => i.original()?.content || null, 5000, 'the answer');
  return reply;
}

describe('a moderator edits a post the bot made for another member', () => {
  it('hostile: a title edit of a private post does not give the moderator its key', async () => {
    p = await startPipeline({ bot: true });
    const post = await alicesPrivatePost();
    const answer = await edit({ slug: post.slug, title: 'Moderated' });
    expect(post.title).toBe('Moderated');
    expect(answer).toMatch(/^Updated/);
    expect(answer).not.toContain(post.accessKey!);
  });

  it('hostile: making it public (or taking its adult mark off) is refused, and nothing is sent', async () => {
    p = await startPipeline({ bot: true });
    const post = await alicesPrivatePost();
    const before = p.imgpile.requests.length;
    for (const options of [
      { visibility: 'public' },
      { visibility: 'hidden' },
      { nsfw: false },
    ] as Record<string, string | boolean>[])
      expect(await edit({ slug: post.slug, ...options })).toBe(
        'Only the person the bot made that post for can change its visibility or take its adult mark off (a moderator can edit its title and description, mark it adult, or delete it).',
      );
    expect(p.imgpile.requests.length).toBe(before);
    expect(post.visibility).toBe('private');
    // Marking it adult is moderation: allowed.
    expect(await edit({ slug: post.slug, nsfw: true })).toMatch(/^Updated/);
    expect(post.isNsfw).toBe(true);
  });
});
