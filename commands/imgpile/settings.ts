import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { LINK_HINT } from '../../src/accounts/standing.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { assertManageGuild } from '../../src/discord/core/permissions.js';
import { UserError } from '../../src/errors.js';
import type { AccountPolicy, ReplyStyle, ServerSettings } from '../../src/store/index.js';

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

const ACCOUNT_POLICIES = {
  bot: "files go to the bot's imgpile account",
  own: `members must link their own imgpile account (${LINK_HINT})`,
  either: "files go to a member's own imgpile account when linked, else to the bot's",
} as const;

/** The server's account policy in a phrase: `accounts **either** (...)`. */
export function describeAccountPolicy(s: Pick<ServerSettings, 'accounts'>): string {
  return `accounts **${s.accounts}** (${ACCOUNT_POLICIES[s.accounts]})`;
}

/** What each setting means, for the answer. */
export function describeSettings(s: ServerSettings): string {
  const accounts = ACCOUNT_POLICIES[s.accounts];
  const replies = {
    gallery: 'finished rehosts are shown as a gallery',
    plain: 'finished rehosts are shown as plain links',
  }[s.replies];
  return `Replies: **${s.replies}** (${replies}).\nAccounts: **${s.accounts}** (${accounts}).`;
}

export async function settings(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  if (!interaction.inCachedGuild())
    throw new UserError('Settings belong to servers the bot is in.');
  const replies = interaction.options.getString('replies') as ReplyStyle | null;
  const accounts = interaction.options.getString('accounts') as AccountPolicy | null;
  let current: ServerSettings;
  if (replies || accounts) {
    assertManageGuild(interaction, 'You need the Manage Server permission to change the settings.');
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
    content: describeSettings(current),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
