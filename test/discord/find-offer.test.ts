import { afterEach, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../fakes/discord.js';
import type { FakeUser } from '../fakes/discord/world/model.js';
import { GALLERY, GENERAL, GUILD, alice, bob, mallory } from '../helpers/cast.js';
import { buttonsOf, eventually, pressButton, runImgpile, textOf } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const NONE_YOU_CAN_SEE = 'There is no imgpile copy of that you can see.';

/** Bob's file in #gallery, which no one watches: the bot has made no copy of it. */
function bobsFile(seed: number) {
  const file = p.discord.addAttachment({
    filename: `cat${seed}.png`,
    content: fileBytes(3000, MAGIC.png, seed),
    channelId: GALLERY,
  });
  const msg = p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: [file] });
  return { file, msg };
}

const messageLink = (messageId: string) =>
  `https://discord.com/channels/${GUILD}/${GALLERY}/${messageId}`;

/** `/imgpile find` by `user`: the whole ephemeral answer. */
async function find(user: FakeUser, link: string) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user, path: ['find'], options: { link } });
  const reply = await eventually(() => i.original(), 5000, 'the answer');
  expect(reply.flags & 64).toBe(64);
  return reply;
}

function press(user: FakeUser, customId: string, message: { id: string }) {
  return pressButton(p.discord, { channelId: GENERAL, user, customId, message });
}

/** What a pressed button was answered: its refusal, or the answer it updated. */
const answerOf = (i: ReturnType<typeof press>) =>
  eventually(() => i.original(), 5000, 'the press answered');

describe('/imgpile find offers to rehost what has no copy', () => {
  it('offers a button to a member who can see the original; only their press rehosts it, as the message menu would', async () => {
    p = await startPipeline({ bot: true });
    const { file } = bobsFile(11);
    const offer = await find(alice, file.url);
    expect(offer.content).toMatch(/^The bot has made no imgpile copy of that/);
    const [button] = buttonsOf(offer);
    expect(button?.label).toBe('Rehost it');
    // Nothing is uploaded by asking.
    await new Promise((r) => setTimeout(r, 300));
    expect(p.created()).toHaveLength(0);
    // The answer is ephemeral: Discord lets no other member press its button.
    expect(() => press(mallory, button!.custom_id!, offer)).toThrow(/This interaction failed/);
    expect(p.created()).toHaveLength(0);
    // The asker's press queues it, and the answer becomes the rehost's reply.
    const pressed = press(alice, button!.custom_id!, offer);
    const done = await eventually(
      () => (textOf(pressed.original()).includes('/f/') ? pressed.original() : null),
      20_000,
      'the rehost reply',
    );
    expect(done.flags & 64).toBe(64);
    expect(buttonsOf(done).some((b) => b.custom_id?.startsWith('findrh'))).toBe(false);
    expect(p.created()).toHaveLength(1);
    expect(p.created()[0]!.filename).toBe('cat11.png');
    // Asked again, find now has the copy.
    expect((await find(alice, file.url)).content).toContain(`/f/${p.created()[0]!.slug}`);
  });

  it('offers to rehost a whole message by its link', async () => {
    p = await startPipeline({ bot: true });
    const { msg } = bobsFile(12);
    const offer = await find(alice, messageLink(msg.id));
    const [button] = buttonsOf(offer);
    expect(button?.custom_id).toContain(msg.id);
    const pressed = press(alice, button!.custom_id!, offer);
    await eventually(() => textOf(pressed.original()).includes('/f/'), 20_000, 'the reply');
    expect(p.created()).toHaveLength(1);
  });

  it("the press counts against the asker's quota and is refused as the message menu is", async () => {
    p = await startPipeline({ bot: true, env: { USER_DAILY_FILE_LIMIT: '1' } });
    const files = [21, 22].map((n) =>
      p.discord.addAttachment({
        filename: `two${n}.png`,
        content: fileBytes(3000, MAGIC.png, n),
        channelId: GALLERY,
      }),
    );
    const msg = p.discord.postMessage({ channelId: GALLERY, author: bob, attachments: files });
    const offer = await find(alice, messageLink(msg.id));
    const pressed = press(alice, buttonsOf(offer)[0]!.custom_id!, offer);
    const refusal = await eventually(() => pressed.followUps()[0], 5000, 'the refusal');
    expect(refusal.content).toMatch(/That is 2 files, but only 1 of the daily 1 are left for you/);
    expect(refusal.flags & 64).toBe(64);
    expect(p.imgpile.requests.filter((r) => r.host === 'upload')).toHaveLength(0);
  });

  it('hostile: a member who cannot read the original gets no offer and learns nothing of it', async () => {
    p = await startPipeline({ bot: true });
    const { file, msg } = bobsFile(13);
    p.discord.setOverwrites(GALLERY, [
      { id: mallory.id, type: 1, deny: PERMISSIONS.VIEW_CHANNEL },
      { id: alice.id, type: 1, deny: PERMISSIONS.READ_MESSAGE_HISTORY },
    ]);
    await new Promise((r) => setTimeout(r, 200)); // CHANNEL_UPDATE reaches the bot
    for (const user of [mallory, alice])
      for (const link of [file.url, messageLink(msg.id)]) {
        const answer = await find(user, link);
        expect(answer.content).toBe(NONE_YOU_CAN_SEE);
        expect(buttonsOf(answer)).toHaveLength(0);
      }
    // A forged button in their own name, naming the message, never reaches the bot: Discord
    // creates presses only for a custom_id on the message (the bot's own check, that the
    // clicker is the asker and may read the original, is the next test's).
    const forged = `findrh:${mallory.id}:${GALLERY}:${msg.id}:0`;
    const theirs = await find(mallory, file.url);
    expect(() => press(mallory, forged, theirs)).toThrow(/This interaction failed/);
    await new Promise((r) => setTimeout(r, 300));
    expect(p.created()).toHaveLength(0);
  });

  it('hostile: the press checks again that the asker can still see the original', async () => {
    p = await startPipeline({ bot: true });
    const { file } = bobsFile(14);
    const offer = await find(alice, file.url);
    const [button] = buttonsOf(offer);
    p.discord.setOverwrites(GALLERY, [{ id: alice.id, type: 1, deny: PERMISSIONS.VIEW_CHANNEL }]);
    await new Promise((r) => setTimeout(r, 200));
    const answer = await answerOf(press(alice, button!.custom_id!, offer));
    expect(textOf(answer)).toBe(NONE_YOU_CAN_SEE);
    // Ids the bot never showed (cut, or naming what is not a snowflake) never reach it; the
    // parser's refusal of them is pinned in custom-ids.test.ts.
    for (const bad of [`findrh:${alice.id}:${GALLERY}`, `findrh:${alice.id}:x:1:0`])
      expect(() => press(alice, bad, offer)).toThrow(/This interaction failed/);
    await new Promise((r) => setTimeout(r, 300));
    expect(p.created()).toHaveLength(0);
  });
});
