import { Routes } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import {
  AFTER_DARK,
  GENERAL,
  GUILD,
  OTHER_GUILD,
  alice,
  bob,
  moderator,
  testServer,
} from '../helpers/cast.js';
import {
  buttonsOf,
  eventually,
  finalReply,
  galleryUrlsOf,
  pressButton,
  runImgpile,
  textOf,
} from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
const IS_COMPONENTS_V2 = 1 << 15;

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({ filename: name, content: fileBytes(3000, MAGIC.png, seed) });

/** Registers the bot's commands with the local Discord, which then holds interactions to them. */
async function register() {
  await p.services.discordRest.put(Routes.applicationCommands(p.discord.applicationId), {
    body: commands.map((c) => c.data),
  });
}

describe('replies people look at', () => {
  it('a finished rehost is a gallery of the files served from imgpile, with links and a post button', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('a.png', 1), file2: png('b.png', 2), title: 'Two' },
    });
    await finalReply(i);
    // The reply came at once; its follow-up drew it again once imgpile had made the variants.
    await p.followUpsDone();
    const reply = i.original()!;
    expect(reply.flags & IS_COMPONENTS_V2).toBe(IS_COMPONENTS_V2);
    expect(reply.content).toBe('');
    const uploads = p.created();
    // Sized variants: imgpile had made them by the time the reply was drawn again.
    expect(galleryUrlsOf(reply)).toEqual(
      uploads.map((u) => `${p.imgpile.cdnOrigin}/f/${u.slug}_md.png`),
    );
    const text = textOf(reply);
    for (const u of uploads) expect(text).toContain(`${p.imgpile.cdnOrigin}/f/${u.slug}.png`);
    const post = [...p.imgpile.posts.values()][0]!;
    expect(buttonsOf(reply).map((b) => b.url ?? b.custom_id?.split(':')[0])).toEqual([
      `${p.imgpile.apiOrigin}/p/${post.slug}`,
      'rdel',
      ...['xs', 'sm', 'md', 'lg', 'xl'].map(() => 'sizes'),
    ]);
  });

  it('adult files are spoilered in the gallery', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: AFTER_DARK,
      user: alice,
      path: ['upload'],
      options: { file: png('night.png') },
    });
    const reply = await finalReply(i);
    expect(JSON.stringify(reply.components)).toContain('"spoiler":true');
  });

  it('a server that wants plain links gets them; a reply with nothing rehosted stays text', async () => {
    p = await startPipeline({ bot: true });
    await p.services.store.settings.set(GUILD, { replies: 'plain' });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('plain.png') },
    });
    const reply = await finalReply(i);
    expect(reply.flags & IS_COMPONENTS_V2).toBe(0);
    expect(reply.components).toEqual([]);
    expect(reply.content).toContain(`/f/${p.created()[0]!.slug}.png`);

    await p.services.store.settings.set(GUILD, { replies: 'gallery' });
    const html = p.discord.addAttachment({
      filename: 'page.png',
      content: fileBytes(3000, MAGIC.html),
    });
    const refused = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: html },
    });
    const text = await finalReply(refused);
    expect(text.flags & IS_COMPONENTS_V2).toBe(0);
    expect(text.content).toMatch(/could not be rehosted/);
  });

  it('only the owner may delete, behind a confirmation', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('x.png', 1), file2: png('y.png', 2) },
    });
    const reply = await finalReply(i);
    const del = buttonsOf(reply).find((b) => b.custom_id?.startsWith('rdel:'))!;
    const message = reply;
    for (const stranger of [bob, moderator]) {
      const press = pressButton(p.discord, {
        user: stranger,
        customId: del.custom_id!,
        message,
      });
      const refusal = await eventually(() => press.original(), 5000, 'the refusal');
      expect(refusal.content).toMatch(/Only the person who rehosted these files can delete them/);
      expect(refusal.flags & 64).toBe(64);
    }
    expect(p.imgpile.posts.size).toBe(1);

    const ask = pressButton(p.discord, {
      user: alice,
      customId: del.custom_id!,
      message,
    });
    const confirmation = await eventually(() => ask.original(), 5000, 'the confirmation');
    expect(confirmation.flags & 64).toBe(64);
    expect(textOf(confirmation)).toMatch(/Delete the post and its 2 files from imgpile\?/);
    const confirm = buttonsOf(confirmation).find((b) => b.label === 'Delete')!;
    const yes = pressButton(p.discord, {
      user: alice,
      customId: confirm.custom_id!,
      message: confirmation,
    });
    await eventually(
      () => p.imgpile.posts.size === 0 && p.imgpile.media.size === 0,
      10_000,
      'the deletion',
    );
    await eventually(() => textOf(yes.original()).includes('Deleted from imgpile'), 5000);
  });
});

describe('everywhere a user is', () => {
  it("in the bot's DMs: the upload works, the user's quota applies alone, the reply is the interaction's", async () => {
    p = await startPipeline({ bot: true });
    await register();
    const dm = p.discord.dmChannel(alice);
    const att = p.discord.addAttachment({
      filename: 'dm.png',
      channelId: dm,
      content: fileBytes(2000, MAGIC.png),
    });
    const i = runImgpile(p.discord, {
      channelId: dm,
      user: alice,
      path: ['upload'],
      options: { file: att },
    });
    expect(textOf(await finalReply(i))).toContain('/f/');
    const usage = await p.services.quotas.usage({ guildId: null, userId: alice.id });
    expect(usage).toMatchObject({ user: { used: 1 }, guild: null });
  });

  it('in a DM between others (a user install): works, says it cannot post after 15 minutes, and does not try', async () => {
    p = await startPipeline({ bot: true });
    await register();
    const channel = p.discord.privateChannel({ recipients: [alice, bob] });
    const slow = p.discord.addAttachment({
      filename: 'slow.png',
      channelId: channel,
      content: { size: 600_000, head: MAGIC.png },
      bytesPerSecond: 400_000,
    });
    const i = runImgpile(p.discord, {
      channelId: channel,
      user: alice,
      installation: 'user',
      path: ['upload'],
      options: { file: slow },
    });
    const queued = await eventually(
      () => (i.original()?.content.startsWith('⏳') ? i.original() : undefined),
      5000,
    );
    expect(queued.content).toMatch(/15 minutes only.*\/imgpile mine/s);
    p.discord.expireInteraction(i.id);
    await p.waitForResult(i.id, 20_000);
    expect(
      p.discord.restCalls.filter(
        (c) => c.method === 'POST' && c.path.startsWith(`/channels/${channel}`),
      ),
    ).toEqual([]);
  });

  it("in another server's age-restricted channel, the bot not in it: the upload is adult content, as Discord described the channel", async () => {
    const ELSEWHERE = OTHER_GUILD;
    const [ADULT, PLAIN] = ['1100000000000000091', '1100000000000000092'];
    p = await startPipeline({
      bot: true,
      discord: {
        guilds: [
          testServer(),
          {
            id: ELSEWHERE,
            name: 'Elsewhere',
            botMember: false,
            channels: [
              { id: ADULT, name: 'after-dark', nsfw: true },
              { id: PLAIN, name: 'chat' },
            ],
          },
        ],
      },
    });
    await register();
    const upload = async (channelId: string, name: string) => {
      const att = p.discord.addAttachment({
        filename: name,
        channelId,
        content: fileBytes(2000, MAGIC.png, name.length),
      });
      const i = runImgpile(p.discord, {
        channelId,
        user: alice,
        installation: 'user',
        path: ['upload'],
        options: { file: att },
      });
      expect(textOf(await finalReply(i))).toContain('/f/');
    };
    await upload(ADULT, 'adult.png');
    const posts = [...p.imgpile.posts.values()];
    expect(posts).toHaveLength(1);
    expect(posts[0]!.isNsfw).toBe(true);
    // The same elsewhere in an ordinary channel: an ordinary file.
    await upload(PLAIN, 'plain.png');
    expect(p.imgpile.posts.size).toBe(1);
    expect(p.created()).toHaveLength(2);
  });

  it('private:true replies to the invoker alone', async () => {
    p = await startPipeline({ bot: true });
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: { file: png('me.png'), private: true },
    });
    const reply = await finalReply(i);
    expect(reply.flags & 64).toBe(64);
    expect(textOf(reply)).toContain('/f/');
    // Public (nothing asked of the post itself): only the reply is private.
    expect(p.imgpile.posts.size).toBe(0);
  });
});

describe("Discord's limits", () => {
  it('ten files with long, hostile names still make a valid reply (the local Discord refuses invalid ones)', async () => {
    p = await startPipeline({ bot: true });
    const names = Array.from(
      { length: 10 },
      (_, n) => `${'`**@everyone** [x](https://evil.example) '.repeat(5)}${n}.png`,
    );
    const files = Object.fromEntries(
      names.map((name, n) => [n === 0 ? 'file' : `file${n + 1}`, png(name, n + 1)]),
    );
    const i = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['upload'],
      options: files,
    });
    const reply = await finalReply(i, 30_000);
    expect(p.created()).toHaveLength(10);
    // Every direct link is there, whatever form the reply took.
    for (const u of p.created()) expect(textOf(reply)).toContain(`/f/${u.slug}.png`);
    // A name cannot break out of its code span (its backticks are neutralised)...
    for (const name of names) expect(textOf(reply)).not.toContain(name);
    // ...and nothing pings anyone.
    expect(reply.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });
});
