import { EmbedBuilder, MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { Subcommand } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { textFor, type Text } from '../../src/text/index.js';

const line = (text: Text, u: { used: number; limit: number } | null) =>
  u ? text('quota.usage', u) : text('quota.none');

/**
 * Today's files: yours, this server's, the bot's account's, and your own linked account's; your
 * refusal budget (a file being fetched holds a place in it until it is done); and the server's
 * account policy, which says which of them a rehost spends.
 */
async function quota(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const owner = { guildId: interaction.guildId, userId: interaction.user.id };
  const [usage, record, settings] = await Promise.all([
    ctx.quotas.usage(owner),
    ctx.store.accounts.get(owner.userId),
    ctx.store.settings.get(interaction.guildId),
  ]);
  const text = textFor(interaction.locale);
  const embed = new EmbedBuilder()
    .setTitle(text('quota.title'))
    .addFields(
      { name: text('quota.you'), value: line(text, usage.user), inline: true },
      { name: text('quota.server'), value: line(text, usage.guild), inline: true },
      { name: text('quota.botAccount'), value: line(text, usage.account), inline: true },
    )
    .setFooter({ text: text('quota.footer') });
  if (record) {
    const own = await ctx.quotas.usage({ ...owner, account: 'user' });
    const name = text('quota.ownAccount', { username: record.username, broken: record.broken });
    embed.addFields({ name, value: line(text, own.linked), inline: true });
  }
  const lines = [
    text('quota.resets', { at: usage.resetsAt.getTime() }),
    interaction.guildId ? text('quota.policy', { accounts: settings.accounts }) : null,
    text('quota.refused', usage.refusals),
  ];
  embed.setDescription(
    lines
      .filter((l) => l !== null)
      .join('\n')
      .slice(0, 4096),
  );
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}

export const quotaSubcommand: Subcommand = { name: 'quota', description: 'def.quota', run: quota };
