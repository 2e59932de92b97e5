import {
  ChannelType,
  MessageFlags,
  Routes,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type GuildTextBasedChannel,
} from 'discord.js';
import { choice, described, onButton, type Subcommand } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  assertManageGuild,
  invokerCanReadHistory,
  missingWatchPermissions,
} from '../../src/discord/core/permissions.js';
import { backfillProgress, backfillStopId } from '../../src/discord/views/backfill-progress.js';
import { UserError } from '../../src/errors.js';
import type { Backfill, BackfillOrder } from '../../src/store/index.js';
import { say, textFor } from '../../src/text/index.js';

/** Channels with messages of their own: a forum's posts are threads, backfilled one by one. */
const BACKFILLABLE = [
  ChannelType.GuildText,
  ChannelType.GuildAnnouncement,
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
] as const;

const DISCORD_EPOCH = 1_420_070_400_000n;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MESSAGE_LINK =
  /^https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/channels\/(\d{17,20})\/(\d{17,20})\/(\d{17,20})$/;

/**
 * `since` as a message id: a UTC date (its first instant) or a link to a message of this
 * channel; anything else is refused with what it is.
 */
export function sinceOf(input: string | null, guildId: string, channelId: string): string | null {
  if (input === null) return null;
  const value = input.trim();
  const date = DATE.exec(value);
  if (date) {
    const ms = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    const valid = new Date(ms).toISOString().startsWith(value) && ms > Number(DISCORD_EPOCH);
    if (valid && ms <= Date.now()) return ((BigInt(ms) - DISCORD_EPOCH) << 22n).toString();
  }
  const link = MESSAGE_LINK.exec(value);
  if (link && link[1] === guildId && link[2] === channelId) return link[3]!;
  throw new UserError(say('backfill.badSince', { since: value.slice(0, 200) }));
}

async function start(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext) {
  const channel = interaction.options.getChannel('channel', true, [...BACKFILLABLE]);
  // A backfill publishes what was posted there: never a history its starter cannot read.
  if (!invokerCanReadHistory(channel))
    throw new UserError(say('backfill.cannotRead', { channelId: channel.id }));
  const since = sinceOf(interaction.options.getString('since'), interaction.guildId, channel.id);
  const missing = missingWatchPermissions(channel, interaction.guild.members.me);
  if (missing.length > 0)
    throw new UserError(say('watch.missing', { channelId: channel.id, missing }));
  const record = {
    guildId: interaction.guildId,
    channelId: channel.id,
    order: (interaction.options.getString('order') ?? 'newest') as BackfillOrder,
    since,
    startedBy: interaction.user.id,
    startedAt: Date.now(),
    messageId: null,
    locale: interaction.guild.preferredLocale,
    nsfw: nsfwOf(channel),
  };
  if (!(await ctx.store.backfills.start(record)))
    throw new UserError(say('backfill.already', { channelId: channel.id }));
  const b = (await ctx.store.backfills.get(channel.id)) as Backfill;
  try {
    const body = backfillProgress(b, { left: 0, minutes: 0 }, textFor(b.locale));
    const sent = (await ctx.discordRest.post(Routes.channelMessages(channel.id), { body })) as {
      id: string;
    };
    await ctx.store.backfills.update(channel.id, { messageId: sent.id });
    await ctx.backfills.start(channel.id);
  } catch (err) {
    // Not under way after all: a later backfill of the channel must not be refused for it.
    await ctx.store.backfills.end(channel.id, 'failed');
    throw err;
  }
  ctx.log.info(
    { guildId: b.guildId, channelId: b.channelId, order: b.order, since, userId: b.startedBy },
    'backfill started',
  );
  await interaction.reply({
    content: textFor(interaction.locale)('backfill.started', { channelId: channel.id }),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

/** Age-restricted: the channel's own flag, or a thread's parent's. */
function nsfwOf(channel: GuildTextBasedChannel): boolean {
  if ('nsfw' in channel) return channel.nsfw;
  return channel.parent !== null && 'nsfw' in channel.parent && channel.parent.nsfw;
}

/** Stops the channel's backfill, when it is this server's and still under way. */
async function stopIn(ctx: BotContext, guildId: string, channelId: string, userId: string) {
  const b = await ctx.store.backfills.get(channelId);
  // An id names any channel: another server's backfill is not this member's to stop.
  if (!b || b.guildId !== guildId || !(await ctx.store.backfills.stop(channelId)))
    throw new UserError(say('backfill.notRunning', { channelId }));
  await ctx.backfills.wake(channelId);
  ctx.log.info({ guildId, channelId, userId }, 'backfill stopped');
}

async function stop(interaction: ChatInputCommandInteraction<'cached'>, ctx: BotContext) {
  const channel = interaction.options.getChannel('channel', true, [...BACKFILLABLE]);
  await stopIn(ctx, interaction.guildId, channel.id, interaction.user.id);
  await interaction.reply({
    content: textFor(interaction.locale)('backfill.stopped', { channelId: channel.id }),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

/** The progress message's Stop: Manage Server, checked on every press. */
async function stopPressed(
  interaction: ButtonInteraction,
  ctx: BotContext,
  { channelId }: { channelId: string },
) {
  if (!interaction.inGuild()) throw new UserError(say('watch.serverOnly'));
  assertManageGuild(interaction);
  await stopIn(ctx, interaction.guildId, channelId, interaction.user.id);
  await interaction.reply({
    content: textFor(interaction.locale)('backfill.stopped', { channelId }),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

type Run = (i: ChatInputCommandInteraction<'cached'>, ctx: BotContext) => Promise<void>;
const managed = (run: Run) => async (i: ChatInputCommandInteraction, ctx: BotContext) => {
  if (!i.inCachedGuild()) throw new UserError(say('watch.serverOnly'));
  assertManageGuild(i);
  await run(i, ctx);
};

export const backfillSubcommand: Subcommand = {
  name: 'backfill',
  description: 'def.watch.backfill',
  options: (sub) =>
    sub
      .addChannelOption((o) =>
        described(o, 'channel', 'def.watch.backfill.channel')
          .addChannelTypes(...BACKFILLABLE)
          .setRequired(true),
      )
      .addStringOption((o) =>
        described(o, 'order', 'def.watch.backfill.order').addChoices(
          choice('newest', 'def.watch.backfill.newest'),
          choice('oldest', 'def.watch.backfill.oldest'),
        ),
      )
      .addStringOption((o) => described(o, 'since', 'def.watch.backfill.since').setMaxLength(200)),
  run: managed(start),
  buttons: [onButton(backfillStopId, stopPressed)],
};

export const backfillStopSubcommand: Subcommand = {
  name: 'backfill-stop',
  description: 'def.watch.backfillStop',
  options: (sub) =>
    sub.addChannelOption((o) =>
      described(o, 'channel', 'def.watch.backfillStop.channel')
        .addChannelTypes(...BACKFILLABLE)
        .setRequired(true),
    ),
  run: managed(stop),
};
