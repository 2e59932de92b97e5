import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
} from 'discord.js';
import type { Command } from '../src/discord/context.js';
import { attachmentsOf, isNsfwRequest, rehostFromInteraction } from '../src/discord/rehost.js';
import { UserError } from '../src/errors.js';

const REHOST_MESSAGE = 'Rehost to imgpile';

/**
 * Message context menu: rehosts the target message's attachments. Discord sends the target
 * message with the interaction, so this works without the Message Content intent.
 */
export const rehostMessage = {
  kind: 'message',
  data: new ContextMenuCommandBuilder()
    .setName(REHOST_MESSAGE)
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  async execute(interaction, ctx) {
    const message = interaction.targetMessage;
    if (message.attachments.size === 0) {
      throw new UserError('That message has no attachments to rehost.');
    }
    await interaction.deferReply();
    const attachments = attachmentsOf(message.attachments.values(), { mediaOnly: false });
    const nsfw = await isNsfwRequest(interaction.channel, attachments);
    await rehostFromInteraction(interaction, ctx, attachments, nsfw ? { nsfw: true } : null);
  },
} satisfies Command;
