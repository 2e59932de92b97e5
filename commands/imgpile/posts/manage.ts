import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
} from 'discord.js';
import { choice, described, type SubcommandGroup } from '../../../src/discord/core/commands.js';
import type { BotContext } from '../../../src/discord/core/context.js';
import { UserError } from '../../../src/errors.js';
import { managerFor } from '../../../src/functions/accounts/managerFor.js';
import { completeMedia, completePosts } from '../../../src/functions/complete/completeSlugs.js';
import { readSlugOption } from '../../../src/functions/links/readSlugOption.js';
import { deleteMedia } from '../../../src/functions/media/deleteMedia.js';
import { deletePost } from '../../../src/functions/posts/deletePost.js';
import type { PostUpdate } from '../../../src/imgpile/index.js';
import { VISIBILITIES } from '../../../src/imgpile/schemas.js';
import { say, textFor } from '../../../src/text/index.js';
import { postViewSubcommand, slugOption } from './post-view.js';
import { addFilesSubcommand } from './add-files.js';
import { newMediaOrder, orderOption, ownPost } from './reorder.js';

/**
 * The post a command names, and the account that may change it: the bot's for what its records
 * name; else the member's own (imgpile decides). `moderating`: the bot made it for someone else
 * (the member has Manage Messages in its server).
 */
async function managedPost(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const { slug } = readSlugOption(ctx, interaction.options.getString('slug', true), 'post');
  const record = await ctx.store.ownership.getPostOwner(slug);
  const manager = await managerFor(ctx, interaction, record, 'post');
  return { slug, manager, moderating: record !== null && record.userId !== interaction.user.id };
}

/**
 * A moderator edits and flags, but a post's privacy is its maker's: its visibility, its adult
 * mark taken off, and its key (imgpile returns it to the account, the bot's, on every update).
 */
function assertModeratorMay(update: PostUpdate) {
  if (update.visibility !== undefined || update.isNsfw === false)
    throw new UserError(say('manage.makerOnlyPrivacy'));
}

async function deletePostCommand(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const { slug, manager } = await managedPost(interaction, ctx);
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await deletePost(ctx, manager, slug, { goneIsFine: false });
  ctx.log.info({ slug, userId: interaction.user.id, guildId: interaction.guildId }, 'post deleted');
  const text = textFor(interaction.locale);
  await interaction.editReply(text('manage.deleted', { kind: 'post', slug }));
}

async function editPost(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const typedOrder = interaction.options.getString('order') ?? undefined;
  // Rearranging the files is for the post's maker only; the rest, for its managers too.
  const { slug, manager, moderating } =
    typedOrder === undefined
      ? await managedPost(interaction, ctx)
      : { ...(await ownPost(interaction, ctx)), moderating: false };
  const update: PostUpdate = {
    title: interaction.options.getString('title') ?? undefined,
    description: interaction.options.getString('description') ?? undefined,
    visibility: (interaction.options.getString('visibility') ??
      undefined) as PostUpdate['visibility'],
    isNsfw: interaction.options.getBoolean('nsfw') ?? undefined,
  };
  if (moderating) assertModeratorMay(update);
  const nothingElse = Object.values(update).every((v) => v === undefined);
  if (nothingElse && typedOrder === undefined) {
    throw new UserError(say('manage.nothingToChange'));
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (typedOrder !== undefined) {
    const order = await newMediaOrder(manager, slug, typedOrder);
    if (order) update.mediaOrder = order;
    else if (nothingElse) {
      await interaction.editReply(textFor(interaction.locale)('manage.sameOrder'));
      return;
    }
  }
  const res = await manager.run((imgpile) => imgpile.updatePost(slug, update));
  ctx.log.info({ slug, userId: interaction.user.id, guildId: interaction.guildId }, 'post edited');
  const key = res.body.access_key;
  const text = textFor(interaction.locale);
  await interaction.editReply(
    key && res.body.visibility === 'private' && !moderating
      ? text('manage.updatedPrivate', { url: ctx.links.post(slug, key) })
      : text('manage.updated', { url: ctx.links.post(slug) }),
  );
}

async function deleteMediaCommand(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const { slug } = readSlugOption(ctx, interaction.options.getString('slug', true), 'media');
  const record = await ctx.store.ownership.getMediaOwner(slug);
  const manager = await managerFor(ctx, interaction, record, 'media');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await deleteMedia(ctx, manager, slug, { goneIsFine: false, attachmentId: record?.attachmentId });
  ctx.log.info(
    { slug, userId: interaction.user.id, guildId: interaction.guildId },
    'media deleted',
  );
  await interaction.editReply(
    textFor(interaction.locale)('manage.deleted', { kind: 'media', slug }),
  );
}

async function editMedia(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const { slug } = readSlugOption(ctx, interaction.options.getString('slug', true), 'media');
  const update = {
    title: interaction.options.getString('title') ?? undefined,
    description: interaction.options.getString('description') ?? undefined,
  };
  if (update.title === undefined && update.description === undefined) {
    throw new UserError(say('manage.nothingToChangeMedia'));
  }
  const record = await ctx.store.ownership.getMediaOwner(slug);
  const manager = await managerFor(ctx, interaction, record, 'media');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await manager.run((imgpile) => imgpile.updateMedia(slug, update));
  ctx.log.info({ slug, userId: interaction.user.id, guildId: interaction.guildId }, 'media edited');
  await interaction.editReply(textFor(interaction.locale)('manage.updatedMedia', { slug }));
}

const mediaSlugOption = (o: SlashCommandStringOption) =>
  described(o, 'slug', 'def.media.delete.slug').setRequired(true).setMaxLength(200);

export const postGroup: SubcommandGroup = {
  name: 'post',
  description: 'def.post',
  subcommands: [
    postViewSubcommand,
    {
      name: 'edit',
      description: 'def.post.edit',
      options: (sub) =>
        sub
          .addStringOption(slugOption)
          .addStringOption((o) => described(o, 'title', 'def.post.edit.title').setMaxLength(255))
          .addStringOption((o) =>
            described(o, 'description', 'def.post.edit.description').setMaxLength(2000),
          )
          .addStringOption((o) =>
            described(o, 'visibility', 'def.post.edit.visibility').addChoices(
              ...VISIBILITIES.map((v) => choice(v, `def.visibility.${v}`)),
            ),
          )
          .addBooleanOption((o) => described(o, 'nsfw', 'def.post.edit.nsfw'))
          .addStringOption(orderOption),
      run: editPost,
      autocomplete: { slug: completePosts },
    },
    {
      name: 'delete',
      description: 'def.post.delete',
      options: (sub) => sub.addStringOption(slugOption),
      run: deletePostCommand,
      autocomplete: { slug: completePosts },
    },
  ],
};

export const mediaGroup: SubcommandGroup = {
  name: 'media',
  description: 'def.media',
  subcommands: [
    addFilesSubcommand,
    {
      name: 'edit',
      description: 'def.media.edit',
      options: (sub) =>
        sub
          .addStringOption(mediaSlugOption)
          .addStringOption((o) => described(o, 'title', 'def.media.edit.title').setMaxLength(255))
          .addStringOption((o) =>
            described(o, 'description', 'def.media.edit.description').setMaxLength(2000),
          ),
      run: editMedia,
      autocomplete: { slug: completeMedia },
    },
    {
      name: 'delete',
      description: 'def.media.delete',
      options: (sub) => sub.addStringOption(mediaSlugOption),
      run: deleteMediaCommand,
      autocomplete: { slug: completeMedia },
    },
  ],
};
