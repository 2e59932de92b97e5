import {
  ChannelType,
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/context.js';
import { assertManageGuild } from '../../src/discord/permissions.js';
import { UserError } from '../../src/errors.js';
import type { WatchMode } from '../../src/store/index.js';

const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

export function watchGroup(group: SlashCommandSubcommandGroupBuilder) {
  return group
    .setName('watch')
    .setDescription('Rehost every image and video posted in a channel (Manage Server)')
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Watch a channel')
        .addChannelOption((o) =>
          o
            .setName('channel')
            .setDescription('The channel to watch')
            .addChannelTypes(...TEXT_CHANNELS)
            .setRequired(true),
        )
        .addStringOption((o) =>
          o
            .setName('mode')
            .setDescription(
              'media: answer with direct links; post: group each message into one post',
            )
            .addChoices({ name: 'media', value: 'media' }, { name: 'post', value: 'post' }),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Stop watching a channel')
        .addChannelOption((o) =>
          o
            .setName('channel')
            .setDescription('The channel')
            .addChannelTypes(...TEXT_CHANNELS)
            .setRequired(true),
        ),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('List watched channels'));
}

export async function watch(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  // Discord sets default permissions per top-level command only: checked here, every time.
  assertManageGuild(interaction);
  const guildId = interaction.guildId;
  if (!guildId) throw new UserError('Watching channels works in servers only.');
  const sub = interaction.options.getSubcommand();
  if (sub === 'list') {
    const watched = await ctx.store.watches.list(guildId);
    const content =
      watched.length === 0
        ? 'No channel is watched. Add one with `/imgpile watch add`.'
        : ['Watched channels:', ...watched.map((w) => `<#${w.channelId}>: ${w.mode}`)].join('\n');
    await interaction.reply({
      content,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const channel = interaction.options.getChannel('channel', true, [...TEXT_CHANNELS]);
  if (sub === 'add') {
    const mode = (interaction.options.getString('mode') ?? 'media') as WatchMode;
    await ctx.store.watches.set(guildId, channel.id, mode);
    ctx.log.info(
      { guildId, channelId: channel.id, mode, userId: interaction.user.id },
      'channel watched',
    );
    await interaction.reply({
      content: `Watching <#${channel.id}> (${mode} mode): every image and video posted there will be rehosted.`,
      flags: MessageFlags.Ephemeral,
      allowedMentions: { parse: [] },
    });
    return;
  }
  const removed = await ctx.store.watches.remove(guildId, channel.id);
  ctx.log.info(
    { guildId, channelId: channel.id, removed, userId: interaction.user.id },
    'channel unwatched',
  );
  await interaction.reply({
    content: removed ? `Stopped watching <#${channel.id}>.` : `<#${channel.id}> was not watched.`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
