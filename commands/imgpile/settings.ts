import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { assertManageGuild } from '../../src/discord/core/permissions.js';
import { UserError } from '../../src/errors.js';
import type { AccountPolicy, ReplyStyle, ServerSettings } from '../../src/store/index.js';
import { say, textFor } from '../../src/text/index.js';

export function settingsSubcommand(sub: SlashCommandSubcommandBuilder) {
  return sub
    .setName('settings')
    .setDescription("This server's settings for the bot (Manage Server to change)")
    .addStringOption((o) =>
      o
        .setName('replies')
        .setDescription('How finished rehosts are shown')
        .addChoices(
          { name: 'gallery: the images, links and buttons', value: 'gallery' },
          { name: 'plain: links only', value: 'plain' },
        ),
    )
    .addStringOption((o) =>
      o
        .setName('accounts')
        .setDescription("Whose imgpile account members' files go to")
        .addChoices(
          { name: "bot: the bot's account only", value: 'bot' },
          { name: 'own: each member must link their own', value: 'own' },
          { name: 'either: their own when linked, else the bot', value: 'either' },
        ),
    );
}

export async function settings(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  if (!interaction.inCachedGuild()) throw new UserError(say('settings.serverOnly'));
  const replies = interaction.options.getString('replies') as ReplyStyle | null;
  const accounts = interaction.options.getString('accounts') as AccountPolicy | null;
  let current: ServerSettings;
  if (replies || accounts) {
    assertManageGuild(interaction, say('manage.needManageServerSettings'));
    current = await ctx.store.settings.set(interaction.guildId, {
      ...(replies ? { replies } : {}),
      ...(accounts ? { accounts } : {}),
    });
    ctx.log.info(
      { guildId: interaction.guildId, userId: interaction.user.id, replies, accounts },
      'settings changed',
    );
  } else {
    current = await ctx.store.settings.get(interaction.guildId);
  }
  await interaction.reply({
    content: textFor(interaction.locale)('settings.summary', {
      replies: current.replies,
      accounts: current.accounts,
    }),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
