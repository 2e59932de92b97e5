import { afterEach, describe, expect, it } from 'vitest';
import { sealToken } from '../../src/accounts/seal.js';
import { english } from '../../src/text/index.js';
import type { FakeUser } from '../fakes/discord.js';
import { ACCOUNT_KEY, OTHER_ACCOUNT_KEY, linkAccount } from '../helpers/accounts.js';
import {
  ALICE_TOKEN,
  GALLERY,
  GENERAL,
  GUILD,
  IMGPILE_TOKEN,
  MALLORY_TOKEN,
  alice,
  bob,
  mallory,
  moderator,
} from '../helpers/cast.js';
import {
  buttonsOf,
  eventually,
  finalReply,
  pressButton,
  runImgpile,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

/** The notices a member reads once, now in the catalogue. */
const BROKEN_NOTICE = english('account.noticeBroken');
const UNREADABLE_NOTICE = english('account.noticeUnreadable');

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

async function pipeline() {
  p = await startPipeline({
    bot: true,
    env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
    imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
  });
  await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
}

let seed = 0;
const png = (name: string) =>
  p.discord.addAttachment({
    filename: name,
    content: fileBytes(3000, MAGIC.png, (seed += 1)),
    contentType: 'image/png',
  });

/** `/imgpile upload` as alice: the final reply and the interaction. */
async function upload() {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user: alice,
    path: ['upload'],
    options: { file: png('x.png') },
  });
  const reply = await finalReply(i);
  return { reply, i };
}

describe("a linked member's broken token", () => {
  it('the file is refused saying so, the account is marked broken, and later rehosts fall back without a second telling', async () => {
    await pipeline();
    p.imgpile.revokeToken(ALICE_TOKEN);
    const first = await upload();
    expect(textOf(first.reply)).toContain(
      "imgpile refused your linked account's token; link it again with `/imgpile account link`",
    );
    expect((await p.services.store.accounts.get(alice.id))?.broken).toBe(true);
    const usage = await p.services.quotas.usage({
      guildId: GUILD,
      userId: alice.id,
      account: 'user',
    });
    expect(usage.linked?.used).toBe(0);

    const second = await upload();
    expect(textOf(second.reply)).toMatch(/\/f\/\w+\.png/);
    expect(p.created().map((u) => u.user)).toEqual(['imgpile-bot']);
    expect(second.i.followUps()).toEqual([]);

    await p.services.store.settings.set(GUILD, { accounts: 'own' });
    const refused = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('y.png') },
    });
    const answer = await eventually(
      () =>
        refused.followUps()[0] ?? (refused.original()?.content ? refused.original() : undefined),
      10_000,
    );
    expect(answer.content).toMatch(/^Your linked imgpile account no longer works/);
    expect(p.created()).toHaveLength(1);
  });

  it('broken in a watched channel: the public reply says only that imgpile refused it; their next own reply tells them, once', async () => {
    await pipeline();
    const added = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    await eventually(() => added.original(), 5000);
    p.imgpile.revokeToken(ALICE_TOKEN);
    p.discord.postMessage({ channelId: GALLERY, author: alice, attachments: [png('w.png')] });
    const publicReply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
    );
    expect(textOf(publicReply)).toContain("imgpile refused the linked account's token");
    expect(textOf(publicReply)).not.toContain('/imgpile account link');

    const next = await upload();
    expect(p.created().map((u) => u.user)).toEqual(['imgpile-bot']);
    const notice = await eventually(() => next.i.followUps()[0], 5000, 'the notice');
    expect(notice.content).toBe(BROKEN_NOTICE);
    expect(notice.flags & 64).toBe(64);
    const after = await upload();
    expect(after.i.followUps()).toEqual([]);
  });

  it("on a server that rehosts to members' own accounts, a watched channel's public refusal tells no one whose account broke", async () => {
    await pipeline();
    await p.services.store.settings.set(GUILD, { accounts: 'own' });
    const added = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    await eventually(() => added.original(), 5000);
    await p.services.store.accounts.markBroken(alice.id, true);
    p.discord.postMessage({ channelId: GALLERY, author: alice, attachments: [png('w.png')] });
    const publicReply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
    );
    expect(textOf(publicReply)).toMatch(/Nothing was uploaded/);
    expect(textOf(publicReply)).not.toMatch(/your|token|no longer works/i);
    expect(p.created()).toHaveLength(0);
    // Alice is told in her own next reply, not in the channel.
    expect(await p.services.store.accounts.takeNotice(alice.id)).toBe(true);
  });
});

describe('a linked account the configured key cannot open', () => {
  let logs: Record<string, unknown>[];

  /** Alice linked, then her record sealed with a key the bot no longer has (a changed key). */
  async function unreadable() {
    logs = [];
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
      logLevel: 'error',
      logTo: { write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const lost = { current: Buffer.from(OTHER_ACCOUNT_KEY, 'base64'), previous: null };
    await p.services.store.accounts.save(
      alice.id,
      sealToken(ALICE_TOKEN, alice.id, lost),
      'alice-ip',
    );
  }

  it("is treated as broken: the file goes to the bot's account, alice is told once and privately, the key problem is logged as an error", async () => {
    await unreadable();
    const first = await upload();
    expect(textOf(first.reply)).toMatch(/\/f\/\w+\.png/);
    expect(p.created().map((u) => u.user)).toEqual(['imgpile-bot']);
    const notice = await eventually(() => first.i.followUps()[0], 5000, 'the notice');
    expect(notice.content).toBe(UNREADABLE_NOTICE);
    expect(notice.flags & 64).toBe(64);
    const problem = logs.find((l) => l.userId === alice.id && l.level === 'error');
    expect(problem?.msg).toMatch(/ACCOUNT_ENCRYPTION_KEY/);
    expect(JSON.stringify(logs)).not.toContain(ALICE_TOKEN);

    const second = await upload();
    expect(p.created().map((u) => u.user)).toEqual(['imgpile-bot', 'imgpile-bot']);
    expect(second.i.followUps()).toEqual([]);
    const status = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['account', 'status'],
    });
    const shown = await eventually(() => status.original(), 5000, 'the status');
    expect(shown.content).toContain('The bot can no longer read its token');
  });

  it("in a watched channel: the public reply says nothing of alice's account; her next own reply tells her", async () => {
    await unreadable();
    const added = runImgpile(p.discord, {
      channelId: GENERAL,
      user: moderator,
      path: ['watch', 'add'],
      options: { channel: { channel: GALLERY } },
    });
    await eventually(() => added.original(), 5000);
    p.discord.postMessage({ channelId: GALLERY, author: alice, attachments: [png('w.png')] });
    const publicReply = await eventually(
      () => p.discord.channelMessages(GALLERY).find((m) => m.message_reference),
      15_000,
    );
    expect(textOf(publicReply)).toMatch(/\/f\/\w+\.png/);
    expect(textOf(publicReply)).not.toMatch(/key|token|link it again/i);
    expect(p.created().map((u) => u.user)).toEqual(['imgpile-bot']);

    const next = await upload();
    const notice = await eventually(() => next.i.followUps()[0], 5000, 'the notice');
    expect(notice.content).toBe(UNREADABLE_NOTICE);
  });

  it("on a server that rehosts to members' own accounts: refused, privately, saying why; nothing is uploaded", async () => {
    await unreadable();
    await p.services.store.settings.set(GUILD, { accounts: 'own' });
    const refused = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('y.png') },
    });
    const answer = await eventually(
      () =>
        refused.followUps()[0] ?? (refused.original()?.content ? refused.original() : undefined),
      10_000,
    );
    expect(answer.content).toMatch(/^Your linked imgpile account could not be read by the bot/);
    expect(answer.flags & 64).toBe(64);
    expect(p.created()).toHaveLength(0);
  });
});

describe('what a member made with their own account is managed with their token', () => {
  async function command(user: FakeUser, path: string[], options: Record<string, string>) {
    const i = runImgpile(p.discord, { channelId: GENERAL, user, path, options });
    const reply = await eventually(
      () => (i.original()?.content ? i.original() : undefined),
      10_000,
    );
    expect(reply.flags & 64).toBe(64);
    return reply.content;
  }

  it("post edit and delete, media delete: imgpile's ownership decides, and its 403 is 'not yours'", async () => {
    await pipeline();
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png'), file2: png('b.png') },
    });
    await eventually(
      () => p.imgpile.posts.size === 1 && textOf(i.original()).includes('/p/'),
      15_000,
    );
    const post = [...p.imgpile.posts.values()][0]!;
    expect(post.owner).toBe('alice-ip');

    const before = p.imgpile.requests.length;
    expect(await command(bob, ['post', 'delete'], { slug: post.slug })).toMatch(
      /^That post was not uploaded through this bot/,
    );
    expect(p.imgpile.requests.length).toBe(before);

    expect(await command(alice, ['post', 'edit'], { slug: post.slug, title: 'Mine' })).toMatch(
      /^Updated/,
    );
    expect(post.title).toBe('Mine');
    expect(p.imgpile.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      authorization: `Bearer ${ALICE_TOKEN}`,
    });

    const carols = p.imgpile.seedPost({ owner: 'carol' });
    expect(await command(alice, ['media', 'delete'], { slug: carols.media.slug })).toBe(
      'That file is not yours on imgpile.',
    );
    expect(p.imgpile.media.has(carols.media.slug)).toBe(true);
    expect(await command(alice, ['post', 'delete'], { slug: post.slug })).toBe(
      `Deleted the post \`${post.slug}\`.`,
    );
    expect(p.imgpile.posts.has(post.slug)).toBe(false);
  });
});

describe("the Delete button of a rehost to the member's own account", () => {
  it("deletes with the member's token, and keeps the bot's record of the same attachment", async () => {
    await pipeline();
    const shared = png('shared.png');
    // The same attachment: rehosted to the bot's account by bob, then to alice's own account.
    const byBob = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['upload'],
      options: { file: shared },
    });
    await finalReply(byBob);
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: shared, file2: png('own.png') },
    });
    const reply = await finalReply(i);
    const own = [...p.imgpile.media.values()].filter((m) => m.owner === 'alice-ip');
    expect(own).toHaveLength(2);
    const botsCopy = [...p.imgpile.media.values()].find((m) => m.owner === 'imgpile-bot')!;

    const del = buttonsOf(reply).find((b) => b.custom_id?.startsWith('rdel:'))!;
    const ask = pressButton(p.discord, {
      user: alice,
      customId: del.custom_id!,
      message: reply,
    });
    const confirmation = await eventually(() => ask.original(), 5000, 'the confirmation');
    const confirm = buttonsOf(confirmation).find((b) => b.label === 'Delete')!;
    const yes = pressButton(p.discord, {
      user: alice,
      customId: confirm.custom_id!,
      message: confirmation,
    });
    await eventually(() => textOf(yes.original()).includes('Deleted from imgpile'), 10_000);
    for (const m of own) expect(p.imgpile.media.has(m.slug)).toBe(false);
    expect(p.imgpile.posts.size).toBe(0);
    expect(
      p.imgpile.requests
        .filter((r) => r.method === 'DELETE')
        .every((r) => r.authorization === `Bearer ${ALICE_TOKEN}`),
    ).toBe(true);
    // bob's rehost of the same attachment is still the bot's, and still known to it.
    expect(p.imgpile.media.has(botsCopy.slug)).toBe(true);
    expect(await p.services.store.ownership.getMediaOwner(botsCopy.slug)).toMatchObject({
      userId: bob.id,
    });
    expect(await p.services.store.uploads.getUpload(shared.id)).not.toBeNull();
  });
});

describe('a member who links with their own token under someone else’s username', () => {
  it("gets no hold on that user's rehosts: the real owner's rehost of the same attachment goes to their own account", async () => {
    p = await startPipeline({
      bot: true,
      env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
      imgpile: {
        users: {
          [IMGPILE_TOKEN]: 'imgpile-bot',
          [ALICE_TOKEN]: 'alice-ip',
          [MALLORY_TOKEN]: 'mallory-ip',
        },
      },
    });
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    // Mallory types alice's imgpile username, with a token of her own.
    await linkAccount(p, mallory, { username: 'alice-ip', token: MALLORY_TOKEN });
    const shared = png('alices-photo.png');
    const rehost = (user: FakeUser) =>
      finalReply(
        runImgpile(p.discord, {
          channelId: GENERAL,
          user,
          path: ['upload'],
          options: { file: shared },
        }),
      );
    await rehost(mallory);
    const mallorys = [...p.imgpile.media.values()].filter((m) => m.owner === 'mallory-ip');
    expect(mallorys).toHaveLength(1);

    const reply = textOf(await rehost(alice));
    const alices = [...p.imgpile.media.values()].filter((m) => m.owner === 'alice-ip');
    expect(alices).toHaveLength(1);
    expect(reply).toContain(alices[0]!.slug);
    expect(reply).not.toContain(mallorys[0]!.slug);
  });
});

describe('a file deleted from the member’s own account', () => {
  it('is forgotten, whichever way it was deleted: rehosting the attachment again uploads it again', async () => {
    await pipeline();
    const photo = png('again.png');
    const rehost = async () =>
      textOf(
        await finalReply(
          runImgpile(p.discord, {
            channelId: GENERAL,
            user: alice,
            path: ['upload'],
            options: { file: photo },
          }),
        ),
      );
    const ownMedia = () => [...p.imgpile.media.values()].filter((m) => m.owner === 'alice-ip');
    await rehost();
    const [first] = ownMedia();
    // Deleted with /imgpile media delete (her token: imgpile decides).
    const del = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['media', 'delete'],
      options: { slug: first!.slug },
    });
    expect(await eventually(() => del.original()?.content || undefined, 10_000)).toBe(
      `Deleted the file \`${first!.slug}\`.`,
    );
    expect(ownMedia()).toHaveLength(0);

    const again = await rehost();
    const [second] = ownMedia();
    expect(second).toBeDefined();
    expect(again).toContain(second!.slug);
    expect(again).not.toContain(first!.slug);
  });
});

describe("a rehost to the member's own account", () => {
  it("spends nothing of the bot's imgpile budget on its reply: no read with the bot's token", async () => {
    await pipeline();
    const before = p.imgpile.requests.length;
    const { reply } = await upload();
    expect(textOf(reply)).toMatch(/Rehosted/);
    const sent = p.imgpile.requests.slice(before);
    expect(sent.filter((r) => r.user === 'alice-ip').length).toBeGreaterThan(0);
    expect(sent.filter((r) => r.authorization === `Bearer ${IMGPILE_TOKEN}`)).toEqual([]);
  });
});
