import {
  MessageFlags,
  PermissionFlagsBits,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { ageRestrictedHere, isAgeRestricted } from '../../src/discord/core/channels.js';
import { described, onButton, type Subcommand } from '../../src/discord/core/commands.js';
import { findOfferId, findOfferView, type FindOffer } from '../../src/discord/views/find-offer.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { isAllowedHost } from '../../src/rehost/download.js';
import { attachmentOfLink, type MessageCopy } from '../../src/store/index.js';
import { textFor } from '../../src/text/index.js';
import { channelHere, readOriginal, rehostPressed } from './find-offer.js';

/** `https://discord.com/channels/<server>/<channel>/<message>` (and ptb, canary, discordapp). */
const MESSAGE_LINK =
  /^https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/channels\/(\d{15,25})\/(\d{15,25})\/(\d{15,25})\/?$/;

type Asked =
  | { kind: 'attachment'; channelId: string; attachmentId: string }
  | { kind: 'message'; guildId: string; channelId: string; messageId: string };

/** What a link names: a Discord attachment (on an attachment host) or a message; else null. */
function readLink(link: string, attachmentHosts: string[]): Asked | null {
  const message = MESSAGE_LINK.exec(link);
  if (message) {
    const [, guildId, channelId, messageId] = message as unknown as [
      string,
      string,
      string,
      string,
    ];
    return { kind: 'message', guildId, channelId, messageId };
  }
  if (!isAllowedHost(link, attachmentHosts)) return null;
  const named = attachmentOfLink(link);
  return named ? { kind: 'attachment', ...named } : null;
}

/** The channel the link names, in this server, if the member may see it; else null. */
async function seenChannel(interaction: ChatInputCommandInteraction, channelId: string) {
  if (!interaction.inCachedGuild()) return null;
  const channel = await channelHere(interaction.guild, channelId);
  if (!channel) return null;
  const may = channel.permissionsFor(interaction.member).has(PermissionFlagsBits.ViewChannel);
  return may ? channel : null;
}

/** The links of a message's copies the member may be shown: hidden and private ones are their requester's. */
function shownOf(copies: MessageCopy[], userId: string): string[] {
  return copies.flatMap((c) => {
    const restricted = c.post !== null && c.post.visibility !== 'public';
    if (restricted && c.userId !== userId) return [];
    return [...(c.post ? [c.post.url] : []), ...c.media.map((m) => m.url)];
  });
}

/** The copies' links the member may be shown, or why there are none ('none', 'hidden'). */
async function lookUp(
  ctx: BotContext,
  asked: Asked,
  userId: string,
): Promise<string[] | 'none' | 'hidden'> {
  if (asked.kind === 'attachment') {
    const copy = await ctx.store.attachmentCopies.find(asked.channelId, asked.attachmentId);
    if (!copy) return 'none';
    return copy.inPost && copy.userId !== userId ? 'hidden' : [copy.url];
  }
  const copies = await ctx.store.messageCopies.list(
    asked.guildId,
    asked.channelId,
    asked.messageId,
  );
  if (copies.length === 0) return 'none';
  const shown = shownOf(copies, userId);
  return shown.length > 0 ? shown : 'hidden';
}

/**
 * `/imgpile find link:`: the copy the bot made of a Discord attachment (an expired link too: only
 * its channel and attachment count) or of a message's files, for a member who can see where it
 * was posted. Nothing is uploaded by asking; a copy in a hidden or private post is shown to its
 * requester only, and to anyone else it is "none you can see", as a channel they cannot see is.
 * An age-restricted channel's copies are adult content: shown in an age-restricted channel only.
 * When there is no copy and the member may read the original (View Channel and Read Message
 * History there, the message still on Discord), the answer offers a button that rehosts it.
 */
async function find(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const text = textFor(interaction.locale);
  const link = interaction.options.getString('link', true).trim();
  const answer = (content: string) =>
    interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
  const asked = readLink(link, ctx.config.attachmentHosts);
  if (!asked) return void (await answer(text('find.notALink')));
  const here = asked.kind === 'attachment' || asked.guildId === interaction.guildId;
  const channel = here ? await seenChannel(interaction, asked.channelId) : null;
  if (!channel) {
    ctx.log.info({ userId: interaction.user.id, kind: asked.kind }, 'find: a channel not theirs');
    return void (await answer(text('find.noneYouCanSee')));
  }
  const found = await lookUp(ctx, asked, interaction.user.id);
  if (found === 'hidden') return void (await answer(text('find.noneYouCanSee')));
  if (found !== 'none') {
    // An age-restricted channel's copies are adult content: shown where such content may be.
    if ((await isAgeRestricted(channel)) && !(await ageRestrictedHere(interaction, false)))
      return void (await answer(text('find.adultElsewhere')));
    return void (await answer(text('find.found', { links: found.join('\n') })));
  }
  const offer = await offerFor(interaction, ctx, asked);
  if (offer === 'unseen') return void (await answer(text('find.noneYouCanSee')));
  if (!offer) return void (await answer(text('find.none')));
  await interaction.reply({
    ...findOfferView(offer, text),
    flags: MessageFlags.Ephemeral,
    allowedMentions: { parse: [] },
  });
}

/**
 * What to offer to rehost when there is no copy: the original as the member can see it (its
 * message read now), 'unseen' when they may not read the channel's history (they learn
 * nothing of the message), or null when it is gone or has no file.
 */
async function offerFor(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  asked: Asked,
): Promise<FindOffer | 'unseen' | null> {
  if (!interaction.inCachedGuild()) return null;
  const original = await readOriginal(ctx, interaction.guild, interaction.member, {
    channelId: asked.channelId,
    messageId: asked.kind === 'message' ? asked.messageId : null,
    attachmentId: asked.kind === 'attachment' ? asked.attachmentId : null,
  });
  if (original === 'unseen' || original === null) return original;
  return {
    userId: interaction.user.id,
    channelId: asked.channelId,
    messageId: original.message.id,
    attachmentId: asked.kind === 'attachment' ? asked.attachmentId : null,
  };
}

export const findSubcommand: Subcommand = {
  name: 'find',
  description: 'def.find',
  options: (sub: SlashCommandSubcommandBuilder) =>
    sub.addStringOption((o) =>
      described(o, 'link', 'def.find.link').setRequired(true).setMaxLength(2000),
    ),
  run: find,
  buttons: [onButton(findOfferId, rehostPressed)],
};
