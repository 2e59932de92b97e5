import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { choice, described, type Subcommand } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { assertManageGuild } from '../../src/discord/core/permissions.js';
import { UserError } from '../../src/errors.js';
import type {
  AccountPolicy,
  DeletedPolicy,
  ReplyStyle,
  ServerSettings,
} from '../../src/store/index.js';
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
    )
    .addStringOption((o) =>
      described(o, 'deleted', 'def.settings.deleted').addChoices(
        choice('keep', 'def.settings.deleted.keep'),
        choice('hide', 'def.settings.deleted.hide'),
        choice('delete', 'def.settings.deleted.delete'),
      ),
    );
}

async function settings(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  if (!interaction.inCachedGuild()) throw new UserError(say('settings.serverOnly'));
  const replies = interaction.options.getString('replies') as ReplyStyle | null;
  const accounts = interaction.options.getString('accounts') as AccountPolicy | null;
  const deleted = interaction.options.getString('deleted') as DeletedPolicy | null;
  let current: ServerSettings;
  if (replies || accounts || deleted) {
    assertManageGuild(interaction, say('manage.needManageServerSettings'));
    current = await ctx.store.settings.set(interaction.guildId, {
      ...(replies ? { replies } : {}),
      ...(accounts ? { accounts } : {}),
    });
    if (deleted) await ctx.store.settings.setDeleted(interaction.guildId, deleted);
    ctx.log.info(
      { guildId: interaction.guildId, userId: interaction.user.id, replies, accounts, deleted },
      'settings changed',
    );
  } else {
    current = await ctx.store.settings.get(interaction.guildId);
  }
  await interaction.reply({
    content: textFor(interaction.locale)('settings.summary', {
      replies: current.replies,
      accounts: current.accounts,
      deleted: await ctx.store.settings.deleted(interaction.guildId),
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
