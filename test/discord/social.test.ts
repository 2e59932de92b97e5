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

type Button = { custom_id?: string; label: string };
type Message = {
  id: string;
  content: string;
  flags: number;
  components: { components: Button[] }[];
};

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
}

// Rows of a plain message, or the nested containers of a Components V2 one.
const buttons = (m: Message) => buttonsOf(m) as Button[];
const find = (m: Message, label: RegExp) => {
  const b = buttons(m).find((x) => label.test(x.label));
  if (!b?.custom_id)
    throw new Error(`no button ${String(label)} in ${JSON.stringify(m.components)}`);
  return b.custom_id;
};

/** Presses a button as `user`; the ephemeral answer (its reply). */
async function press(user: FakeUser, message: Message, customId: string) {
  const i = pressButton(p.discord, { user, customId, message });
  const reply = await eventually(
    () => (i.original()?.content ? i.original() : undefined),
    10_000,
    customId,
  );
  expect(reply.flags & 64).toBe(64);
  return reply as unknown as Message;
}

async function feedPage() {
  const i = runImgpile(p.discord, { channelId: GENERAL, user: alice, path: ['feed'] });
  return (await eventually(
    () => (i.original()?.components?.length ? i.original() : undefined),
    5000,
  )) as unknown as Message;
}

describe('voting, comments and follows from the feed', () => {
  it('an unlinked member is told, privately, how to link; nothing is sent to imgpile', async () => {
    await pipeline();
    p.imgpile.seedPost({ owner: 'carol', title: 'sunset' });
    const page = await feedPage();
    const before = p.imgpile.requests.length;
    const answer = await press(bob, page, find(page, /^Vote, comment$/));
    expect(answer.content).toBe(
      'To vote, comment or follow as yourself, link your imgpile account first: `/imgpile account link`.',
    );
    expect(p.imgpile.requests.length).toBe(before);
  });

  it('votes as the member: the new score is shown, and neither a second press nor a double click undoes it', async () => {
    await pipeline();
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'sunset', score: 2 });
    const dawn = p.imgpile.seedPost({ owner: 'carol', title: 'dawn' }).post;
    const page = await feedPage();
    const panel = await press(alice, page, `social:open:${post.slug}`);
    expect(panel.content).toMatch(/^\*\*sunset\*\* by carol · score 2\./);
    expect(buttons(panel).map((b) => b.label)).toEqual([
      '▲ Upvote',
      '▼ Downvote',
      '💬 Comment',
      'Follow carol',
    ]);

    const up = find(panel, /Upvote/);
    expect((await press(alice, panel, up)).content).toBe("Upvoted: the post's score is now 3.");
    expect((await press(alice, panel, up)).content).toBe(
      'You have already upvoted this post; its score is 3.',
    );
    // A double click: two presses at once.
    const both = await Promise.all([press(alice, panel, up), press(alice, panel, up)]);
    for (const answer of both) expect(answer.content).toMatch(/already/);
    expect(post.up.has('alice-ip')).toBe(true);
    const votes = p.imgpile.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('/upvote'),
    );
    expect(votes).toHaveLength(1);
    expect(votes[0]!.path).toBe(`/api/v1/posts/${post.id}/upvote`);

    // A double click on a post not yet voted on: one press votes, the other leaves it be.
    const onDawn = await press(alice, page, `social:open:${dawn.slug}`);
    const id = find(onDawn, /Upvote/);
    expect(id).toBe(`social:up:${dawn.id}:${dawn.slug}`);
    const answers = (await Promise.all([press(alice, onDawn, id), press(alice, onDawn, id)])).map(
      (a) => a.content,
    );
    expect(answers.filter((c) => c === "Upvoted: the post's score is now 1.")).toHaveLength(1);
    expect(answers.filter((c) => c.includes('already'))).toHaveLength(1);
    expect(dawn.up.has('alice-ip')).toBe(true);

    expect((await press(alice, panel, find(panel, /Downvote/))).content).toBe(
      "Downvoted: the post's score is now 1.",
    );
    expect(post.down.has('alice-ip')).toBe(true);
    expect(post.up.has('alice-ip')).toBe(false);
  });

  it('a vote can be taken back: the answer offers it, the panel says so, and a repeat or a forged press never casts one', async () => {
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
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'sunset', score: 2 });
    const page = await feedPage();
    const panel = await press(alice, page, find(page, /^Vote, comment$/));
    const voted = await press(alice, panel, find(panel, /Upvote/));
    expect(voted.content).toBe("Upvoted: the post's score is now 3.");
    const takeBack = find(voted, /^▲ Take back upvote$/);

    const again = await press(alice, page, find(page, /^Vote, comment$/));
    expect(buttons(again).map((b) => b.label)).toEqual([
      '▲ Take back upvote',
      '▼ Downvote',
      '💬 Comment',
      'Follow carol',
    ]);

    // alice's answer is ephemeral: Discord lets no one else press its Take back. Someone else
    // opening the post from the public feed gets their own panel: nothing of hers to undo.
    const votesBefore = p.imgpile.requests.filter((r) => r.path.endsWith('/upvote')).length;
    expect(() =>
      pressButton(p.discord, { user: mallory, customId: takeBack, message: voted }),
    ).toThrow(/ephemeral/);
    const hers = await press(mallory, page, find(page, /^Vote, comment$/));
    expect(buttons(hers).map((b) => b.label)).toContain('▲ Upvote');
    expect(buttons(hers).some((b) => b.custom_id === takeBack)).toBe(false);
    expect(post.up.has('alice-ip')).toBe(true);
    expect(post.up.has('mallory-ip')).toBe(false);

    // A double click on Take back: one takes it back, the other finds nothing to take back.
    const answers = (
      await Promise.all([press(alice, voted, takeBack), press(alice, voted, takeBack)])
    ).map((a) => a.content);
    expect(answers).toContain("Your upvote is taken back: the post's score is now 2.");
    // The other press waited its turn, or found nothing left: either way it sent nothing.
    expect(
      answers.filter((c) =>
        [
          'You have no upvote on this post to take back; its score is 2.',
          'Your vote on this post is already being counted.',
        ].includes(c),
      ),
    ).toHaveLength(1);
    expect(post.up.has('alice-ip')).toBe(false);
    expect(p.imgpile.requests.filter((r) => r.path.endsWith('/upvote')).length).toBe(
      votesBefore + 1,
    );

    // The answer offers the vote again.
    const back = await press(alice, voted, takeBack);
    expect(buttons(back).map((b) => b.label)).toEqual(['▲ Upvote']);

    // A take-back id naming another post's id under this slug is on no message the bot sent:
    // Discord refuses it, and nothing is sent.
    const dawn = p.imgpile.seedPost({ owner: 'carol', title: 'dawn' }).post;
    dawn.up.add('alice-ip');
    const forged = `social:unup:${dawn.id}:${post.slug}`;
    post.up.add('alice-ip');
    const sent = p.imgpile.requests.filter((r) => r.path.endsWith('/upvote')).length;
    expect(() => pressButton(p.discord, { user: alice, customId: forged, message: back })).toThrow(
      /no component/,
    );
    expect(p.imgpile.requests.filter((r) => r.path.endsWith('/upvote')).length).toBe(sent);
    expect(dawn.up.has('alice-ip')).toBe(true);
  });

  it('votes only on the post the button names by both id and slug: a mismatched id is on no message, Discord refuses it, nothing is sent', async () => {
    await pipeline();
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const sunset = p.imgpile.seedPost({ owner: 'carol', title: 'sunset' }).post;
    const dawn = p.imgpile.seedPost({ owner: 'carol', title: 'dawn' }).post;
    // The bot only ever sends ids that match; one that mixes them is forged, on no message:
    // Discord refuses it, neither on a message of the bot's nor on one it never sent.
    const panel = await press(alice, await feedPage(), `social:open:${sunset.slug}`);
    const forged = `social:up:${dawn.id}:${sunset.slug}`;
    expect(() => pressButton(p.discord, { user: alice, customId: forged, message: panel })).toThrow(
      /no component/,
    );
    expect(() => pressButton(p.discord, { user: alice, customId: forged, message: '1' })).toThrow(
      /holds no message/,
    );
    expect(p.imgpile.requests.filter((r) => r.path.endsWith('/upvote'))).toHaveLength(0);
    expect(dawn.up.size + sunset.up.size).toBe(0);
  });

  it('comments through a modal, and follows or unfollows the author, as the member', async () => {
    await pipeline();
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'sunset' });
    const page = await feedPage();
    const panel = await press(alice, page, find(page, /^Vote, comment$/));

    const opened = pressButton(p.discord, {
      channelId: GENERAL,
      user: alice,
      customId: find(panel, /Comment/),
      message: panel,
    });
    const modal = (await eventually(() => opened.modal(), 5000)) as { custom_id: string };
    expect(modal.custom_id).toBe(`comment:${post.slug}`);
    const submitted = submitModal(p.discord, {
      channelId: GENERAL,
      user: alice,
      customId: modal.custom_id,
      values: { content: 'Lovely light.' },
      message: panel,
    });
    const posted = await eventually(
      () => (submitted.original()?.content ? submitted.original() : undefined),
      5000,
    );
    expect(posted.content).toMatch(/^Your comment is posted: /);
    expect([...p.imgpile.comments.values()]).toMatchObject([
      { content: 'Lovely light.', user: 'alice-ip', postId: post.id },
    ]);

    const follow = find(panel, /^Follow carol$/);
    const followed = await press(alice, panel, follow);
    expect(followed.content).toBe('You follow carol on imgpile.');
    await press(alice, panel, follow);
    expect([...(p.imgpile.follows.get('alice-ip') ?? [])]).toEqual(['carol']);
    const unfollowed = await press(alice, followed, find(followed, /^Unfollow carol$/));
    expect(unfollowed.content).toBe('You no longer follow carol on imgpile.');
    expect([...(p.imgpile.follows.get('alice-ip') ?? [])]).toEqual([]);
  });

  it('post view carries the same buttons; each presser acts as themselves', async () => {
    await pipeline();
    await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    const { post } = p.imgpile.seedPost({ owner: 'carol', title: 'sunset' });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['post', 'view'],
      options: { slug: post.slug },
    });
    const view = (await eventually(
      () => (i.original()?.components?.length ? i.original() : undefined),
      5000,
    )) as unknown as Message;
    expect(view.flags & 64).toBe(0);
    const up = find(view, /Upvote/);
    expect((await press(bob, view, up)).content).toMatch(
      /^To vote as yourself, link your imgpile account first/,
    );
    expect((await press(alice, view, up)).content).toBe("Upvoted: the post's score is now 1.");
  });
});

describe('/imgpile user', () => {
  it('a profile card: recent posts with paging, followers and following counts, follow buttons', async () => {
    await pipeline();
    for (let n = 0; n < 7; n++)
      p.imgpile.seedPost({
        owner: 'carol',
        title: `post ${n}`,
        createdAt: new Date(Date.now() - n * 1000),
      });
    p.imgpile.follows.set('dave', new Set(['carol']));
    p.imgpile.follows.set('erin', new Set(['carol']));
    p.imgpile.follows.set('carol', new Set(['dave']));
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['user'],
      options: { username: 'carol' },
    });
    const card = (await eventually(
      () => (i.original()?.embeds.length ? i.original() : undefined),
      5000,
    )) as unknown as Message & {
      embeds: {
        title: string;
        description: string;
        fields: { name: string; value: string }[];
        footer: { text: string };
      }[];
    };
    expect(card.flags & 64).toBe(64);
    const [embed] = card.embeds;
    expect(embed!.title).toBe('carol');
    expect(embed!.fields.map((f) => [f.name, f.value])).toEqual([
      ['Posts', '7'],
      ['Followers', '2'],
      ['Following', '1'],
    ]);
    expect(embed!.description.split('\n')).toHaveLength(5);
    expect(embed!.description).toMatch(/^1\. \*\*post 0\*\* · score 0 · /);
    expect(embed!.footer.text).toBe('Recent posts, page 1 of 2');
    expect(buttons(card).map((b) => b.label)).toEqual([
      'Previous',
      'Next',
      'Follow carol',
      'Unfollow carol',
    ]);

    const next = pressButton(p.discord, {
      channelId: GENERAL,
      user: bob,
      customId: find(card, /^Next$/),
      message: card,
    });
    const update = await eventually(
      () => next.calls().find((c) => c.method === 'PATCH'),
      5000,
      'page 2',
    );
    const page2 = (update.body as { embeds: typeof card.embeds }).embeds[0]!;
    expect(page2.description).toMatch(/^6\. \*\*post 5\*\*/);
    expect(page2.fields.find((f) => f.name === 'Followers')?.value).toBe('2');
  });

  it('says so when imgpile has no such user', async () => {
    await pipeline();
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: bob,
      path: ['user'],
      options: { username: 'nobody' },
    });
    const reply = await eventually(() => (i.original()?.content ? i.original() : undefined), 5000);
    expect(reply.content).toBe('imgpile has no user named nobody.');
  });
});
