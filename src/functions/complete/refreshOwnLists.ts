import type { Acting } from '../../accounts/linked.js';
import type { BotContext } from '../../discord/core/context.js';
import type { OwnItem, OwnLists } from '../../store/index.js';

/** A member's linked account is read again at most this often, whatever they type. */
export const OWN_REFRESH_S = 60;
/** How much of it: the newest of each list. */
const LIST_LIMIT = 50;

const usernameOf = (record: Record<string, unknown>) =>
  typeof record.username === 'string' ? record.username : null;

/** Reads the account's posts, media and follows: three reads of its own budget, or none. */
async function readOwnLists(acting: Acting): Promise<OwnLists> {
  // Never waits: a refresh that finds the account's budget busy is simply skipped.
  await acting.limiter.acquire({ maxWaitMs: 0, slots: 3 });
  const read = { authenticated: true };
  const query = { limit: LIST_LIMIT };
  const [posts, media, following] = await Promise.all([
    acting.client.listUserPosts(acting.username, query, read),
    acting.client.listUserMedia(acting.username, query, read),
    acting.client.listUserFollowing(acting.username, query, read),
  ]);
  const items: OwnItem[] = [
    ...posts.body.data.map((p) => ({
      kind: 'post' as const,
      slug: p.slug,
      title: p.title ?? null,
    })),
    ...media.body.data.map((m) => ({
      kind: 'media' as const,
      slug: m.slug,
      title: m.title ?? null,
    })),
  ];
  const names = following.body.data.map(usernameOf).filter((n): n is string => n !== null);
  return { items, following: names, at: Date.now() };
}

/**
 * Reads the member's linked account again when its copy is older than OWN_REFRESH_S and no other
 * keystroke started a read within that time: at most one read a period per member, never on a
 * keystroke's path (the caller does not wait for it). Failures are logged and change nothing.
 */
export function refreshOwnLists(ctx: BotContext, userId: string, lists: OwnLists | null): void {
  if (!ctx.accounts.enabled) return;
  if (lists && Date.now() - lists.at < OWN_REFRESH_S * 1000) return;
  const log = ctx.log.child({ subsystem: 'autocomplete', userId });
  void (async () => {
    if (!(await ctx.store.completions.claimRefresh(userId, OWN_REFRESH_S))) return;
    const acting = await ctx.accounts.actAs(userId);
    if (typeof acting === 'string') return;
    await ctx.store.completions.setOwn(userId, await readOwnLists(acting));
    log.debug('linked account lists read for autocomplete');
  })().catch((err: unknown) =>
    log.info({ err: { message: (err as Error).message } }, 'linked account lists not read'),
  );
}
