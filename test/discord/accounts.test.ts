import { afterEach, describe, expect, it } from 'vitest';
import { imgpile } from '../../commands/imgpile/index.js';
import { ACCOUNT_KEY, linkAccount } from '../helpers/accounts.js';
import { ALICE_TOKEN, GENERAL, IMGPILE_TOKEN, alice, bob, mallory } from '../helpers/cast.js';
import { eventually, runImgpile } from '../helpers/interactions.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';

let p: Pipeline;
afterEach(async () => {
  await p?.close();
});

function pipeline(env: Record<string, string> = { ACCOUNT_ENCRYPTION_KEY: ACCOUNT_KEY }) {
  return startPipeline({
    bot: true,
    env,
    imgpile: { users: { [IMGPILE_TOKEN]: 'imgpile-bot', [ALICE_TOKEN]: 'alice-ip' } },
  });
}

async function run(path: string[], user = alice) {
  const i = runImgpile(p.discord, { channelId: GENERAL, user, path });
  const reply = await eventually(() => i.original(), 5000, path.join(' '));
  expect(reply.flags & 64).toBe(64);
  return reply.content;
}

/** Every string value under the pipeline's prefix in Redis. */
async function redisValues(): Promise<string> {
  const redis = p.services.redis;
  const keys = await redis.keys(`${p.config.redisPrefix}:account:*`);
  const values = await Promise.all(keys.map((k) => redis.hgetall(k)));
  return JSON.stringify(values);
}

describe('/imgpile account', () => {
  it('link: a modal (never an option), checked against imgpile, stored sealed; status; unlink', async () => {
    p = await pipeline();
    const command = runImgpile(p.discord, {
      channelId: GENERAL,
      user: alice,
      path: ['account', 'link'],
    });
    const modal = (await eventually(() => command.modal(), 5000)) as { custom_id: string };
    expect(modal.custom_id).toBe('account-link');
    // The registered command takes no option at all: the token is typed into the modal.
    type Opt = { name: string; options?: Opt[] };
    const group = (imgpile.data as { options: Opt[] }).options.find((o) => o.name === 'account');
    expect(group?.options?.find((o) => o.name === 'link')?.options ?? []).toEqual([]);

    const linked = await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    expect(linked.content).toMatch(/^Linked to the imgpile account \*\*alice-ip\*\*/);
    expect(linked.content).not.toContain(ALICE_TOKEN);
    // The check: an authenticated read that changes nothing.
    const check = p.imgpile.requests.find((r) => r.authorization === `Bearer ${ALICE_TOKEN}`);
    expect(check).toMatchObject({
      method: 'GET',
      path: '/api/v1/users/alice-ip/posts',
      status: 200,
    });
    expect(p.imgpile.requests.filter((r) => r.user === 'alice-ip' && r.method !== 'GET')).toEqual(
      [],
    );
    const stored = await redisValues();
    expect(stored).toContain('alice-ip');
    expect(stored).not.toContain(ALICE_TOKEN);
    expect(stored).not.toContain(Buffer.from(ALICE_TOKEN).toString('base64'));

    const status = await run(['account', 'status']);
    expect(status).toMatch(/^Linked to the imgpile account \*\*alice-ip\*\*/);
    expect(status).toMatch(/In this server: accounts \*\*either\*\*/);
    expect(status).not.toContain(ALICE_TOKEN);

    expect(await run(['account', 'unlink'])).toMatch(/unlinked and its token forgotten/);
    expect(await p.services.store.accounts.get(alice.id)).toBeNull();
    expect(await run(['account', 'status'])).toMatch(/^No imgpile account is linked/);
    expect(await run(['account', 'unlink'])).toBe('No imgpile account was linked.');
  });

  it('a token imgpile refuses, or an unknown username, links nothing', async () => {
    p = await pipeline();
    const bad = await linkAccount(p, alice, { username: 'alice-ip', token: 'wrong-token-123' });
    expect(bad.content).toBe('imgpile did not accept that token: nothing was linked.');
    const unknown = await linkAccount(p, alice, { username: 'nobody-here', token: ALICE_TOKEN });
    expect(unknown.content).toBe('imgpile has no user named nobody-here: nothing was linked.');
    expect(await p.services.store.accounts.get(alice.id)).toBeNull();
  });

  it("someone else's username with one's own token links nothing when imgpile can tell (their posts are not the token's)", async () => {
    p = await pipeline();
    p.imgpile.seedPost({ owner: 'carol', title: 'carols' });
    const claimed = await linkAccount(p, alice, { username: 'carol', token: ALICE_TOKEN });
    expect(claimed.content).toBe(
      'That token is not the imgpile account carol’s (imgpile does not show it as the owner of their posts): nothing was linked.',
    );
    expect(await p.services.store.accounts.get(alice.id)).toBeNull();
    // Her own name, with posts of her own, links.
    p.imgpile.seedPost({ owner: 'alice-ip', title: 'mine' });
    const own = await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    expect(own.content).toMatch(/^Linked to the imgpile account \*\*alice-ip\*\*/);
  });

  it('guessing tokens through the bot is slow: five tries in ten minutes, then nothing is sent', async () => {
    p = await pipeline();
    for (let n = 0; n < 5; n++) {
      const bad = await linkAccount(p, alice, { username: 'alice-ip', token: `guess-${n}-token` });
      expect(bad.content).toBe('imgpile did not accept that token: nothing was linked.');
    }
    const before = p.imgpile.requests.length;
    const sixth = await linkAccount(p, alice, { username: 'alice-ip', token: ALICE_TOKEN });
    expect(sixth.content).toMatch(
      /^You have tried to link an account 5 times in 10 minutes\. Try again in \d+ seconds\.$/,
    );
    expect(p.imgpile.requests.length).toBe(before);
    expect(await p.services.store.accounts.get(alice.id)).toBeNull();
    // Someone else is not held back by alice's tries.
    const other = await linkAccount(p, bob, { username: 'bob-ip', token: 'another-guess' });
    expect(other.content).toBe('imgpile did not accept that token: nothing was linked.');
  });

  it("a typed 'token' cannot reach another member's tries (their budgets are not token budgets)", async () => {
    p = await pipeline();
    // Mallory types bob's tries' name as a token, over and over.
    for (let n = 0; n < 5; n++)
      await linkAccount(p, mallory, { username: 'alice-ip', token: `account-link:${bob.id}` });
    const bobs = await linkAccount(p, bob, { username: 'bob-ip', token: 'bob-guess-one' });
    expect(bobs.content).toBe('imgpile did not accept that token: nothing was linked.');
  });

  it('without ACCOUNT_ENCRYPTION_KEY (or with a malformed one) linking is off, said plainly', async () => {
    const envs: Record<string, string>[] = [{}, { ACCOUNT_ENCRYPTION_KEY: 'not-a-key' }];
    for (const env of envs) {
      p = await pipeline(env);
      const i = runImgpile(p.discord, {
        channelId: GENERAL,
        user: alice,
        path: ['account', 'link'],
      });
      const reply = await eventually(() => i.original(), 5000);
      expect(reply.content).toMatch(/^Linking imgpile accounts is turned off on this bot/);
      expect(reply.flags & 64).toBe(64);
      expect(i.modal()).toBeNull();
      await p.close();
    }
    p = undefined as unknown as Pipeline;
  });
});
