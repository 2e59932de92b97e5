import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { PERMISSIONS, type FakeUser } from '../fakes/discord.js';
import { ACCOUNT_KEY, linkAccount } from '../helpers/accounts.js';
import {
  ALICE_TOKEN,
  GALLERY,
  GENERAL,
  GUILD,
  IMGPILE_TOKEN,
  MODERATOR_ROLE,
  OTHER_GUILD,
  alice,
  bob,
  moderator,
} from '../helpers/cast.js';
import { typeInImgpile } from '../helpers/autocomplete.js';
import { eventually, runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

/** The bot's commands registered with the local Discord, which then checks every option typed in. */
async function start(env: Record<string, string> = {}) {
  p = await startPipeline({
    bot: true,
    env,
    imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
  });
  const res = await fetch(
    `${p.discord.apiUrl}/v10/applications/${p.discord.applicationId}/commands`,
    {
      method: 'PUT',
      headers: { authorization: `Bot ${p.discord.botToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(commands.map((c) => c.data)),
    },
  );
  expect(res.status).toBe(200);
}

/** What a member is offered while typing `typed` in `focus` of `/imgpile <path>`. */
async function offered(user: FakeUser, path: string[], focus: string, typed = '') {
  const i = typeInImgpile(p.discord, { channelId: GENERAL, user, path, focus, typed });
  const choices = await eventually(() => i.choices(), 5000, 'the choices');
  expect(i.callbackType()).toBe(8);
  return choices;
}
const values = (choices: { value: unknown }[]) => choices.map((c) => String(c.value));

let seed = 0;
/** One file (or a post of it) rehosted for `user` with the bot's account; its slug. */
async function rehost(user: FakeUser, post = false): Promise<string> {
  const att = p.discord.addAttachment({
    filename: `f${seed}.png`,
    content: fileBytes(2000, MAGIC.png, (seed += 1)),
    contentType: 'image/png',
  });
  const requester = { guildId: GUILD, channelId: GENERAL, userId: user.id };
  const result = await p.waitForResult(
    (await p.enqueue({ attachments: [att], requester, ...(post ? { post: {} } : {}) })).requestId,
  );
  const file = result.files[0]!;
  if (file.status !== 'uploaded') throw new Error(file.reason);
  return post && result.post?.status === 'created' ? result.post.slug : file.media.slug;
}

describe('autocomplete', () => {
  it("offers a member's own rehosts as post and media slugs, nobody else's, with no imgpile call", async () => {
    await start();
    const media = [await rehost(alice), await rehost(alice)];
    const post = await rehost(alice, true);
    const bobs = await rehost(bob);
    const before = p.imgpile.requests.length;

    expect(values(await offered(alice, ['post', 'view'], 'slug'))).toEqual([post]);
    const files = values(await offered(alice, ['media', 'delete'], 'slug'));
    expect(files).toEqual(expect.arrayContaining(media));
    expect(files).not.toContain(bobs);
    expect(
      values(await offered(alice, ['media', 'delete'], 'slug', media[0]!.slice(0, 5))),
    ).toEqual([media[0]]);
    // A pasted link of the member's own file finds it.
    const link = `${p.imgpile.cdnOrigin}/f/${media[1]}_md.png`;
    expect(values(await offered(alice, ['media', 'delete'], 'slug', link))).toEqual([media[1]]);
    for (const path of [
      ['post', 'edit'],
      ['post', 'delete'],
    ])
      expect(values(await offered(alice, path, 'slug'))).toEqual([post]);

    expect(values(await offered(bob, ['post', 'view'], 'slug'))).toEqual([]);
    expect(values(await offered(bob, ['media', 'delete'], 'slug'))).toEqual([bobs]);
    expect(p.imgpile.requests.length).toBe(before);
  });

  it('never answers with more than Discord takes: 25 choices, names cut to 100', async () => {
    await start();
    const tx = p.services.redis.multi();
    for (let n = 0; n < 40; n++)
      p.services.store.mine.add(tx, alice.id, { kind: 'post', slug: `post${n}`, ext: null });
    await tx.exec();
    const choices = await offered(alice, ['post', 'view'], 'slug');
    expect(choices).toHaveLength(25);
    for (const c of choices) expect([...c.name].length).toBeLessThanOrEqual(100);
  });

  it("a linked account's posts and follows come from a copy read at most once a minute, off the keystroke", async () => {
    await start({ ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const own = p.imgpile.seedPost({ owner: 'alice-ip', title: 'Holiday' });
    const carols = p.imgpile.seedPost({ owner: 'carol', title: 'Not hers' });
    p.imgpile.follows.set('alice-ip', new Set(['carol']));
    const reads = () =>
      p.imgpile.requests.filter((r) => r.path.startsWith('/api/v1/users/')).length;
    const linking = reads();

    await offered(alice, ['post', 'view'], 'slug');
    const posts = await eventually(async () => {
      const v = values(await offered(alice, ['post', 'view'], 'slug', 'holi'));
      return v.length > 0 ? v : undefined;
    }, 5000);
    expect(posts).toEqual([own.post.slug]);
    expect(values(await offered(alice, ['media', 'delete'], 'slug'))).toEqual([own.media.slug]);
    expect(values(await offered(alice, ['user'], 'username', 'car'))).toEqual(['carol']);
    for (let n = 0; n < 20; n++) await offered(alice, ['post', 'view'], 'slug', `h${n}`);
    // Its posts, media and follows, once.
    expect(reads() - linking).toBe(3);
    expect(JSON.stringify(await offered(alice, ['post', 'view'], 'slug'))).not.toContain(
      carols.post.slug,
    );
    // Another member is offered none of it.
    expect(await offered(bob, ['post', 'view'], 'slug')).toEqual([]);
    expect(await offered(bob, ['user'], 'username')).toEqual([]);

    // Unlinked: the account's copy goes at once.
    const unlink = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['account', 'unlink'],
    });
    await eventually(() => unlink.original()?.content || undefined, 5000, 'the unlink');
    expect(await offered(alice, ['post', 'view'], 'slug')).toEqual([]);
    expect(await offered(alice, ['user'], 'username')).toEqual([]);
  });

  it('offers the authors and tags the member saw in feeds and profiles, to them alone', async () => {
    await start();
    p.imgpile.seedPost({ owner: 'carol', title: 'Cat', tags: ['cats'] });
    p.imgpile.seedPost({ owner: 'dave', title: 'Dog', tags: ['dogs'] });
    const feed = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['feed'],
      options: { tag: 'cats' },
    });
    await eventually(() => feed.original()?.components.length || undefined, 5000, 'the feed');
    const nothing = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['feed'],
      options: { tag: 'nosuchtag' },
    });
    await eventually(
      () => nothing.original()?.components.length || undefined,
      5000,
      'the empty feed',
    );

    expect(values(await offered(alice, ['feed'], 'tag'))).toEqual(['cats']);
    expect(values(await offered(alice, ['feed'], 'user'))).toEqual(['carol']);
    expect(values(await offered(alice, ['user'], 'username', 'CAR'))).toEqual(['carol']);
    expect(values(await offered(alice, ['user'], 'username', 'zzz'))).toEqual([]);
    expect(await offered(bob, ['feed'], 'tag')).toEqual([]);
    expect(await offered(bob, ['feed'], 'user')).toEqual([]);
  });

  it('watch remove offers the watched channels, a deleted one too, to members who manage watches only', async () => {
    await start();
    const add = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    await eventually(() => add.original()?.content || undefined, 5000, 'the watch');
    const gone = '1100000000000009999';
    await p.services.store.watches.set(GUILD, gone, { mode: 'media', visibility: 'hidden' });

    const choices = await offered(moderator, ['watch', 'remove'], 'watched');
    expect(choices.map((c) => [c.name, c.value])).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^#/), GALLERY],
        [`${gone} (channel not found)`, gone],
      ]),
    );
    expect(values(await offered(moderator, ['watch', 'remove'], 'watched', 'not found'))).toEqual([
      gone,
    ]);
    expect(await offered(bob, ['watch', 'remove'], 'watched')).toEqual([]);

    const answer = async (options: Record<string, string>) => {
      const i = runImgpile(p.discord, {
        channelId: GENERAL,
        user: moderator,
        path: ['watch', 'remove'],
        options,
      });
      return (await eventually(() => i.original(), 5000, 'the answer')).content;
    };
    expect(await answer({ watched: gone })).toBe(`Stopped watching <#${gone}>.`);
    expect(await p.services.store.watches.get(GUILD, gone)).toBeNull();
    // Another server's watched channel, its id typed: untouched.
    const elsewhere = '1100000000000008888';
    await p.services.store.watches.set(OTHER_GUILD, elsewhere, {
      mode: 'media',
      visibility: 'hidden',
    });
    expect(await answer({ watched: elsewhere })).toBe(`<#${elsewhere}> was not watched.`);
    expect(await p.services.store.watches.get(OTHER_GUILD, elsewhere)).not.toBeNull();
    const index = `${p.services.config.redisPrefix}:watched`;
    expect(await p.services.redis.hget(index, elsewhere)).toBe(OTHER_GUILD);
    expect(await answer({ watched: '#general; DROP' })).toMatch(/^Give the channel/);
    expect(await answer({})).toMatch(/^Give the channel/);
  });
});

describe('watched channels a manager cannot see', () => {
  it('watch list and the watched choices leave out a channel the member cannot see, and count it', async () => {
    await start();
    const run = async (path: string[], options: Record<string, { channel: string }> = {}) => {
      const i = runImgpile(p.discord, { channelId: GENERAL, user: moderator, path, options });
      return (await eventually(() => i.original(), 5000, 'the answer')).content;
    };
    expect(await run(['watch', 'add'], { channel: { channel: GALLERY } })).toMatch(/^Watching/);
    expect(await run(['watch', 'add'], { channel: { channel: GENERAL } })).toMatch(/^Watching/);
    const gone = '1100000000000009999';
    await p.services.store.watches.set(GUILD, gone, { mode: 'media', visibility: 'hidden' });
    // Manage Server does not show every channel: View Channel is now denied to the moderators.
    p.discord.setOverwrites(GALLERY, [
      { id: MODERATOR_ROLE, type: 0, deny: PERMISSIONS.VIEW_CHANNEL },
    ]);
    // CHANNEL_UPDATE reaches the bot: its own cache denies the moderator the channel.
    await eventually(
      () => {
        const channel = p.bot!.client.channels.cache.get(GALLERY);
        const seen =
          channel && 'permissionOverwrites' in channel
            ? channel.permissionOverwrites.cache.has(MODERATOR_ROLE)
            : false;
        return seen || undefined;
      },
      5000,
      'the overwrite to reach the bot',
    );

    const list = await run(['watch', 'list']);
    expect(list).not.toContain(GALLERY);
    expect(list).toContain(`<#${GENERAL}>`);
    expect(list).toContain(`<#${gone}>`); // deleted: listed by its id, which names nothing
    expect(list).toMatch(/and 1 watched channel you cannot see\.?$/m);

    const choices = await offered(moderator, ['watch', 'remove'], 'watched');
    expect(values(choices).sort()).toEqual([GENERAL, gone].sort());
    expect(choices.map((c) => c.name).join(' ')).not.toMatch(/gallery/);
    expect(await offered(moderator, ['watch', 'remove'], 'watched', 'gall')).toEqual([]);
  });
});
