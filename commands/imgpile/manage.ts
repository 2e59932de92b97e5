import {
  EmbedBuilder,
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import type { BotContext } from '../../src/discord/context.js';
import { assertCanManage, parseSlug } from '../../src/discord/permissions.js';
import { UserError } from '../../src/errors.js';
import { RateLimitWait } from '../../src/limits/rate-limiter.js';
import type { PostUpdate } from '../../src/imgpile/index.js';
import { VISIBILITIES } from './upload.js';

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
async function budget(ctx: BotContext): Promise<void> {
  try {
    await ctx.limiter.acquire({ maxWaitMs: 5_000 });
  } catch (err) {
    if (err instanceof RateLimitWait) {
      throw new UserError(
        `The bot is at imgpile's request limit. Try again in ${Math.ceil(err.waitMs / 1000)} seconds.`,
      );
    }
    throw err;
  }
}

export async function post(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const sub = interaction.options.getSubcommand();
  const slug = parseSlug(interaction.options.getString('slug', true));
  if (sub === 'view') return viewPost(interaction, ctx, slug);

  const record = await ctx.records.getPostOwner(slug);
  assertCanManage(record, interaction, 'post');
  if (sub === 'delete') {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await budget(ctx);
    await ctx.imgpile.deletePost(slug);
    await ctx.records.forgetPost(slug);
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
  const url = `${ctx.imgpileOrigin}/p/${slug}`;
  const key = res.body.access_key;
  await interaction.editReply(
    key && res.body.visibility === 'private'
      ? `Updated. The post is private; its link with key: ${url}?key=${key}`
      : `Updated: ${url}`,
  );
}

async function viewPost(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
  slug: string,
): Promise<void> {
  const key = interaction.options.getString('key') ?? undefined;
  const record = await ctx.records.getPostOwner(slug);
  const isOwner = record?.userId === interaction.user.id;
  // Only the owner's view is authenticated: anyone else needs the key of a private post.
  await interaction.deferReply(isOwner ? { flags: MessageFlags.Ephemeral } : {});
  const { body } = await ctx.imgpile.getPost(
    slug,
    { key, perPage: 10 },
    { authenticated: isOwner },
  );
  const p = body.data;
  const channel = interaction.channel;
  const ageRestricted = channel !== null && 'nsfw' in channel && channel.nsfw === true;
  if (p.moderation_status === 'nsfw' && !ageRestricted) {
    throw new UserError(
      'That post is marked as adult content: view it in an age-restricted channel.',
    );
  }
  const url = `${ctx.imgpileOrigin}/p/${p.slug}`;
  const embed = new EmbedBuilder()
    .setTitle((p.title ?? 'Untitled').slice(0, 256))
    .setURL(url)
    .addFields(
      { name: 'Score', value: String(p.score ?? 0), inline: true },
      { name: 'Views', value: String(p.view_count ?? 0), inline: true },
      { name: 'Files', value: String(p.media_count ?? p.media?.length ?? 0), inline: true },
    );
  if (p.description) embed.setDescription(p.description.slice(0, 4000));
  if (p.user?.username) embed.setAuthor({ name: p.user.username });
  const first = p.media?.[0];
  if (first && !first.type?.startsWith('video/'))
    embed.setImage(first.urls.md ?? first.urls.original);
  const links = (p.media ?? []).map((m) => m.urls.original).join('\n');
  const ownerNote =
    isOwner && p.visibility
      ? `\nVisibility: ${p.visibility}${p.access_key ? ` (key link: ${url}?key=${p.access_key})` : ''}`
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
  const record = await ctx.records.getMediaOwner(slug);
  assertCanManage(record, interaction, 'media');
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await budget(ctx);
  await ctx.imgpile.deleteMedia(slug);
  await ctx.records.forgetMedia(slug, record?.attachmentId);
  ctx.log.info(
    { slug, userId: interaction.user.id, guildId: interaction.guildId },
    'media deleted',
  );
  await interaction.editReply(`Deleted the file \`${slug}\`.`);
}
