import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
} from 'discord.js';
import { UserError } from '../src/errors.js';
import { rehostFromInteraction, toAttachment } from '../src/discord/rehost.js';
import type { Command } from './types.js';

export const REHOST_MESSAGE = 'Rehost to imgpile';

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
    const attachments = [...message.attachments.values()].slice(0, 10).map(toAttachment);
    const channel = interaction.channel;
    const ageRestricted = channel !== null && 'nsfw' in channel && channel.nsfw === true;
    const nsfw = ageRestricted || attachments.some((a) => a.spoiler);
    await rehostFromInteraction(interaction, ctx, attachments, nsfw ? { nsfw: true } : null);
  },
} satisfies Command;
