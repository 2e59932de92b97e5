import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { privateThreadHere } from '../src/discord/core/channels.js';
import { named } from '../src/discord/core/commands.js';
import { CONTEXTS, INSTALLS, type Command } from '../src/discord/core/context.js';
import { filesOf, isForwardedAdult, isNsfwInteraction } from '../src/discord/intake/files.js';
import { rehostFromInteraction } from '../src/discord/intake/interaction.js';
import { UserError } from '../src/errors.js';
import { say } from '../src/text/index.js';

/**
 * Message context menu: rehosts the target message's attachments. Discord sends the target
 * message with the interaction, so this works without the Message Content intent.
 */
export const rehostMessage = {
  kind: 'message',
  data: named(new ContextMenuCommandBuilder(), 'def.menu.rehost')
    .setType(ApplicationCommandType.Message)
    .setIntegrationTypes(...INSTALLS)
    .setContexts(...CONTEXTS)
    .toJSON(),
  async execute(interaction, ctx) {
    const attachments = filesOf(ctx, interaction.targetMessage, false);
    if (attachments.length === 0) {
      throw new UserError(say('menu.nothing'));
    }
    await interaction.deferReply();
    const nsfw =
      (await isNsfwInteraction(interaction, attachments)) ||
      (await isForwardedAdult(interaction.targetMessage));
    // A private thread's files are for its members: kept out of imgpile's feeds (hidden).
    const hidden = privateThreadHere(interaction);
    const post =
      nsfw || hidden
        ? { ...(nsfw ? { nsfw: true } : {}), ...(hidden ? { visibility: 'hidden' as const } : {}) }
        : null;
    await rehostFromInteraction(interaction, ctx, attachments, post);
  },
} satisfies Command;
