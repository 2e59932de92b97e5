import { EmbedBuilder, MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { describeAccountPolicy } from './settings.js';

const line = (u: { used: number; limit: number } | null) =>
  u ? `${u.used} of ${u.limit} (${Math.max(0, u.limit - u.used)} left)` : 'n/a';

/** The refusal budget: a file being fetched holds a place in it until it is done. */
function refusalsLine(r: { used: number; inProgress: number; limit: number }) {
  const left = Math.max(0, r.limit - r.used);
  const held = r.inProgress > 0 ? `; ${r.inProgress} being fetched now` : '';
  return `Refused files: ${r.used} of ${r.limit} (${left} left${held}). Files that are not images or videos, and links that fail, count: at ${r.limit}, your rehosts stop until the reset.`;
}

/**
 * Today's files: yours, this server's, the bot's account's, and your own linked account's; your
 * refusal budget; and the server's account policy, which says which of them a rehost spends.
 */
export async function quota(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const owner = { guildId: interaction.guildId, userId: interaction.user.id };
  const [usage, record, settings] = await Promise.all([
    ctx.quotas.usage(owner),
    ctx.store.accounts.get(owner.userId),
    ctx.store.settings.get(interaction.guildId),
  ]);
  const embed = new EmbedBuilder()
    .setTitle('Files rehosted today')
    .addFields(
      { name: 'You', value: line(usage.user), inline: true },
      { name: 'This server', value: line(usage.guild), inline: true },
      { name: "The bot's imgpile account", value: line(usage.account), inline: true },
    )
    .setFooter({ text: 'Limits reset at midnight UTC' });
  if (record) {
    const own = await ctx.quotas.usage({ ...owner, account: 'user' });
    const name = `Your imgpile account (${record.username})${record.broken ? ', not working' : ''}`;
    embed.addFields({ name, value: line(own.linked), inline: true });
  }
  const policy = interaction.guildId ? `\nThis server: ${describeAccountPolicy(settings)}.` : '';
  const resets = `Resets <t:${Math.floor(usage.resetsAt.getTime() / 1000)}:R>.`;
  embed.setDescription(`${resets}${policy}\n${refusalsLine(usage.refusals)}`.slice(0, 4096));
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}
