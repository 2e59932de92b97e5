import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { takeCommandSlot } from '../../src/discord/budget.js';
import { isAgeRestricted } from '../../src/discord/channels.js';
import type { BotContext } from '../../src/discord/context.js';
import { assertCanManage, parseSlug } from '../../src/discord/permissions.js';
import { postEmbed } from '../../src/discord/posts.js';
import { UserError } from '../../src/errors.js';
import type { PostUpdate } from '../../src/imgpile/index.js';
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

/** Takes a slot of the shared imgpile budget for a command, or tells the user to wait. */
const budget = (ctx: BotContext) =>
  takeCommandSlot(ctx.limiter, {
    maxWaitMs: 5_000,
    busy: "The bot is at imgpile's request limit.",
  });

export async function post(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const sub = interaction.options.getSubcommand();
  const slug = parseSlug(interaction.options.getString('slug', true));
  if (sub === 'view') return viewPost(interaction, ctx, slug);

  const record = await ctx.store.ownership.getPostOwner(slug);
  assertCanManage(record, interaction, 'post');
  if (sub === 'delete') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await budget(ctx);
    await ctx.imgpile.deletePost(slug);
    await ctx.store.ownership.forgetPost(slug);
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
  await budget(ctx);
  const res = await ctx.imgpile.updatePost(slug, update);
  ctx.log.info({ slug, userId: interaction.user.id, guildId: interaction.guildId }, 'post edited');
  const key = res.body.access_key;
  await interaction.editReply(
    key && res.body.visibility === 'private'
      ? `Updated. The post is private; its link with key: ${ctx.links.post(slug, key)}`
      : `Updated: ${ctx.links.post(slug)}`,
  );
}

async function viewPost(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  slug: string,
): Promise<void> {
  const key = interaction.options.getString('key') ?? undefined;
  const record = await ctx.store.ownership.getPostOwner(slug);
  const isOwner = record?.userId === interaction.user.id;
  // Only the owner's view is authenticated: anyone else needs the key of a private post.
  await interaction.deferReply(isOwner ? { flags: MessageFlags.Ephemeral } : {});
  const { body } = await ctx.imgpile.getPost(
    slug,
    { key, perPage: 10 },
    { authenticated: isOwner },
  );
  const p = body.data;
  if (p.moderation_status === 'nsfw' && !isAgeRestricted(interaction.channel)) {
    throw new UserError(
      'That post is marked as adult content: view it in an age-restricted channel.',
    );
  }
  const embed = postEmbed(p, ctx.links, { files: true, description: true });
  const links = (p.media ?? []).map((m) => m.urls.original).join('\n');
  const ownerNote =
    isOwner && p.visibility
      ? `\nVisibility: ${p.visibility}${p.access_key ? ` (key link: ${ctx.links.post(p.slug, p.access_key)})` : ''}`
      : '';
  await interaction.editReply({
    content: `${links}${ownerNote}`.slice(0, 2000) || null,
    embeds: [embed],
    allowedMentions: { parse: [] },
  });
}

export async function media(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const slug = parseSlug(interaction.options.getString('slug', true));
  const record = await ctx.store.ownership.getMediaOwner(slug);
  assertCanManage(record, interaction, 'media');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await budget(ctx);
  await ctx.imgpile.deleteMedia(slug);
  await ctx.store.uploads.forgetMedia(slug, record?.attachmentId);
  ctx.log.info(
    { slug, userId: interaction.user.id, guildId: interaction.guildId },
    'media deleted',
  );
  await interaction.editReply(`Deleted the file \`${slug}\`.`);
}
