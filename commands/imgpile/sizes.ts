import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { onButton } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { galleryPictures, sizedLinks, sizesId, type Size } from '../../src/discord/views/sizes.js';
import { UserError } from '../../src/errors.js';
import { say, textFor } from '../../src/text/index.js';

/**
 * A size button under a gallery reply: the direct links of its pictures at that size, to the
 * presser alone. Read from the message Discord sent with the press (the bot's own), so it
 * costs no imgpile request and gives nobody a link the reply did not already show.
 */
async function sizePressed(interaction: ButtonInteraction, ctx: BotContext, size: Size) {
  const raw = interaction.message.components.map((c) => c.toJSON());
  const links = sizedLinks(galleryPictures(raw), size);
  if (links.length === 0) throw new UserError(say('sizes.none'));
  const text = textFor(interaction.locale);
  ctx.log.info({ userId: interaction.user.id, size, links: links.length }, 'sized links given');
  await interaction.reply({
    content: text('sizes.links', { size, links: links.join('\n') }),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

/** The size buttons of gallery replies. */
export const sizeRoutes = { buttons: [onButton(sizesId, sizePressed)] };
