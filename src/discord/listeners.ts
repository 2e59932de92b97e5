import type { Client, Message } from 'discord.js';
import { UserError } from '../errors.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS, REACTION, formatRefusedOnly, refusedLine } from './format.js';
import { attachmentsOf, isNsfwRequest } from './rehost.js';

/**
 * Auto-rehost: every image or video posted in a watched channel is queued, with a reaction
 * while it works and a reply (pinging no one) when done. Bots, webhooks, system messages and the
 * bot itself are ignored, so it can never loop.
 */
export function registerWatchListener(client: Client, ctx: BotContext): void {
  const log = ctx.log.child({ subsystem: 'watch' });
  client.on('messageCreate', (message) => {
    void onMessage(message).catch((err: unknown) =>
      log.error(
        { err, messageId: message.id, channelId: message.channelId, guildId: message.guildId },
        'auto-rehost failed',
      ),
    );
  });

  async function onMessage(message: Message): Promise<void> {
    if (!message.inGuild() || message.author.bot || message.webhookId || message.system) return;
    if (message.author.id === client.user?.id) return;
    if (message.attachments.size === 0) return;
    const mode = await ctx.store.watches.get(message.guildId, message.channelId);
    if (!mode) return;
    const attachments = attachmentsOf(message.attachments.values(), { mediaOnly: true });
    if (attachments.length === 0) return;
    const context = {
      messageId: message.id,
      channelId: message.channelId,
      guildId: message.guildId,
      userId: message.author.id,
    };

    // imgpile flags NSFW on posts only: an NSFW file in media mode goes into a post of its own.
    const nsfw = await isNsfwRequest(message.channel, attachments);
    const post = nsfw ? { nsfw: true } : mode === 'post' ? {} : null;

    await message
      .react(REACTION.working)
      .catch((err: unknown) => log.warn({ ...context, err }, 'could not react'));
    const fail = async (content: string) => {
      await message
        .reply({ content, allowedMentions: NO_MENTIONS })
        .catch((err: unknown) => log.warn({ ...context, err }, 'could not reply'));
      await message.reactions.cache
        .get(REACTION.working)
        ?.users.remove(client.user!.id)
        .catch(() => undefined);
      await message.react(REACTION.failed).catch(() => undefined);
    };
    try {
      const queued = await ctx.producer.enqueueRehost({
        requestId: `msg-${message.id}`,
        attachments,
        requester: {
          guildId: message.guildId,
          channelId: message.channelId,
          userId: message.author.id,
        },
        replyTarget: { type: 'message', channelId: message.channelId, messageId: message.id },
        post,
      });
      if (queued.duplicate) return;
      if (queued.accepted.length === 0) {
        await fail(formatRefusedOnly(queued.refused));
        return;
      }
      if (queued.refused.length > 0)
        log.info({ ...context, refused: queued.refused.map(refusedLine) }, 'some files refused');
    } catch (err) {
      if (err instanceof UserError) {
        log.info({ ...context, reason: err.message }, 'auto-rehost refused');
        await fail(err.message);
        return;
      }
      throw err;
    }
  }
}
