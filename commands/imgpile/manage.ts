import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { ageRestrictedHere } from '../../src/discord/core/channels.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { parseSlug } from '../../src/discord/core/permissions.js';
import { postMessage } from '../../src/discord/views/post-view.js';
import { socialButtons } from '../../src/discord/views/social.js';
import { UserError } from '../../src/errors.js';
import { managerFor } from '../../src/functions/accounts/managerFor.js';
import { deleteMedia } from '../../src/functions/media/deleteMedia.js';
import { deletePost } from '../../src/functions/posts/deletePost.js';
import {
  TOKEN_READS_PER_MEMBER,
  takeCommandSlot,
  takeReadSlot,
} from '../../src/functions/limits/takeCommandSlot.js';
import { isNotFound } from '../../src/imgpile/errors.js';
import type { Media, PostUpdate } from '../../src/imgpile/index.js';
import { VISIBILITIES } from '../../src/imgpile/schemas.js';

export function postGroup(group: SlashCommandSubcommandGroupBuilder) {
  const slug = (o: SlashCommandStringOption) =>
    o.setName('slug').setDescription('The post slug or link').setRequired(true).setMaxLength(200);
  return group
    .setName('post')
    .setDescription('Posts the bot created')
    .addSubcommand((sub) =>
      sub
        .setName('view')
        .setDescription('Show a post')
        .addStringOption(slug)
        .addStringOption((o) =>
          o.setName('key').setDescription('Access key of a private post').setMaxLength(128),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('edit')
        .setDescription('Change a post you created through the bot')
        .addStringOption(slug)
        .addStringOption((o) => o.setName('title').setDescription('New title').setMaxLength(255))
        .addStringOption((o) =>
          o.setName('description').setDescription('New description').setMaxLength(2000),
        )
        .addStringOption((o) =>
          o
            .setName('visibility')
            .setDescription('Who can see it')
            .addChoices(...VISIBILITIES.map((v) => ({ name: v, value: v }))),
        )
        .addBooleanOption((o) => o.setName('nsfw').setDescription('Adult content')),
    )
    .addSubcommand((sub) =>
      sub
        .setName('delete')
        .setDescription('Delete a post you created through the bot')
        .addStringOption(slug),
    );
}

export function mediaGroup(group: SlashCommandSubcommandGroupBuilder) {
  return group
    .setName('media')
    .setDescription('Files the bot uploaded')
    .addSubcommand((sub) =>
      sub
        .setName('delete')
        .setDescription('Delete a file you rehosted through the bot')
        .addStringOption((o) =>
          o
            .setName('slug')
            .setDescription('The media slug or its direct link')
            .setRequired(true)
            .setMaxLength(200),
        ),
    );
}

export async function post(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const sub = interaction.options.getSubcommand();
  const slug = parseSlug(interaction.options.getString('slug', true));
  if (sub === 'view') return viewPost(interaction, ctx, slug);

  const record = await ctx.store.ownership.getPostOwner(slug);
  // The bot's account for what its records name; else the member's own (imgpile decides).
  const manager = await managerFor(ctx, interaction, record, 'post');
  if (sub === 'delete') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await deletePost(ctx, manager, slug, { goneIsFine: false });
    ctx.log.info(
      { slug, userId: interaction.user.id, guildId: interaction.guildId },
      'post deleted',
    );
    await interaction.editReply(`Deleted the post \`${slug}\`.`);
    return;
  }
  const update: PostUpdate = {
    title: interaction.options.getString('title') ?? undefined,
    description: interaction.options.getString('description') ?? undefined,
    visibility: (interaction.options.getString('visibility') ??
      undefined) as PostUpdate['visibility'],
    isNsfw: interaction.options.getBoolean('nsfw') ?? undefined,
  };
  if (Object.values(update).every((v) => v === undefined)) {
    throw new UserError('Nothing to change: give a title, description, visibility or nsfw.');
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const res = await manager.run((imgpile) => imgpile.updatePost(slug, update));
  ctx.log.info({ slug, userId: interaction.user.id, guildId: interaction.guildId }, 'post edited');
  const key = res.body.access_key;
  await interaction.editReply(
    key && res.body.visibility === 'private'
      ? `Updated. The post is private; its link with key: ${ctx.links.post(slug, key)}`
      : `Updated: ${ctx.links.post(slug)}`,
  );
}

const BUSY = "imgpile's request budget is used up for now.";

/**
 * A post as the viewer may see it: a public read, out of their share of public reads; for its
 * owner, when the public cannot see it (private, no key given), a read with the bot's token,
 * out of their few a minute of it: the bot's token is the uploads' budget.
 */
async function readPost(
  ctx: BotContext,
  member: string,
  slug: string,
  options: { key: string | undefined; isOwner: boolean },
) {
  const { key, isOwner } = options;
  await takeReadSlot(ctx.publicLimiter, member, { busy: BUSY });
  try {
    return (await ctx.imgpile.getPost(slug, { key, perPage: 10 })).body.data;
  } catch (err) {
    const hidden = isNotFound(err);
    if (!hidden || !isOwner || key !== undefined) throw err;
  }
  await takeCommandSlot(ctx.limiter, {
    maxWaitMs: 2_000,
    busy: BUSY,
    share: { member, limit: TOKEN_READS_PER_MEMBER },
  });
  const res = await ctx.imgpile.getPost(slug, { perPage: 10 }, { authenticated: true });
  return res.body.data;
}

/**
 * Shows a post. Its owner's view shows its visibility and key when the post is private (read
 * with the bot's token, which nobody else's view uses); a private post needs its key. The owner's view, and any view made with a key, is ephemeral. In
 * a channel that is not age-restricted, a post that is adult or not yet approved is refused,
 * and an approved post's files that are not approved themselves are left out.
 */
async function viewPost(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  slug: string,
): Promise<void> {
  const key = interaction.options.getString('key') ?? undefined;
  const record = await ctx.store.ownership.getPostOwner(slug);
  const isOwner = record?.userId === interaction.user.id;
  const privately = isOwner || key !== undefined;
  await interaction.deferReply(privately ? { flags: MessageFlags.Ephemeral } : {});
  const p = await readPost(ctx, interaction.user.id, slug, { key, isOwner });
  const adultAllowed = await ageRestrictedHere(interaction, false);
  if (!adultAllowed && p.moderation_status !== undefined && p.moderation_status !== 'approved') {
    throw new UserError(
      p.moderation_status === 'pending'
        ? 'imgpile has not finished checking that post yet: view it in an age-restricted channel, or later.'
        : 'That post is marked as adult content: view it in an age-restricted channel.',
    );
  }
  const hidden = (m: Media) =>
    !adultAllowed && m.moderation_status !== undefined && m.moderation_status !== 'approved';
  const hiddenCount = (p.media ?? []).filter(hidden).length;
  const notes = [
    hiddenCount > 0 ? `${hiddenCount} adult file(s) not shown here.` : '',
    isOwner && p.visibility
      ? `Visibility: ${p.visibility}${p.access_key ? ` (key link: ${ctx.links.post(p.slug, p.access_key)})` : ''}`
      : '',
  ].filter(Boolean);
  // A public post's vote, comment and follow buttons act as whoever presses them.
  const social = key === undefined && (p.visibility ?? 'public') === 'public';
  await interaction.editReply({
    ...postMessage(p, ctx.links, {
      hide: hidden,
      spoiler: p.moderation_status === 'nsfw',
      ...(notes.length ? { note: notes.join('\n') } : {}),
      ...(social ? { buttons: socialButtons(p) } : {}),
    }),
    content: null,
    embeds: [],
    allowedMentions: { parse: [] },
  });
}

export async function media(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const slug = parseSlug(interaction.options.getString('slug', true));
  const record = await ctx.store.ownership.getMediaOwner(slug);
  const manager = await managerFor(ctx, interaction, record, 'media');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await deleteMedia(ctx, manager, slug, { goneIsFine: false, attachmentId: record?.attachmentId });
  ctx.log.info(
    { slug, userId: interaction.user.id, guildId: interaction.guildId },
    'media deleted',
  );
  await interaction.editReply(`Deleted the file \`${slug}\`.`);
}
