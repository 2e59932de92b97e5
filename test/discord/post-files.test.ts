import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../fakes/discord.js';
import { ACCOUNT_KEY, linkAccount } from '../helpers/accounts.js';
import {
  AFTER_DARK,
  ALICE_TOKEN,
  GENERAL,
  GUILD,
  IMGPILE_TOKEN,
  alice,
  bob,
  moderator,
} from '../helpers/cast.js';
import { eventually, finalReply, runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

let seed = 500;
const png = (name: string) =>
  p.discord.addAttachment({
    filename: name,
    content: fileBytes(3000, MAGIC.png, (seed += 1)),
    contentType: 'image/png',
  });

type Options = NonNullable<Parameters<typeof runImgpile>[1]['options']>;

async function command(user: FakeUser, path: string[], options: Options) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user, path, options });
  const reply = await eventually(() => (i.original()?.content ? i.original() : undefined), 10_000);
  expect(reply.flags & 64).toBe(64);
  return reply.content;
}

/** A post of three files made through the bot by alice: the post and its files' slugs. */
async function threeFilePost() {
  await finalReply(
    runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png'), file2: png('b.png'), file3: png('c.png') },
    }),
  );
  const post = [...p.imgpile.posts.values()].at(-1)!;
  return { post, files: [...post.media] };
}

describe('/imgpile post edit order:', () => {
  it('puts the named files first, in order, the others after as they were', async () => {
    p = await startPipeline({ bot: true });
    const { post, files } = await threeFilePost();
    const [a, b, c] = files;
    expect(await command(alice, ['post', 'edit'], { slug: post.slug, order: '3 1' })).toMatch(
      /^Updated: /,
    );
    expect(post.media).toEqual([c, a, b]);
    expect(p.imgpile.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      authorization: `Bearer ${IMGPILE_TOKEN}`,
    });
    expect(await command(alice, ['post', 'edit'], { slug: post.slug, order: '1' })).toBe(
      'The files are already in that order: nothing changed.',
    );
  });

  it('only the member the post was made for: not another member, not a moderator; nothing is sent', async () => {
    p = await startPipeline({ bot: true });
    const { post, files } = await threeFilePost();
    const before = p.imgpile.requests.length;
    for (const user of [bob, moderator])
      expect(await command(user, ['post', 'edit'], { slug: post.slug, order: '3' })).toBe(
        'Only the person the bot made that post for can change its files (a moderator can edit or delete it).',
      );
    expect(p.imgpile.requests.length).toBe(before);
    expect(post.media).toEqual(files);
  });

  it('refuses numbers out of range, repeated, or not numbers, saying what it takes', async () => {
    p = await startPipeline({ bot: true });
    const { post, files } = await threeFilePost();
    for (const order of ['4', '1 1', 'a b', '0'])
      expect(await command(alice, ['post', 'edit'], { slug: post.slug, order })).toBe(
        'Give file numbers from 1 to 3, each at most once, separated by spaces or commas (e.g. "3 1").',
      );
    expect(post.media).toEqual(files);
    expect(p.imgpile.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it("a linked member's own post is reordered with their token; another user's is 'not yours on imgpile'", async () => {
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const { post, files } = await threeFilePost();
    expect(post.owner).toBe('alice-ip');
    await command(alice, ['post', 'edit'], { slug: post.slug, order: '2' });
    expect(post.media).toEqual([files[1], files[0], files[2]]);
    expect(p.imgpile.requests.at(-1)).toMatchObject({ authorization: `Bearer ${ALICE_TOKEN}` });

    const carols = p.imgpile.seedPost({ owner: 'carol' }).post;
    const { post: other, media } = p.imgpile.seedPost({ owner: 'carol' });
    p.imgpile.posts.delete(other.slug);
    media.postId = carols.id;
    carols.media.push(media.slug);
    const theirs = [...carols.media];
    expect(await command(alice, ['post', 'edit'], { slug: carols.slug, order: '2' })).toBe(
      'That post is not yours on imgpile.',
    );
    expect(carols.media).toEqual(theirs);
  });
});

describe('/imgpile media add slug file …', () => {
  it("uploads the files into the member's own post (imgpile's post_id), after its files", async () => {
    p = await startPipeline({ bot: true });
    const { post, files } = await threeFilePost();
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['media', 'add'],
      options: { slug: post.slug, file: png('d.png') },
    });
    await finalReply(i);
    expect(post.media).toHaveLength(4);
    expect(post.media.slice(0, 3)).toEqual(files);
    const added = p.imgpile.media.get(post.media[3]!)!;
    expect(added.postId).toBe(post.id);
    expect(p.imgpile.requests.filter((r) => r.host === 'upload').at(-1)).toMatchObject({
      authorization: `Bearer ${IMGPILE_TOKEN}`,
    });
  });

  it('hostile: files added to a private post are answered to the member alone, never in the channel', async () => {
    p = await startPipeline({ bot: true });
    await finalReply(
      runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['upload'],
        options: { file: png('p1.png'), file2: png('p2.png'), visibility: 'private' },
      }),
    );
    const post = [...p.imgpile.posts.values()].at(-1)!;
    expect(post.visibility).toBe('private');
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['media', 'add'],
      options: { slug: post.slug, file: png('p3.png') },
    });
    const reply = await finalReply(i);
    expect(post.media).toHaveLength(3);
    expect(reply.flags & 64).toBe(64);
    expect(
      p.discord
        .channelMessages(GENERAL)
        .map((m) => JSON.stringify(m))
        .join(''),
    ).not.toContain(post.media[2]!);
  });

  it('hostile: adult files (from an age-restricted channel) are not added to a post that is not marked adult', async () => {
    p = await startPipeline({ bot: true });
    const { post } = await threeFilePost();
    const before = p.imgpile.requests.filter((r) => r.host === 'upload').length;
    const i = runImgpile(p.discord, {
      channelId: AFTER_DARK,
      user: alice,
      path: ['media', 'add'],
      options: { slug: post.slug, file: png('night.png') },
    });
    const reply = await eventually(() => i.original()?.content || null, 10_000, 'the answer');
    expect(reply).toBe(
      'Files from an age-restricted channel, or marked as spoilers, are adult content: mark the post adult first (`/imgpile post edit`, nsfw = True), then add them.',
    );
    expect(post.media).toHaveLength(3);
    expect(p.imgpile.requests.filter((r) => r.host === 'upload').length).toBe(before);
    expect(await p.requestsQueue.getJobCountByTypes('wait', 'active', 'delayed')).toBe(0);
  });

  it('refuses another member’s post (and a moderator), queueing nothing', async () => {
    p = await startPipeline({ bot: true });
    const { post } = await threeFilePost();
    const before = p.imgpile.requests.length;
    for (const user of [bob, moderator])
      expect(await command(user, ['media', 'add'], { slug: post.slug, file: png('x.png') })).toBe(
        'Only the person the bot made that post for can change its files (a moderator can edit or delete it).',
      );
    expect(p.imgpile.requests.length).toBe(before);
    expect(post.media).toHaveLength(3);
  });

  it("a linked member cannot add to another user's post: the bot says whose it is, the post stays", async () => {
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const carols = p.imgpile.seedPost({ owner: 'carol' }).post;
    expect(
      await command(alice, ['media', 'add'], { slug: carols.slug, file: png('mine.png') }),
    ).toMatch(/^That post belongs to another imgpile account/);
    expect(carols.media).toHaveLength(1);
  });

  it('a post of another imgpile account than the one linked: it says so plainly, and uploads nothing', async () => {
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    // Made on imgpile by another account (alice's earlier one, or anyone's): no record of the bot.
    const older = p.imgpile.seedPost({ owner: 'alice-old' }).post;
    const uploads = () => p.imgpile.requests.filter((r) => r.host === 'upload').length;
    const before = uploads();
    // Answered to alice alone, as every media add is.
    expect(await command(alice, ['media', 'add'], { slug: older.slug, file: png('new.png') })).toBe(
      'That post belongs to another imgpile account, not the one you have linked: files can only be added to your linked account’s own posts.',
    );
    expect(await p.requestsQueue.getJobCountByTypes('wait', 'active', 'completed', 'failed')).toBe(
      0,
    );
    expect(uploads()).toBe(before);
    expect(older.media).toHaveLength(1);
  });

  it("a post the bot made before the member linked their account: it says the post is the bot's account's, and uploads nothing", async () => {
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    const { post } = await threeFilePost();
    expect(post.owner).toBe('imgpile-bot');
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const uploads = () => p.imgpile.requests.filter((r) => r.host === 'upload').length;
    const before = uploads();
    expect(await command(alice, ['media', 'add'], { slug: post.slug, file: png('late.png') })).toBe(
      "That post belongs to the bot's imgpile account, and your files now go to the account you have linked: imgpile adds files only to a post of the same account.",
    );
    expect(uploads()).toBe(before);
    expect(post.media).toHaveLength(3);
  });

  it("the member's own account's post where the server sends files to the bot's account: it says so, and uploads nothing", async () => {
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const { post } = await threeFilePost();
    expect(post.owner).toBe('alice-ip');
    await p.services.store.settings.set(GUILD, { accounts: 'bot' });
    const uploads = () => p.imgpile.requests.filter((r) => r.host === 'upload').length;
    const before = uploads();
    expect(await command(alice, ['media', 'add'], { slug: post.slug, file: png('here.png') })).toBe(
      "That post belongs to your linked imgpile account, but this server sends files to the bot's account: imgpile adds files only to a post of the same account.",
    );
    expect(uploads()).toBe(before);
    expect(post.media).toHaveLength(3);
  });
});
