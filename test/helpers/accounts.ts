import { expect } from 'vitest';
import type { FakeUser } from '../fakes/discord.js';
import { GENERAL } from './cast.js';
import type { Pipeline } from './pipeline.js';
import { eventually, pressButton, runImgpile, submitModal } from './interactions.js';

/** A valid ACCOUNT_ENCRYPTION_KEY (32 bytes, base64), and another for rotations. */
export const ACCOUNT_KEY = Buffer.alloc(32, 11).toString('base64');
export const OTHER_ACCOUNT_KEY = Buffer.alloc(32, 29).toString('base64');

/** Links `user`'s imgpile account through the command and its modal, as a member would. */
export async function linkAccount(
  p: Pipeline,
  user: FakeUser,
  account: { username: string; token: string },
  channelId = GENERAL,
) {
  const command = runImgpile(p.discord, { channelId, user, path: ['account', 'link'] });
  await eventually(() => command.modal(), 5000, 'the link modal');
  const submit = submitModal(p.discord, {
    channelId,
    user,
    customId: 'account-link',
    values: { username: account.username, token: account.token },
  });
  const reply = await eventually(
    () => (submit.original()?.content ? submit.original() : undefined),
    10_000,
    'the link answer',
  );
  expect(reply.flags & 64).toBe(64);
  return reply;
}

/**
 * Opens a post's Vote, comment panel as a member would: `/imgpile feed`, then the post's
 * **Vote, comment** button on the page. The panel (ephemeral, `user`'s) whose real buttons a
 * test can then press.
 */
export async function openSocialPanel(p: Pipeline, user: FakeUser, slug: string) {
  const feed = runImgpile(p.discord, { channelId: GENERAL, user, path: ['feed'] });
  const page = await eventually(
    () => (feed.original()?.components.length ? feed.original() : undefined),
    5000,
    'the feed page',
  );
  const opened = pressButton(p.discord, { user, customId: `social:open:${slug}`, message: page });
  return eventually(
    () => (opened.original()?.content ? opened.original() : undefined),
    5000,
    'the panel',
  );
}
