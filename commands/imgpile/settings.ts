import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { choice, described, type Subcommand } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { assertManageGuild } from '../../src/discord/core/permissions.js';
import { UserError } from '../../src/errors.js';
import type { AccountPolicy, ReplyStyle, ServerSettings } from '../../src/store/index.js';
import { say, textFor } from '../../src/text/index.js';

function settingsOptions(sub: SlashCommandSubcommandBuilder) {
  return sub
    .addStringOption((o) =>
      described(o, 'replies', 'def.settings.replies').addChoices(
        choice('gallery', 'def.settings.replies.gallery'),
        choice('plain', 'def.settings.replies.plain'),
      ),
    )
    .addStringOption((o) =>
      described(o, 'accounts', 'def.settings.accounts').addChoices(
        choice('bot', 'def.settings.accounts.bot'),
        choice('own', 'def.settings.accounts.own'),
        choice('either', 'def.settings.accounts.either'),
      ),
    );
}

async function settings(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
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

export const settingsSubcommand: Subcommand = {
  name: 'settings',
  description: 'def.settings',
  options: settingsOptions,
  run: settings,
};
