import { afterEach, describe, expect, it } from 'vitest';
import type { FakeUser } from '../fakes/discord.js';
import { ACCOUNT_KEY } from '../helpers/accounts.js';
import { ALICE_TOKEN, GENERAL, IMGPILE_TOKEN, USER, alice, bob } from '../helpers/cast.js';
import { eventually, pressButton, runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

type Button = { custom_id: string; label: string; disabled?: boolean };
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

function pipeline() {
  return startPipeline({
    bot: true,
    env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY },
    imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
  });
}

let seed = 0;
/** One file rehosted for alice (the harness's default sender); returns its slug. */
async function rehost(post = false): Promise<string> {
  const att = p.discord.addAttachment({
    filename: `f${seed}.png`,
    content: fileBytes(2000, MAGIC.png, (seed += 1)),
    contentType: 'image/png',
  });
  const result = await p.waitForResult(
    (await p.enqueue({ attachments: [att], ...(post ? { post: {} } : {}) })).requestId,
  );
  const file = result.files[0]!;
  if (file.status !== 'uploaded') throw new Error(file.reason);
  return post && result.post?.status === 'created' ? result.post.slug : file.media.slug;
}

async function runMine(user = alice, options: Record<string, string> = {}) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user, path: ['mine'], options });
  const reply = await eventually(() => (i.original()?.content ? i.original() : undefined), 10_000);
  expect(reply.flags & 64).toBe(64);
  return reply as unknown as Message;
}

/** Presses a button; the reply, or for an update the edited message. */
async function press(user: FakeUser, message: Message, customId: string) {
  const i = pressButton(p.discord, { user, customId, message });
  await eventually(() => i.callbackType(), 5000, 'the answer');
  await eventually(
    () =>
      i.callbackType() === 6
        ? i.calls().some((c) => c.method === 'PATCH') || i.followUps().length > 0
        : true,
    10_000,
    'the edit',
  );
  return { i, message: (i.followUps()[0] ?? i.original()) as unknown as Message };
}

const buttons = (m: Message) => m.components.flatMap((row) => row.components);

describe('/imgpile mine', () => {
  it("pages through what the bot rehosted for the member, newest first, from the bot's records", async () => {
    p = await pipeline();
    const slugs: string[] = [];
    for (let n = 0; n < 6; n++) slugs.push(await rehost());
    const post = await rehost(true);
    const first = await runMine();
    expect(first.content).toMatch(
      /^What you rehosted with the bot's imgpile account, newest first \(page 1 of 2\):/,
    );
    const lines = first.content.split('\n').slice(1);
    expect(lines).toHaveLength(5);
    // The post and its file were made last: they come first (newest first); 8 entries in all.
    expect(lines.slice(0, 2).join('\n')).toContain(`/p/${post}`);
    expect(lines.at(-1)).toContain(`/f/${slugs[3]}.png`);
    const next = buttons(first).find((b) => b.label === 'Next')!;
    const page2 = await press(alice, first, next.custom_id);
    expect(page2.message.content).toMatch(/\(page 2 of 2\)/);
    expect(page2.message.content).toContain(`/f/${slugs[0]}.png`);
    expect(buttons(page2.message).find((b) => b.label === 'Next')?.disabled).toBe(true);
    // Someone else has nothing.
    expect((await runMine(bob)).content).toBe(
      "Nothing rehosted with the bot's imgpile account yet.",
    );
  });

  it('deletes behind an ephemeral confirmation; only the member it belongs to', async () => {
    p = await pipeline();
    const slug = await rehost();
    const list = await runMine();
    const del = buttons(list).find((b) => b.label === 'Delete 1')!;
    expect(del.custom_id).toBe(`mine:ask:bot:m:${slug}`);
    const ask = await press(alice, list, del.custom_id);
    expect(ask.message.content).toBe(
      `Delete the file \`${slug}\` from imgpile? This cannot be undone.`,
    );
    expect(ask.message.flags & 64).toBe(64);
    const confirm = buttons(ask.message).find((b) => b.label === 'Delete the file')!;

    // The confirmation is ephemeral: Discord shows it, and lets it be pressed, by alice alone.
    const before = p.imgpile.requests.length;
    expect(() =>
      pressButton(p.discord, { user: bob, customId: confirm.custom_id, message: ask.message }),
    ).toThrow(/ephemeral/);
    expect(p.imgpile.requests.length).toBe(before);
    expect(p.imgpile.media.has(slug)).toBe(true);

    const done = await press(alice, ask.message, confirm.custom_id);
    expect(done.message.content).toBe(`Deleted the file \`${slug}\`.`);
    expect(p.imgpile.media.has(slug)).toBe(false);
    expect(await p.services.store.ownership.getMediaOwner(slug)).toBeNull();
    expect((await runMine()).content).toBe("Nothing rehosted with the bot's imgpile account yet.");
  });

  it('a stale confirmation, for a file the bot no longer has on record: not yours, nothing sent', async () => {
    p = await pipeline();
    const slug = await rehost();
    const ask = await press(alice, await runMine(), `mine:ask:bot:m:${slug}`);
    const confirm = buttons(ask.message).find((b) => b.label === 'Delete the file')!;
    await p.services.store.ownership.forgetMedia(slug);
    const before = p.imgpile.requests.length;
    const stale = await press(alice, ask.message, confirm.custom_id);
    expect(stale.message.content).toBe('That file is not yours.');
    expect(p.imgpile.requests.length).toBe(before);
    expect(p.imgpile.media.has(slug)).toBe(true);
  });

  it("a linked member sees imgpile's own listing of their account, and deletes with their token", async () => {
    p = await pipeline();
    await p.services.accounts.save(USER, ALICE_TOKEN, 'alice-ip');
    const slug = await rehost();
    const other = p.imgpile.seedPost({ owner: 'carol', title: 'not hers' });
    const list = await runMine();
    expect(list.content).toMatch(
      /^What you rehosted on your imgpile account, newest first \(page 1 of 1\):/,
    );
    expect(list.content).toContain(`/f/${slug}.png`);
    const listed = p.imgpile.requests.filter((r) => r.path.startsWith('/api/v1/users/alice-ip/'));
    expect(listed.map((r) => r.authorization)).toEqual([
      `Bearer ${ALICE_TOKEN}`,
      `Bearer ${ALICE_TOKEN}`,
    ]);

    const ask = await press(alice, list, `mine:ask:own:m:${slug}`);
    const confirm = buttons(ask.message).find((b) => b.label === 'Delete the file')!;
    const done = await press(alice, ask.message, confirm.custom_id);
    expect(done.message.content).toBe(`Deleted the file \`${slug}\`.`);
    expect(p.imgpile.media.has(slug)).toBe(false);
    expect(p.imgpile.requests.at(-1)).toMatchObject({ method: 'DELETE', user: 'alice-ip' });

    // A delete id naming carol's file is on no message the bot showed: Discord refuses it.
    const forged = `mine:del:own:m:${other.media.slug}`;
    expect(() =>
      pressButton(p.discord, { user: alice, customId: forged, message: ask.message }),
    ).toThrow(/no component/);
    expect(p.imgpile.media.has(other.media.slug)).toBe(true);

    // imgpile's 403 on a file of her list is "not yours".
    const second = await rehost();
    const again = await press(alice, await runMine(), `mine:ask:own:m:${second}`);
    const sure = buttons(again.message).find((b) => b.label === 'Delete the file')!;
    p.imgpile.inject({
      method: 'DELETE',
      path: new RegExp(second),
      status: 403,
      body: { message: 'This action is unauthorized.' },
    });
    const theirs = await press(alice, again.message, sure.custom_id);
    expect(theirs.message.content).toBe('That file is not yours on imgpile.');
    expect(p.imgpile.media.has(second)).toBe(true);
  });

  it("a member whose linked token broke sees the bot's records, not an error", async () => {
    p = await pipeline();
    const slug = await rehost();
    await p.services.accounts.save(USER, ALICE_TOKEN, 'alice-ip');
    await p.services.store.accounts.markBroken(USER, false);
    const list = await runMine();
    expect(list.content).toMatch(/^What you rehosted/);
    expect(list.content).not.toMatch(/on your imgpile account/);
    expect(list.content).toContain(slug);
    expect(p.imgpile.requests.some((r) => r.authorization === `Bearer ${ALICE_TOKEN}`)).toBe(false);
  });
});
