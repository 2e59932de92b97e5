import { createHash } from 'node:crypto';
import { Events, type Client, type Message } from 'discord.js';
import { findMediaLinks, type EmbedLike } from '../../rehost/url.js';
import type { BotContext } from '../core/context.js';
import { filesOf } from './files.js';
import { begin, queueWatched } from './listeners.js';

/** Updates being looked at at once: beyond it (Redis or Discord slow) new ones are dropped. */
const MAX_IN_FLIGHT = 16;

/**
 * What a MESSAGE_UPDATE carries, as Discord sends it: an update may hold only the fields that
 * changed (an embed Discord added a moment after the message: `id`, `channel_id`, `guild_id`
 * and `embeds`), so nothing else is relied on.
 */
type RawUpdate = {
  id?: string;
  channel_id?: string;
  guild_id?: string;
  content?: string;
  embeds?: EmbedLike[];
  author?: { bot?: boolean };
  webhook_id?: string;
};

/** Whether an update shows any media link at all: most edits do not, and cost nothing. */
function mayBringMedia(d: RawUpdate): boolean {
  if (!d.id || !d.guild_id || !d.channel_id || d.author?.bot || d.webhook_id) return false;
  return findMediaLinks(d.content ?? '', d.embeds ?? [], 1).length > 0;
}

/** The links of a message as files: its attachments were taken when it was created. */
const linksOf = (ctx: BotContext, message: Message) =>
  filesOf(ctx, message).filter((f) => f.source === 'url' || f.source === 'discord-link');

/** A request id per set of new media: the same update seen twice is one request. */
const requestIdOf = (messageId: string, ids: string[]) =>
  `msg-${messageId}-u${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 12)}`;

/**
 * Late embeds: when a message in a watched channel is updated with media it did not show
 * before (Discord's embed for a GIF site or an image link, added a moment after the message;
 * an edit adding a link), those media are rehosted then, once, as the author's. The message is
 * read again over REST (the update may be partial), and only media no one took before are
 * queued: never the message's files again, never the same link twice.
 */
export function registerLateEmbedListener(client: Client, ctx: BotContext): void {
  const log = ctx.log.child({ subsystem: 'late-embeds' });
  let inFlight = 0;
  client.on(Events.Raw, (packet: { t?: string | null; d?: unknown }) => {
    if (packet.t !== 'MESSAGE_UPDATE') return;
    const d = packet.d as RawUpdate;
    if (!mayBringMedia(d)) return;
    // Only watched channels and their threads are cached: any other is not ours to answer.
    const channel = client.channels.cache.get(d.channel_id!);
    if (!channel?.isTextBased() || channel.isDMBased()) return;
    if (inFlight >= MAX_IN_FLIGHT) {
      log.warn({ messageId: d.id, channelId: d.channel_id }, 'too busy; update skipped');
      return;
    }
    inFlight += 1;
    const context = { messageId: d.id, channelId: d.channel_id, guildId: d.guild_id };
    void channel.messages
      .fetch({ message: d.id!, cache: false })
      .then((message) => onUpdate(message))
      .catch((err: unknown) => log.warn({ err, ...context }, 'late embed not rehosted'))
      .finally(() => (inFlight -= 1));
  });

  async function onUpdate(message: Message): Promise<void> {
    if (!message.inGuild() || message.author.bot || message.webhookId || message.system) return;
    const links = linksOf(ctx, message);
    if (links.length === 0) return;
    const mlog = log.child({
      messageId: message.id,
      channelId: message.channelId,
      guildId: message.guildId,
      userId: message.author.id,
    });
    const fresh = await ctx.store.messageMedia.claim(
      message.id,
      links.map((l) => l.id),
    );
    const files = links.filter((l) => fresh.has(l.id));
    if (files.length === 0) return;
    const found = await begin(ctx, message, mlog);
    if (!found) return;
    mlog.info({ files: files.length }, 'late media rehosted');
    const requestId = requestIdOf(
      message.id,
      files.map((f) => f.id),
    );
    await queueWatched(ctx, message, found, files, requestId, mlog);
  }
}
