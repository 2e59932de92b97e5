import {
  ChannelType,
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  assertManageGuild,
  canSeeChannel,
  missingWatchPermissions,
} from '../../src/discord/core/permissions.js';
import { UserError } from '../../src/errors.js';
import { VISIBILITIES } from '../../src/imgpile/schemas.js';
import type { Watch, WatchMode, WatchVisibility } from '../../src/store/index.js';
import { isSay, say, textFor, type Text } from '../../src/text/index.js';

/** Text, announcement, forum and media channels: a watch covers their threads and posts. */
const WATCHABLE = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildForum,
  ChannelType.GuildMedia,
] as const;

/** Hidden: never in imgpile's feeds or listings, yet every link in the reply works. */
const DEFAULT_VISIBILITY: WatchVisibility = 'hidden';

/** Said after every answer while the bot cannot see attachments in watched channels. */
const noContentNote = (ctx: BotContext, text: Text) =>
  ctx.features.messageContent ? '' : `\n${text('watch.noContent')}`;

export function watchGroup(group: SlashCommandSubcommandGroupBuilder) {
  return group
    .setName('watch')
    .setDescription('Rehost every image and video posted in a channel (Manage Server)')
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Watch a channel (its threads and forum posts too)')
        .addChannelOption((o) =>
          o
            .setName('channel')
            .setDescription('The channel to watch')
            .addChannelTypes(...WATCHABLE)
            .setRequired(true),
        )
        .addStringOption((o) =>
          o
            .setName('mode')
            .setDescription(
              'media: answer with direct links; post: group each message into one post',
            )
            .addChoices({ name: 'media', value: 'media' }, { name: 'post', value: 'post' }),
        )
        .addStringOption((o) =>
          o
            .setName('visibility')
            .setDescription('Who can see what it rehosts on imgpile (default: hidden)')
            .addChoices(...VISIBILITIES.map((v) => ({ name: v, value: v }))),
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
            .addChannelTypes(...WATCHABLE)
            .setRequired(true),
        ),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('List watched channels'));
}

/** The bot's missing permissions in a channel of this server, or null when it is not cached. */
function missingIn(interaction: ChatInputCommandInteraction<'cached'>, channelId: string) {
  const channel = interaction.guild.channels.cache.get(channelId);
  if (!channel || channel.isThread()) return null;
  return missingWatchPermissions(channel, interaction.guild.members.me);
}

async function add(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext) {
  const channel = interaction.options.getChannel('channel', true, [...WATCHABLE]);
  // A watch publishes what is posted there: never a channel its maker cannot read.
  if (!canSeeChannel(interaction.guild.channels.cache.get(channel.id), interaction.member)) {
    throw new UserError(say('watch.cannotSee', { channelId: channel.id }));
  }
  const missing = missingIn(interaction, channel.id) ?? [];
  if (missing.length > 0) {
    throw new UserError(say('watch.missing', { channelId: channel.id, missing }));
  }
  const watch: Watch = {
    mode: (interaction.options.getString('mode') ?? 'media') as WatchMode,
    visibility: (interaction.options.getString('visibility') ??
      DEFAULT_VISIBILITY) as WatchVisibility,
  };
  await ctx.store.watches.set(interaction.guildId, channel.id, watch);
  ctx.log.info(
    { guildId: interaction.guildId, channelId: channel.id, ...watch, userId: interaction.user.id },
    'channel watched',
  );
  const text = textFor(interaction.locale);
  const privately = watch.visibility === 'private' ? ` ${text('watch.privately')}` : '';
  const added = text('watch.added', {
    channelId: channel.id,
    mode: watch.mode,
    visibility: watch.visibility,
  });
  await interaction.reply({
    content: `${added}${privately}${noContentNote(ctx, text)}`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

async function list(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext) {
  const watched = await ctx.store.watches.list(interaction.guildId);
  const text = textFor(interaction.locale);
  const lines = watched.map((w) => {
    const missing = missingIn(interaction, w.channelId);
    const notes = [
      w.paused
        ? text('watch.paused', {
            reason: isSay(w.paused.say) ? text.say(w.paused.say) : w.paused.reason,
          })
        : '',
      missing?.length ? text('watch.lost', { missing }) : '',
      missing === null ? text('watch.gone') : '',
    ];
    const line = text('watch.line', {
      channelId: w.channelId,
      mode: w.mode,
      visibility: w.visibility,
    });
    return [line, ...notes.filter(Boolean)].join(' ');
  });
  const content =
    watched.length === 0 ? text('watch.none') : [text('watch.list'), ...lines].join('\n');
  await interaction.reply({
    content: `${content}${noContentNote(ctx, text)}`.slice(0, 2000),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

export async function watch(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  // Discord sets default permissions per top-level command only: checked here, every time.
  if (!interaction.inCachedGuild()) throw new UserError(say('watch.serverOnly'));
  assertManageGuild(interaction);
  const sub = interaction.options.getSubcommand();
  if (sub === 'add') return add(interaction, ctx);
  if (sub === 'list') return list(interaction, ctx);
  const channel = interaction.options.getChannel('channel', true, [...WATCHABLE]);
  const removed = await ctx.store.watches.remove(interaction.guildId, channel.id);
  ctx.log.info(
    { guildId: interaction.guildId, channelId: channel.id, removed, userId: interaction.user.id },
    'channel unwatched',
  );
  const text = textFor(interaction.locale);
  await interaction.reply({
    content: text(removed ? 'watch.removed' : 'watch.notWatched', { channelId: channel.id }),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
