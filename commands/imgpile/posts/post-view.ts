import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type SlashCommandStringOption,
} from 'discord.js';
import { ageRestrictedHere } from '../../../src/discord/core/channels.js';
import { described, onButton, type Subcommand } from '../../../src/discord/core/commands.js';
import type { BotContext } from '../../../src/discord/core/context.js';
import { commentsButton } from '../../../src/discord/views/browse/comment-list.js';
import {
  postMessage,
  postPageId,
  type PostPagePress,
} from '../../../src/discord/views/post-view.js';
import { socialButtons } from '../../../src/discord/views/browse/social.js';
import { UserError } from '../../../src/errors.js';
import {
  TOKEN_READS_PER_MEMBER,
  takeCommandSlot,
  takeReadSlot,
} from '../../../src/functions/limits/takeCommandSlot.js';
import { completePosts } from '../../../src/functions/complete/completeSlugs.js';
import { readSlugOption } from '../../../src/functions/links/readSlugOption.js';
import { isNotFound } from '../../../src/imgpile/errors.js';
import type { Media } from '../../../src/imgpile/index.js';
import { say, textFor } from '../../../src/text/index.js';

/** The slug option of every `post` subcommand. */
export const slugOption = (o: SlashCommandStringOption) =>
  described(o, 'slug', 'def.post.slug').setRequired(true).setMaxLength(200);

const BUSY = say('busy.reads');
/** Media per page of a post view: a gallery holds 10. */
const PER_PAGE = 10;

/** An open post view, kept server-side: a private post's key never goes in a button's id. */
type PostView = { userId: string; slug: string; key: string | null; isOwner: boolean };

/**
 * A post as the viewer may see it: a public read, out of their share of public reads; for its
 * owner, when the public cannot see it (private, no key given), a read with the bot's token,
 * out of their few a minute of it: the bot's token is the uploads' budget.
 */
async function readPost(
  ctx: BotContext,
  member: string,
  slug: string,
  options: { key: string | undefined; isOwner: boolean; page: number },
) {
  const { key, isOwner, page } = options;
  const media = { mediaPage: page, perPage: PER_PAGE };
  await takeReadSlot(ctx.publicLimiter, member, { busy: BUSY });
  try {
    return (await ctx.imgpile.getPost(slug, { key, ...media })).body.data;
  } catch (err) {
    const hidden = isNotFound(err);
    if (!hidden || !isOwner || key !== undefined) throw err;
  }
  await takeCommandSlot(ctx.limiter, {
    maxWaitMs: 2_000,
    busy: BUSY,
    share: { member, limit: TOKEN_READS_PER_MEMBER },
  });
  const res = await ctx.imgpile.getPost(slug, media, { authenticated: true });
  return res.body.data;
}

/** The key a private post is read with: its link's or the key option's, never two different. */
function keyToRead(fromLink: string | undefined, fromOption: string | undefined) {
  if (fromLink !== undefined && fromOption !== undefined && fromLink !== fromOption)
    throw new UserError(say('links.twoKeys'));
  return fromLink ?? fromOption;
}

/**
 * Shows a post. Its owner's view shows its visibility and key when the post is private (read
 * with the bot's token, which nobody else's view uses); a private post needs its key. The
 * owner's view, and any view made with a key, is ephemeral. In a channel that is not age-restricted, a post that is adult or not yet approved is refused,
 * and an approved post's files that are not approved themselves are left out.
 */
async function viewPost(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const read = readSlugOption(ctx, interaction.options.getString('slug', true), 'post');
  const slug = read.slug;
  const key = keyToRead(read.key, interaction.options.getString('key') ?? undefined) ?? null;
  const record = await ctx.store.ownership.getPostOwner(slug);
  const isOwner = record?.userId === interaction.user.id;
  const privately = isOwner || key !== null;
  await interaction.deferReply(privately ? { flags: MessageFlags.Ephemeral } : {});
  const view: PostView = { userId: interaction.user.id, slug, key, isOwner };
  await interaction.editReply(await renderView(interaction, ctx, interaction.id, view, 1));
  // Kept only once shown: a post that could not be shown has no pages to turn.
  await ctx.store.feed.saveView(interaction.id, view);
}

/** Previous or Next of a post view: for the member who opened it only. */
async function pagePressed(interaction: ButtonInteraction, ctx: BotContext, press: PostPagePress) {
  const view = await ctx.store.feed.getView<PostView>(press.viewId);
  if (!view) throw new UserError(say('post.viewExpired'));
  if (view.userId !== interaction.user.id) throw new UserError(say('post.viewNotYours'));
  await interaction.deferUpdate();
  await interaction.editReply(await renderView(interaction, ctx, press.viewId, view, press.page));
}

/** One page of a post's media as the viewer may see it in this channel. */
async function renderView(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: BotContext,
  viewId: string,
  view: PostView,
  page: number,
) {
  const { slug, isOwner } = view;
  const key = view.key ?? undefined;
  const p = await readPost(ctx, interaction.user.id, slug, { key, isOwner, page });
  const adultAllowed = await ageRestrictedHere(interaction, false);
  if (!adultAllowed && p.moderation_status !== undefined && p.moderation_status !== 'approved') {
    throw new UserError(
      say(p.moderation_status === 'pending' ? 'manage.pending' : 'manage.adultPost'),
    );
  }
  const hidden = (m: Media) =>
    !adultAllowed && m.moderation_status !== undefined && m.moderation_status !== 'approved';
  const hiddenCount = (p.media ?? []).filter(hidden).length;
  const text = textFor(interaction.locale);
  const keyUrl = p.access_key ? ctx.links.post(p.slug, p.access_key) : null;
  const notes = [
    hiddenCount > 0 ? text('manage.adultHidden', { count: hiddenCount }) : '',
    isOwner && p.visibility ? text('manage.visibility', { visibility: p.visibility, keyUrl }) : '',
  ].filter(Boolean);
  // A public post's vote, comment and follow buttons act as whoever presses them.
  const social = key === undefined && (p.visibility ?? 'public') === 'public';
  // Without imgpile's count, a full page may have another after it.
  const lastPage =
    p.media_count !== undefined
      ? Math.max(1, Math.ceil(p.media_count / PER_PAGE))
      : (p.media?.length ?? 0) >= PER_PAGE
        ? page + 1
        : page;
  return {
    ...postMessage(p, ctx.links, {
      pager: { page, lastPage, viewId },
      hide: hidden,
      spoiler: p.moderation_status === 'nsfw',
      text,
      ...(notes.length ? { note: notes.join('\n') } : {}),
      ...(social
        ? { buttons: socialButtons(p, text), rowButtons: [commentsButton(p.slug, text)] }
        : {}),
    }),
    content: null,
    embeds: [],
    allowedMentions: { parse: [] },
  };
}

/** `/imgpile post view`. */
export const postViewSubcommand: Subcommand = {
  name: 'view',
  description: 'def.post.view',
  options: (sub) =>
    sub
      .addStringOption(slugOption)
      .addStringOption((o) => described(o, 'key', 'def.post.view.key').setMaxLength(128)),
  run: viewPost,
  buttons: [onButton(postPageId, pagePressed, say('post.viewExpired'))],
  autocomplete: { slug: completePosts },
};
