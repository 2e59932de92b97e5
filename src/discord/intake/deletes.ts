import { Events, Routes, type Client } from 'discord.js';
import { goneIsFine } from '../../imgpile/errors.js';
import type { DeletedPolicy, MessageCopy } from '../../store/index.js';
import type { BotContext } from '../core/context.js';

/** Deletes followed at once: beyond it (a purge of thousands) the rest wait their turn. */
const MAX_IN_FLIGHT = 4;

type RawDelete = { id?: string; ids?: string[]; channel_id?: string; guild_id?: string };

/** One imgpile call on the bot's budget, waiting its turn (deletes are not urgent). */
async function call<T>(ctx: BotContext, run: () => Promise<T>): Promise<T> {
  await ctx.limiter.acquire({ maxWaitMs: 120_000 });
  return run();
}

/**
 * Hides or deletes one request's copies. Hiding: a public post becomes hidden (never a private
 * one made less private; a file outside a post has no visibility on imgpile and stays).
 * Deleting: the post and the files the bot uploaded, and their records. Either way the bot's
 * reply goes: it would show again what its author deleted.
 */
async function follow(ctx: BotContext, policy: DeletedPolicy, copy: MessageCopy) {
  const { imgpile, store } = ctx;
  if (policy === 'hide' && copy.post?.visibility === 'public') {
    const slug = copy.post.slug;
    await goneIsFine(() => call(ctx, () => imgpile.updatePost(slug, { visibility: 'hidden' })));
  }
  if (policy === 'delete') {
    if (copy.post) {
      const slug = copy.post.slug;
      await goneIsFine(() => call(ctx, () => imgpile.deletePost(slug)));
      await store.ownership.forgetPost(slug);
    }
    for (const m of copy.media) {
      await goneIsFine(() => call(ctx, () => imgpile.deleteMedia(m.slug)));
      await store.uploads.forgetMedia(m.slug, m.attachmentId);
    }
  }
  await ctx.discordRest
    .delete(Routes.channelMessage(copy.reply.channelId, copy.reply.messageId))
    .catch((err: unknown) => ctx.log.info({ err }, 'the reply to a deleted message stays'));
}

/**
 * Deleted messages (one, or in bulk) in a watched channel: their copies are kept, hidden or
 * deleted as the server's `deleted` setting says. Only what the bot made from those messages,
 * found by server and message id: a delete in one server cannot reach another's copies.
 */
export function registerDeleteListener(client: Client, ctx: BotContext): void {
  const log = ctx.log.child({ subsystem: 'deletes' });
  let inFlight = 0;
  const queue: (() => Promise<void>)[] = [];
  const pump = () => {
    while (inFlight < MAX_IN_FLIGHT && queue.length > 0) {
      const task = queue.shift()!;
      inFlight += 1;
      void task().finally(() => {
        inFlight -= 1;
        pump();
      });
    }
  };

  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => {
    if (packet.t !== 'MESSAGE_DELETE' && packet.t !== 'MESSAGE_DELETE_BULK') return;
    const d = packet.d as RawDelete;
    const ids = packet.t === 'MESSAGE_DELETE' ? [d.id] : (d.ids ?? []);
    const guildId = d.guild_id;
    // Only watched channels and their threads are cached: elsewhere the bot made no copies.
    if (!guildId || !d.channel_id || !client.channels.cache.has(d.channel_id)) return;
    for (const id of ids) if (id) queue.push(() => onDeleted(guildId, d.channel_id!, id));
    pump();
  });

  async function onDeleted(guildId: string, channelId: string, messageId: string) {
    const mlog = log.child({ guildId, channelId, messageId });
    try {
      const deleted = await ctx.store.settings.deleted(guildId);
      if (deleted === 'keep') return;
      const copies = await ctx.store.messageCopies.take(guildId, messageId);
      for (const copy of copies) await follow({ ...ctx, log: mlog }, deleted, copy);
      if (copies.length > 0)
        mlog.info({ deleted, copies: copies.length }, 'deleted message followed');
    } catch (err) {
      mlog.warn({ err }, 'a deleted message could not be followed');
    }
  }
}
