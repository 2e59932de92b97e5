import {
  ChannelType,
  DiscordAPIError,
  MessageFlags,
  type ChatInputCommandInteraction,
  type GuildBasedChannel,
} from 'discord.js';
import { choice, described, type SubcommandGroup } from '../../src/discord/core/commands.js';
import { backfillStopSubcommand, backfillSubcommand } from './backfill.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  assertManageGuild,
  invokerCanSee,
  missingWatchPermissions,
  watchesSeenBy,
} from '../../src/discord/core/permissions.js';
import { REFUSALS_TO_STOP, isRefusal } from '../../src/discord/core/refusals.js';
import { UserError } from '../../src/errors.js';
import { completeWatched } from '../../src/functions/complete/completeWatched.js';
import { VISIBILITIES } from '../../src/imgpile/schemas.js';
import type { Watch, WatchMode, WatchVisibility } from '../../src/store/index.js';
import { isSay, say, textFor, type Permission, type Text } from '../../src/text/index.js';

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
    throw new UserError(say('watch.cannotSee', { channelId: channel.id }));
  }
  const seen = await botsView(interaction, ctx, channel.id);
  const missing: Permission[] = seen
    ? missingWatchPermissions(seen, interaction.guild.members.me)
    : ['ViewChannel'];
  if (missing.length > 0) {
    throw new UserError(say('watch.missing', { channelId: channel.id, missing }));
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
    // Catch-up starts from now: what is posted from here on is not lost to a restart.
    await ctx.store.catchup.note(interaction.guildId, channel.id, interaction.id);
  } catch (err) {
    if (!(await ctx.store.watches.get(interaction.guildId, channel.id).catch(() => null)))
      ctx.watched.unwatch(interaction.guildId, channel.id);
    throw err;
  }
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
  const all = await ctx.store.watches.list(interaction.guildId);
  // Only the channels the member can see are named; the others are counted.
  const { seen: watched, unseen } = watchesSeenBy(interaction.member, all);
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
  if (unseen > 0) lines.push(text('watch.unseen', { count: unseen }));
  const content = all.length === 0 ? text('watch.none') : [text('watch.list'), ...lines].join('\n');
  await interaction.reply({
    content: `${content}${noContentNote(ctx, text)}`.slice(0, 2000),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

type WatchRun = (
  interaction: ChatInputCommandInteraction<'cached'>,
  ctx: BotContext,
) => Promise<void>;

/** Discord sets default permissions per top-level command only: checked here, every time. */
const managed =
  (run: WatchRun) =>
  async (interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> => {
    if (!interaction.inCachedGuild()) throw new UserError(say('watch.serverOnly'));
    assertManageGuild(interaction);
    await run(interaction, ctx);
  };

/** The channel `watch remove` names: picked in Discord's list, or from the watched ones. */
function channelToRemove(interaction: ChatInputCommandInteraction<'cached'>): string {
  const picked = interaction.options.getChannel('channel', false, [...WATCHABLE])?.id;
  const watched = interaction.options.getString('watched')?.trim();
  // Anything may be typed instead of a choice: only a channel id is read.
  if (watched !== undefined && !/^\d{15,25}$/.test(watched))
    throw new UserError(say('watch.removeWhich'));
  const channelId = picked ?? watched;
  if (channelId === undefined || (watched !== undefined && watched !== channelId))
    throw new UserError(say('watch.removeWhich'));
  return channelId;
}

async function remove(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext) {
  const channelId = channelToRemove(interaction);
  // A typed id may be another server's channel: only this server's watches are touched (the
  // watch index and every bot process's cache are shared by all servers).
  const ours = (await ctx.store.watches.get(interaction.guildId, channelId)) !== null;
  const removed = ours && (await ctx.store.watches.remove(interaction.guildId, channelId));
  if (ours) ctx.watched.unwatch(interaction.guildId, channelId);
  if (ours) await ctx.store.catchup.drop(interaction.guildId, channelId);
  ctx.log.info(
    { guildId: interaction.guildId, channelId, removed, userId: interaction.user.id },
    'channel unwatched',
  );
  const text = textFor(interaction.locale);
  await interaction.reply({
    content: text(removed ? 'watch.removed' : 'watch.notWatched', { channelId }),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

export const watchGroup: SubcommandGroup = {
  name: 'watch',
  description: 'def.watch',
  subcommands: [
    {
      name: 'add',
      description: 'def.watch.add',
      options: (sub) =>
        sub
          .addChannelOption((o) =>
            described(o, 'channel', 'def.watch.add.channel')
              .addChannelTypes(...WATCHABLE)
              .setRequired(true),
          )
          .addStringOption((o) =>
            described(o, 'mode', 'def.watch.add.mode').addChoices(
              choice('media', 'def.mode.media'),
              choice('post', 'def.mode.post'),
            ),
          )
          .addStringOption((o) =>
            described(o, 'visibility', 'def.watch.add.visibility').addChoices(
              ...VISIBILITIES.map((v) => choice(v, `def.visibility.${v}`)),
            ),
          ),
      run: managed(add),
    },
    {
      name: 'remove',
      description: 'def.watch.remove',
      options: (sub) =>
        sub
          .addChannelOption((o) =>
            described(o, 'channel', 'def.watch.remove.channel').addChannelTypes(...WATCHABLE),
          )
          .addStringOption((o) =>
            described(o, 'watched', 'def.watch.remove.watched').setMaxLength(25),
          ),
      run: managed(remove),
      autocomplete: { watched: completeWatched },
    },
    { name: 'list', description: 'def.watch.list', run: managed(list) },
    backfillSubcommand,
    backfillStopSubcommand,
  ],
};
