import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../fakes/discord.js';
import { ACCOUNT_KEY, linkAccount } from '../helpers/accounts.js';
import {
  ALICE_TOKEN,
  GENERAL,
  IMGPILE_TOKEN,
  MALLORY_TOKEN,
  alice,
  bob,
  mallory,
} from '../helpers/cast.js';
import {
  buttonsOf,
  eventually,
  pressButton,
  runImgpile,
  submitModal,
} from '../helpers/interactions.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

type Message = { id: string; content: string; flags: number; components: unknown[] };

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

async function pipeline() {
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
  await linkAccount(p, mallory, { username: 'mallory-ip', token: MALLORY_TOKEN });
}

async function postView(user: FakeUser, slug: string) {
  const i = runImgpile(p.discord, {
    channelId: GENERAL,
    user,
    path: ['post', 'view'],
    options: { slug },
  });
  return (await eventually(
    () => (i.original()?.components?.length ? i.original() : undefined),
    5000,
  )) as unknown as Message;
}

const idOf = (m: Message, label: RegExp) => {
  const b = buttonsOf(m).find((x) => label.test(x.label ?? ''));
  if (!b?.custom_id) throw new Error(`no button ${String(label)}`);
  return b.custom_id;
};
const labels = (m: Message) => buttonsOf(m).map((b) => b.label);

/** Presses as `user`: its ephemeral answer. */
async function press(user: FakeUser, message: Message, customId: string) {
  const i = pressButton(p.discord, { user, customId, message });
  return (await eventually<unknown>(
    () => (i.original()?.content ? i.original() : undefined),
    5000,
    customId,
  )) as Message;
}

/** Presses a page button as `user`: the list as edited in place. */
async function turn(user: FakeUser, message: Message, customId: string) {
  const i = pressButton(p.discord, { user, customId, message });
  const edit = await eventually(() => i.calls().find((c) => c.method === 'PATCH'), 5000, customId);
  return edit.body as Message;
}

async function comment(user: FakeUser, slug: string, content: string, on: Message) {
  const opened = pressButton(p.discord, {
    user,
    customId: idOf(on, /Comment$/),
    message: on,
  });
  const modal = (await eventually(() => opened.modal(), 5000)) as { custom_id: string };
  expect(modal.custom_id).toBe(`comment:${slug}`);
  const submitted = submitModal(p.discord, {
    channelId: GENERAL,
    user,
    customId: modal.custom_id,
    values: { content },
    message: on,
  });
  await eventually(() => submitted.original()?.content || undefined, 5000, 'the comment');
}

describe('comments in post view', () => {
  it('lists the comments written through the bot; only the writer gets Delete, and only theirs is deleted', async () => {
    await pipeline();
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'sunset' });
    const view = await postView(bob, post.slug);
    await comment(alice, post.slug, 'Lovely light.', view);
    const [written] = [...p.imgpile.comments.values()];

    const bobs = await press(bob, view, idOf(view, /Comments$/));
    expect(bobs.flags & 64).toBe(64);
    expect(bobs.content).toBe(
      `Comments written through this bot, newest first (page 1 of 1):\n1. <@${alice.id}>: Lovely light.`,
    );
    expect(labels(bobs)).toEqual(['▲ 1', '▼ 1']);

    // Bob forges alice's Delete: it is on no message the bot showed him, and alice's own list
    // is ephemeral (hers alone): Discord refuses both presses, nothing is sent to imgpile.
    const alices = await press(alice, view, idOf(view, /Comments$/));
    const before = p.imgpile.requests.length;
    const forgedId = `cmt:del:${written!.id}`;
    expect(() => pressButton(p.discord, { user: bob, customId: forgedId, message: bobs })).toThrow(
      /no component/,
    );
    expect(() =>
      pressButton(p.discord, { user: bob, customId: forgedId, message: alices }),
    ).toThrow(/ephemeral/);
    expect(p.imgpile.requests.length).toBe(before);
    expect(p.imgpile.comments.has(written!.id)).toBe(true);

    expect(labels(alices)).toEqual(['▲ 1', '▼ 1', 'Delete my comment 1']);
    const deleted = await press(alice, alices, idOf(alices, /^Delete my comment 1$/));
    expect(deleted.content).toBe('Your comment is deleted.');
    expect(p.imgpile.comments.has(written!.id)).toBe(false);
    expect(p.imgpile.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      authorization: `Bearer ${ALICE_TOKEN}`,
    });
    const after = await press(bob, view, idOf(view, /Comments$/));
    expect(after.content).toBe('No comments written through this bot on this post yet.');
  });

  it('comment votes as the member: a second press takes the vote back, and the answer says so', async () => {
    await pipeline();
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'sunset' });
    const view = await postView(bob, post.slug);
    await comment(alice, post.slug, 'Lovely light.', view);
    const [written] = [...p.imgpile.comments.values()];
    const list = await press(mallory, view, idOf(view, /Comments$/));
    const up = idOf(list, /^▲ 1$/);
    expect((await press(mallory, list, up)).content).toBe(
      'Upvoted the comment: its score is now 1. Press again to take it back.',
    );
    expect(written!.up.has('mallory-ip')).toBe(true);
    expect((await press(mallory, list, up)).content).toBe(
      'Your upvote on the comment is taken back: its score is now 0.',
    );
    expect(written!.up.has('mallory-ip')).toBe(false);
    // A forged id for a comment the bot does not know of is on no message: Discord refuses it.
    expect(() =>
      pressButton(p.discord, { user: mallory, customId: 'cmt:up:99999', message: list }),
    ).toThrow(/no component/);
    // Mallory's list gone stale: alice deleted the comment since. Refused: nothing sent.
    const hers = await press(alice, view, idOf(view, /Comments$/));
    await press(alice, hers, idOf(hers, /^Delete my comment 1$/));
    const before = p.imgpile.requests.length;
    expect((await press(mallory, list, up)).content).toBe(
      'That comment is no longer known to the bot.',
    );
    expect(p.imgpile.requests.length).toBe(before);
  });

  it("pages 4 at a time; a private post's comments are not listed, forged id or not", async () => {
    await pipeline();
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'sunset' });
    const view = await postView(bob, post.slug);
    for (let n = 1; n <= 5; n++) await comment(alice, post.slug, `note ${n}`, view);
    const first = await press(bob, view, idOf(view, /Comments$/));
    expect(first.content.split('\n')).toEqual([
      'Comments written through this bot, newest first (page 1 of 2):',
      `1. <@${alice.id}>: note 5`,
      `2. <@${alice.id}>: note 4`,
      `3. <@${alice.id}>: note 3`,
      `4. <@${alice.id}>: note 2`,
    ]);
    const second = await turn(bob, first, idOf(first, /^Next$/));
    expect(second.content.split('\n').slice(1)).toEqual([`5. <@${alice.id}>: note 1`]);

    // A forged id naming a private post is on no message: Discord refuses it.
    const hidden = p.imgpile.seedPost({ owner: 'carol', visibility: 'private' }).post;
    expect(() =>
      pressButton(p.discord, { user: bob, customId: `cmt:open:${hidden.slug}`, message: view }),
    ).toThrow(/no component/);
    // The view's own Comments button, once carol made the post private: not listed.
    // (imgpile gives a post set private a new access key.)
    post.visibility = 'private';
    post.accessKey = 'a-new-access-key';
    const now = await press(bob, view, idOf(view, /Comments$/));
    expect(now.content).toBe(
      'That post cannot be read publicly, so its comments are not shown here.',
    );
  });
});
