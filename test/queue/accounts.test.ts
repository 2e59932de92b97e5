import { afterEach, describe, expect, it } from 'vitest';
import { QuotaExceededError, UserError } from '../../src/errors.js';
import { ACCOUNT_KEY } from '../helpers/accounts.js';
import { ALICE_TOKEN, GUILD, IMGPILE_TOKEN, USER } from '../helpers/cast.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

const OTHER_TOKEN = '43|alice-second-account-token';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

function pipeline(env: Record<string, string> = {}) {
  return startPipeline({
    env: { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY, ...env },
    imgpile: {
      users: {
        [IMGPILE_TOKEN]: 'imgpile-bot',
        [ALICE_TOKEN]: 'alice-ip',
        [OTHER_TOKEN]: 'alice-two',
      },
    },
  });
}

const png = (name: string, seed = 1) =>
  p.discord.addAttachment({
    filename: name,
    content: fileBytes(3000, MAGIC.png, seed),
    contentType: 'image/png',
  });

const usage = (account?: 'user') =>
  p.services.quotas.usage({ guildId: GUILD, userId: USER, account });

describe("a linked member's rehosts", () => {
  it("land in their own imgpile account, sent with their token, and spend their quota, not the bot's", async () => {
    p = await pipeline();
    await p.services.accounts.save(USER, ALICE_TOKEN, 'alice-ip');
    const queued = await p.enqueue({ attachments: [png('a.png', 1), png('b.png', 2)], post: {} });
    const result = await p.waitForResult(queued.requestId);
    expect(result.files.map((f) => f.status)).toEqual(['uploaded', 'uploaded']);
    expect(p.created().map((u) => u.user)).toEqual(['alice-ip', 'alice-ip']);
    const uploads = p.imgpile.requests.filter((r) => r.host === 'upload');
    expect(uploads.map((r) => r.authorization)).toEqual([
      `Bearer ${ALICE_TOKEN}`,
      `Bearer ${ALICE_TOKEN}`,
    ]);
    if (result.post?.status !== 'created') throw new Error('no post');
    expect(p.imgpile.posts.get(result.post.slug)?.owner).toBe('alice-ip');

    expect((await usage()).account).toEqual({ used: 0, limit: 1000 });
    expect((await usage('user')).linked).toEqual({ used: 2, limit: 1000 });
    // The server's and the user's quotas still count them (LINKED_ACCOUNT_QUOTAS default).
    expect((await usage()).user?.used).toBe(2);
    expect((await usage()).guild?.used).toBe(2);
    // imgpile says who owns them: the bot keeps no ownership record, and no index entry.
    const slug = result.files[0]!.status === 'uploaded' ? result.files[0]!.media.slug : '';
    expect(await p.services.store.ownership.getMediaOwner(slug)).toBeNull();
    expect(await p.services.store.ownership.getPostOwner(result.post.slug)).toBeNull();
    expect((await p.services.store.mine.page(USER, 1, 5)).total).toBe(0);
  });

  it("the same attachment goes to each account once: the bot's copy is not reused for the member's, nor an earlier account's", async () => {
    p = await pipeline();
    const att = png('same.png');
    const first = await p.enqueue({ attachments: [att] });
    await p.waitForResult(first.requestId);
    await p.services.accounts.save(USER, ALICE_TOKEN, 'alice-ip');
    const second = await p.enqueue({ attachments: [att] });
    const again = await p.enqueue({ attachments: [att] });
    await p.waitForResult(second.requestId);
    const third = await p.waitForResult(again.requestId);
    expect(p.created().map((u) => u.user)).toEqual(['imgpile-bot', 'alice-ip']);
    expect(third.files[0]).toMatchObject({ status: 'uploaded', reused: true });
    // Linked to another imgpile account: that account gets its own copy.
    await p.services.accounts.save(USER, OTHER_TOKEN, 'alice-two');
    await p.waitForResult((await p.enqueue({ attachments: [att] })).requestId);
    expect(p.created().map((u) => u.user)).toEqual(['imgpile-bot', 'alice-ip', 'alice-two']);
  });

  it('with LINKED_ACCOUNT_QUOTAS=none only their own account counts; its daily limit refuses the rest', async () => {
    p = await pipeline({ LINKED_ACCOUNT_QUOTAS: 'none', LINKED_ACCOUNT_DAILY_FILE_LIMIT: '2' });
    await p.services.accounts.save(USER, ALICE_TOKEN, 'alice-ip');
    await p.waitForResult((await p.enqueue({ attachments: [png('a.png', 1)] })).requestId);
    expect((await usage()).user?.used).toBe(0);
    const refused = p.enqueue({ attachments: [png('b.png', 2), png('c.png', 3)] });
    await expect(refused).rejects.toThrow(QuotaExceededError);
    await expect(refused).rejects.toThrow(
      /only 1 of the daily 2 are left for your own imgpile account/,
    );
  });

  it('the server setting decides: bot sends even a linked member to the bot; own refuses the unlinked', async () => {
    p = await pipeline();
    await p.services.accounts.save(USER, ALICE_TOKEN, 'alice-ip');
    await p.services.store.settings.set(GUILD, { accounts: 'bot' });
    await p.waitForResult((await p.enqueue({ attachments: [png('a.png', 1)] })).requestId);
    expect(p.created().map((u) => u.user)).toEqual(['imgpile-bot']);

    await p.services.store.settings.set(GUILD, { accounts: 'own' });
    await p.services.store.accounts.remove(USER);
    const refused = p.enqueue({ attachments: [png('b.png', 2)] });
    await expect(refused).rejects.toThrow(UserError);
    await expect(refused).rejects.toThrow(/link yours with `\/imgpile account link`/);
    expect(p.created()).toHaveLength(1);
    expect((await usage()).user?.used).toBe(1);
  });

  it('the username given when linking follows what imgpile says the account is called', async () => {
    p = await pipeline();
    await p.services.accounts.save(USER, ALICE_TOKEN, 'typo-name');
    await p.waitForResult((await p.enqueue({ attachments: [png('a.png', 1)] })).requestId);
    expect(p.created().map((u) => u.user)).toEqual(['alice-ip']);
    expect((await p.services.store.accounts.get(USER))?.username).toBe('alice-ip');
  });

  it("a member's 429 holds back their own budget only, never the bot's", async () => {
    p = await pipeline();
    await p.services.accounts.save(USER, ALICE_TOKEN, 'alice-ip');
    const acting = await p.services.accounts.actAs(USER);
    if (typeof acting === 'string') throw new Error(acting);
    p.imgpile.inject({
      status: 429,
      body: { message: 'Too Many Attempts.' },
      headers: { 'Retry-After': '30' },
    });
    await expect(
      acting.client.listUserPosts('alice-ip', {}, { authenticated: true }),
    ).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    expect(await acting.limiter.tryAcquire()).toBeGreaterThan(20_000);
    expect(await p.services.limiter.tryAcquire()).toBe(0);
  });
});
