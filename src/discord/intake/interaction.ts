import {
  InteractionContextType,
  MessageFlags,
  type ButtonInteraction,
  type CommandInteraction,
} from 'discord.js';
import { withWords } from '../../rehost/refusal.js';
import type { Attachment, FileText, PostOptions } from '../../request.js';
import { textFor } from '../../text/index.js';
import type { BotContext } from '../core/context.js';
import { NO_MENTIONS, formatQueued, formatRefusedOnly } from '../views/format.js';

/** What asks for a rehost: a command, or a button that offered one (find's). */
type Asking = CommandInteraction | ButtonInteraction;

/** Discord interaction tokens last 15 minutes. */
const INTERACTION_TTL_MS = 15 * 60_000;

/**
 * Whether the bot can post in the interaction's channel itself (for the result of work that
 * outlives the interaction's 15 minutes): in a server it is in, or in its own DM with the user;
 * not in other DMs and group DMs, nor in servers where only a user installed the app.
 */
function hasChannel(interaction: Asking): boolean {
  return interaction.inCachedGuild() || interaction.context === InteractionContextType.BotDM;
}

/**
 * Says what was queued, unless the worker's result is there already (a small file can be done
 * before this edit is sent): the result is never written over. A Redis that cannot say whose
 * turn it is does not keep the member from reading what was queued.
 */
async function sayQueued(interaction: Asking, ctx: BotContext, requestId: string, content: string) {
  const { requests } = ctx.store;
  if (!(await requests.startAck(requestId).catch(() => true))) return;
  try {
    await interaction.editReply({ content, allowedMentions: NO_MENTIONS });
  } finally {
    await requests.endAck(requestId).catch(() => undefined);
  }
}

/**
 * The common path of `/imgpile upload` and the context menu, after the interaction was
 * deferred: queue the files and say what was accepted and refused. The worker edits the same
 * reply with progress and the links.
 */
export async function rehostFromInteraction(
  interaction: Asking,
  ctx: BotContext,
  attachments: Attachment[],
  post: PostOptions | null,
  fileText?: FileText,
  addToPost?: number,
): Promise<void> {
  // A reply deferred ephemerally stays so, as does an ephemeral answer a button updates: its
  // links are for the invoker alone.
  const ephemeral =
    interaction.ephemeral === true ||
    (interaction.isButton() && interaction.message.flags.has(MessageFlags.Ephemeral));
  const fallback = hasChannel(interaction);
  const queued = await ctx.producer.enqueueRehost({
    requestId: interaction.id,
    attachments,
    requester: {
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
      locale: interaction.locale,
    },
    replyTarget: {
      type: 'interaction',
      applicationId: interaction.applicationId,
      interactionId: interaction.id,
      expiresAt: interaction.createdTimestamp + INTERACTION_TTL_MS,
      ...(ephemeral ? { ephemeral } : {}),
      fallback,
    },
    interactionToken: interaction.token,
    post,
    ...(fileText ? { fileText } : {}),
    ...(addToPost !== undefined ? { addToPost } : {}),
  });
  // The same interaction delivered twice: the first delivery owns the reply.
  if (queued.duplicate) return;
  const text = textFor(interaction.locale);
  const refused = queued.refused.map((f) => withWords(f, ctx.config));
  const note = fallback ? '' : `\n${text('rehost.noFallback')}`;
  const content =
    queued.accepted.length === 0
      ? formatRefusedOnly(refused, text)
      : `${formatQueued(queued.accepted.length, refused, text)}${note}`;
  // Queued late (Redis stalled): the worker may have answered already; its answer stays.
  if (!queued.late) await sayQueued(interaction, ctx, queued.requestId, content);
  // Said once, to the sender alone: their own imgpile account broke (files went to the bot's).
  if (queued.notice)
    await interaction.followUp({
      content: text.say(queued.notice),
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
}
