import { PermissionFlagsBits, type AutocompleteInteraction } from 'discord.js';
import type { BotContext, Choice } from '../../discord/core/context.js';
import { hasServerPermission, watchesSeenBy } from '../../discord/core/permissions.js';
import { textFor } from '../../text/index.js';

/**
 * `watch remove`'s watched channels, for a member who may change the watches (Manage Server, as
 * the command itself checks): each by its name where the bot still has it, by its id where the
 * channel is gone (a deleted channel's watch cannot be picked in Discord's channel list). Only
 * the channels the member can see: Manage Server does not show every channel. From Redis only.
 * Nobody else is offered any, not even the names.
 */
export async function completeWatched(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
  typed: string,
): Promise<Choice[]> {
  if (!interaction.inCachedGuild()) return [];
  if (!hasServerPermission(interaction, PermissionFlagsBits.ManageGuild)) return [];
  const text = textFor(interaction.locale);
  const needle = typed.trim().replace(/^#/, '').toLowerCase();
  const watches = await ctx.store.watches.list(interaction.guildId);
  return watchesSeenBy(interaction.member, watches)
    .seen.map(({ channelId }) => {
      const channel = interaction.guild.channels.cache.get(channelId);
      return {
        name: channel
          ? text('complete.channel', { name: channel.name })
          : text('complete.goneChannel', { channelId }),
        value: channelId,
      };
    })
    .filter((c) => c.name.toLowerCase().includes(needle) || c.value.includes(needle));
}
