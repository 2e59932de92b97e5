import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { CONTEXTS, INSTALLS, type Command } from '../src/discord/core/context.js';
import { filesOf, isNsfwInteraction } from '../src/discord/intake/files.js';
import { rehostFromInteraction } from '../src/discord/intake/interaction.js';
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
    .setIntegrationTypes(...INSTALLS)
    .setContexts(...CONTEXTS)
    .toJSON(),
  async execute(interaction, ctx) {
    const attachments = filesOf(ctx, interaction.targetMessage, false);
    if (attachments.length === 0) {
      throw new UserError('That message has no attachments or image links to rehost.');
    }
    await interaction.deferReply();
    const nsfw = await isNsfwInteraction(interaction, attachments);
    await rehostFromInteraction(interaction, ctx, attachments, nsfw ? { nsfw: true } : null);
  },
} satisfies Command;
