import {
  ChannelType,
  DiscordAPIError,
  MessageFlags,
  type ChatInputCommandInteraction,
  type GuildBasedChannel,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  assertManageGuild,
  invokerCanSee,
  missingWatchPermissions,
} from '../../src/discord/core/permissions.js';
import { REFUSALS_TO_STOP, isRefusal } from '../../src/discord/core/refusals.js';
import { UserError } from '../../src/errors.js';
import { VISIBILITIES } from '../../src/imgpile/schemas.js';
import type { Watch, WatchMode, WatchVisibility } from '../../src/store/index.js';

/** Text, announcement, forum and media channels: a watch covers their threads and posts. */
const WATCHABLE = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.GuildForum,
  ChannelType.GuildMedia,
] as const;

/** Hidden: never in imgpile's feeds or listings, yet every link in the reply works. */
const DEFAULT_VISIBILITY: WatchVisibility = 'hidden';

const NO_CONTENT_NOTE =
  '\n⚠️ The bot runs without the Message Content intent, so it cannot see attachments in watched channels until an admin of the bot switches on "Message Content Intent" in the Discord developer portal and restarts it.';

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

/**
 * The channel with its overwrites, as the bot's permissions there are read from: cached when
 * watched, else asked of Discord. Null where Discord refuses the bot (it cannot see the channel),
 * and not asked again where it refused lately: a hidden channel costs at most two refused
 * requests in Discord's 10 minutes, however often someone tries.
 */
async function botsView(
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: BotContext,
  channelId: string,
): Promise<GuildBasedChannel | null> {
  const cached = interaction.guild.channels.cache.get(channelId);
  if (cached) return cached;
  if ((await ctx.store.watches.refusals(channelId)) >= REFUSALS_TO_STOP) return null;
  try {
    return await interaction.guild.channels.fetch(channelId, { cache: false });
  } catch (err) {
    if (isRefusal(err)) await ctx.store.watches.noteRefusal(channelId);
    else if (!(err instanceof DiscordAPIError && err.status === 404)) throw err;
    return null;
  }
}

async function add(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext) {
  const channel = interaction.options.getChannel('channel', true, [...WATCHABLE]);
  // A watch publishes what is posted there: never a channel its maker cannot read.
  if (!invokerCanSee(channel)) {
    throw new UserError(
      `You cannot see <#${channel.id}> yourself, so you cannot watch it: a watch rehosts what is posted there.`,
    );
  }
  const seen = await botsView(interaction, ctx, channel.id);
  const missing = seen
    ? missingWatchPermissions(seen, interaction.guild.members.me)
    : ['View Channel'];
  if (missing.length > 0) {
    throw new UserError(
      `The bot cannot work in <#${channel.id}>: it is missing ${missing.join(', ')} there. Give it those (channel settings → Permissions), then add the watch again.`,
    );
  }
  const watch: Watch = {
    mode: (interaction.options.getString('mode') ?? 'media') as WatchMode,
    visibility: (interaction.options.getString('visibility') ??
      DEFAULT_VISIBILITY) as WatchVisibility,
  };
  // Followed here first (the channel is in hand), then told to every process.
  await ctx.watched.watch(interaction.guildId, channel.id, seen ?? undefined);
  try {
    await ctx.store.watches.set(interaction.guildId, channel.id, watch);
  } catch (err) {
    if (!(await ctx.store.watches.get(interaction.guildId, channel.id).catch(() => null)))
      ctx.watched.unwatch(interaction.guildId, channel.id);
    throw err;
  }
  ctx.log.info(
    { guildId: interaction.guildId, channelId: channel.id, ...watch, userId: interaction.user.id },
    'channel watched',
  );
  const privately =
    watch.visibility === 'private' ? ' Links go to each poster by direct message.' : '';
  await interaction.reply({
    content: `Watching <#${channel.id}> (${watch.mode} mode, ${watch.visibility}): every image and video posted there, in its threads and posts too, will be rehosted.${privately}${ctx.features.messageContent ? '' : NO_CONTENT_NOTE}`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

async function list(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext) {
  const watched = await ctx.store.watches.list(interaction.guildId);
  const lines = watched.map((w) => {
    const missing = missingIn(interaction, w.channelId);
    const lost = missing?.length ? ` ⚠️ the bot lost ${missing.join(', ')} there` : '';
    const gone = missing === null ? ' ⚠️ the bot cannot see this channel any more' : '';
    const paused = w.paused
      ? ` ⏸️ paused (${w.paused.reason}): add it again to resume once fixed`
      : '';
    return `<#${w.channelId}>: ${w.mode}, ${w.visibility}${paused}${lost}${gone}`;
  });
  const content =
    watched.length === 0
      ? 'No channel is watched. Add one with `/imgpile watch add`.'
      : ['Watched channels:', ...lines].join('\n');
  await interaction.reply({
    content: `${content}${ctx.features.messageContent ? '' : NO_CONTENT_NOTE}`.slice(0, 2000),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

export async function watch(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  // Discord sets default permissions per top-level command only: checked here, every time.
  if (!interaction.inCachedGuild())
    throw new UserError('Watching channels works in servers the bot is in only.');
  assertManageGuild(interaction);
  const sub = interaction.options.getSubcommand();
  if (sub === 'add') return add(interaction, ctx);
  if (sub === 'list') return list(interaction, ctx);
  const channel = interaction.options.getChannel('channel', true, [...WATCHABLE]);
  const removed = await ctx.store.watches.remove(interaction.guildId, channel.id);
  ctx.watched.unwatch(interaction.guildId, channel.id);
  ctx.log.info(
    { guildId: interaction.guildId, channelId: channel.id, removed, userId: interaction.user.id },
    'channel unwatched',
  );
  await interaction.reply({
    content: removed ? `Stopped watching <#${channel.id}>.` : `<#${channel.id}> was not watched.`,
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}
