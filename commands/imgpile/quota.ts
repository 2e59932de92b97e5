import { EmbedBuilder, MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../../src/discord/context.js';

export async function quota(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const usage = await ctx.quotas.usage({
    guildId: interaction.guildId,
    userId: interaction.user.id,
  });
  const line = (u: { used: number; limit: number } | null) =>
    u ? `${u.used} of ${u.limit} (${Math.max(0, u.limit - u.used)} left)` : 'n/a';
  const embed = new EmbedBuilder()
    .setTitle('Files rehosted today')
    .addFields(
      { name: 'You', value: line(usage.user), inline: true },
      { name: 'This server', value: line(usage.guild), inline: true },
      { name: "The bot's imgpile account", value: line(usage.account), inline: true },
    )
    .setFooter({ text: 'Limits reset at midnight UTC' })
    .setDescription(`Resets <t:${Math.floor(usage.resetsAt.getTime() / 1000)}:R>.`);
  await interaction.reply({ embeds: [embed], flags: MessageFlags.Ephemeral });
}
