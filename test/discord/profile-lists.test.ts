import { afterEach, describe, expect, it } from 'vitest';
import { GENERAL, bob } from '../helpers/cast.js';
import { buttonsOf, eventually, pressButton, runImgpile } from '../helpers/interactions.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

type Card = {
  id: string;
  flags: number;
  content: string;
  embeds: { title: string; description: string; footer: { text: string } }[];
  components: unknown[];
};

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

async function user(options: Record<string, string>) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user: bob, path: ['user'], options });
  return (await eventually(
    () => (i.original()?.embeds.length || i.original()?.content ? i.original() : undefined),
    5000,
  )) as unknown as Card;
}

const idOf = (card: Card, label: string) =>
  buttonsOf(card).find((b) => b.label === label)?.custom_id;

async function press(card: Card, customId: string) {
  const i = pressButton(p.discord, { user: bob, customId, message: card });
  const edit = await eventually(() => i.calls().find((c) => c.method === 'PATCH'), 5000, customId);
  // What the bot sent, on the same message (Discord keeps its id).
  return { ...(edit.body as Card), id: card.id };
}

describe('/imgpile user show:', () => {
  it("media: a page of the user's files with their links, paged", async () => {
    p = await startPipeline({ bot: true });
    const media = [];
    for (let n = 0; n < 7; n++)
      media.push(
        p.imgpile.seedPost({ owner: 'carol', createdAt: new Date(Date.now() - n * 1000) }).media,
      );
    const card = await user({ username: 'carol', show: 'media' });
    expect(card.flags & 64).toBe(64);
    expect(card.embeds[0]!.title).toBe('carol · Media');
    const lines = card.embeds[0]!.description.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe(
      `1. **${media[0]!.slug}** · ${p.imgpile.cdnOrigin}/f/${media[0]!.slug}.jpg`,
    );
    expect(card.embeds[0]!.footer.text).toBe('Page 1 of 2');
    const second = await press(card, idOf(card, 'Next')!);
    expect(second.embeds[0]!.description.split('\n')[0]).toMatch(/^6\. /);
  });

  it('followers and following: the names, paged; the other lists one press away', async () => {
    p = await startPipeline({ bot: true });
    p.imgpile.seedPost({ owner: 'carol' });
    for (const name of ['dave', 'erin', 'frank', 'gina', 'hal', 'ivy']) {
      p.imgpile.seedPost({ owner: name });
      p.imgpile.follows.set(name, new Set(['carol']));
    }
    p.imgpile.follows.set('carol', new Set(['dave']));
    const followers = await user({ username: 'carol', show: 'followers' });
    expect(followers.embeds[0]!.title).toBe('carol · Followers');
    expect(followers.embeds[0]!.description.split('\n')).toHaveLength(5);
    expect(followers.embeds[0]!.footer.text).toBe('Page 1 of 2');
    const following = await press(followers, idOf(followers, 'Following')!);
    expect(following.embeds[0]!.title).toBe('carol · Following');
    expect(following.embeds[0]!.description).toBe('1. dave');
    expect(idOf(following, 'Posts')).toBe('profile:page:1:carol');
  });

  it('an unknown username says so, for every list', async () => {
    p = await startPipeline({ bot: true });
    for (const show of ['media', 'followers', 'following']) {
      const answer = await user({ username: 'nobody', show });
      expect(answer.content).toBe('imgpile has no user named nobody.');
    }
  });
});
