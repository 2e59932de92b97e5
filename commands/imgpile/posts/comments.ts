import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { onButton } from '../../../src/discord/core/commands.js';
import type { BotContext } from '../../../src/discord/core/context.js';
import {
  COMMENTS_PER_PAGE,
  commentId,
  commentList,
  type CommentPress,
} from '../../../src/discord/views/browse/comment-list.js';
import { UserError } from '../../../src/errors.js';
import { asMember, requireActing } from '../../../src/functions/accounts/actAsMember.js';
import { takeReadSlot } from '../../../src/functions/limits/takeCommandSlot.js';
import { goneIsFine, isNotFound } from '../../../src/imgpile/errors.js';
import { say, textFor } from '../../../src/text/index.js';

const ephemeral = { flags: MessageFlags.Ephemeral } as const;
/** How long one comment vote may hold its member's claim on the comment. */
const VOTE_CLAIM_MS = 60_000;

/**
 * A post's comments written through the bot (imgpile documents no list of a post's comments),
 * to the presser alone. Only a post the public can read has its comments listed: its slug in
 * an id is no proof of that, so it is read first.
 */
async function listComments(
  interaction: ButtonInteraction,
  ctx: BotContext,
  press: Extract<CommentPress, { slug: string }>,
) {
  const page = press.action === 'page' ? press.page : 1;
  if (press.action === 'open') await interaction.deferReply(ephemeral);
  else await interaction.deferUpdate();
  await takeReadSlot(ctx.publicLimiter, interaction.user.id, { busy: say('busy.reads') });
  try {
    await ctx.imgpile.getPost(press.slug, { perPage: 1 });
  } catch (err) {
    if (isNotFound(err)) throw new UserError(say('comments.noPost'));
    throw err;
  }
  const { comments, total } = await ctx.store.comments.page(press.slug, page, COMMENTS_PER_PAGE);
  const lastPage = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
  const listed = comments.map((c) => ({ ...c, mine: c.userId === interaction.user.id }));
  const text = textFor(interaction.locale);
  await interaction.editReply({
    ...commentList({ slug: press.slug, comments: listed, page, lastPage, text }),
    allowedMentions: { parse: [] },
  });
}

/**
 * Deletes a comment: only one the presser wrote through the bot (checked on the press, whoever
 * the button was shown to), with their own token; imgpile's 403 is "not yours".
 */
async function deleteComment(interaction: ButtonInteraction, ctx: BotContext, id: number) {
  const record = await ctx.store.comments.get(id);
  if (!record) throw new UserError(say('comments.unknown'));
  if (record.userId !== interaction.user.id) throw new UserError(say('comments.notYours'));
  const acting = await requireActing(ctx, interaction.user.id, 'comment');
  await interaction.deferReply(ephemeral);
  await asMember(ctx, acting, (a) => goneIsFine(() => a.client.deleteComment(id)), {
    forbidden: say('comments.notYoursOnImgpile'),
  });
  await ctx.store.comments.forget(record);
  ctx.log.info({ userId: acting.userId, slug: record.slug, commentId: id }, 'comment deleted');
  await interaction.editReply(textFor(interaction.locale)('comments.deleted'));
}

/**
 * A vote on a comment the bot lists. imgpile toggles and does not say whether a member has
 * voted on a comment, so the bot keeps the vote it cast: a press the same way again takes it
 * back, and the answer says which happened. One press at a time per member and comment.
 */
async function voteComment(
  interaction: ButtonInteraction,
  ctx: BotContext,
  up: boolean,
  id: number,
) {
  if (!(await ctx.store.comments.get(id))) throw new UserError(say('comments.unknown'));
  const acting = await requireActing(ctx, interaction.user.id, 'vote');
  await interaction.deferReply(ephemeral);
  const text = textFor(interaction.locale);
  const target = `comment-vote:${id}`;
  if (!(await ctx.store.clicks.claim(acting.userId, target, VOTE_CLAIM_MS))) {
    await interaction.editReply(text('social.voteBusy'));
    return;
  }
  try {
    const before = await ctx.store.comments.getVote(acting.userId, id);
    const back = before === (up ? 'up' : 'down');
    const res = await asMember(ctx, acting, (a) =>
      up ? a.client.upvoteComment(id) : a.client.downvoteComment(id),
    );
    await ctx.store.comments.setVote(acting.userId, id, back ? null : up ? 'up' : 'down');
    ctx.log.info({ userId: acting.userId, commentId: id, up, back }, 'voted on a comment');
    const score = res.body.score ?? null;
    await interaction.editReply(text(back ? 'comments.tookBack' : 'comments.voted', { up, score }));
  } finally {
    await ctx.store.clicks.release(acting.userId, target);
  }
}

async function commentPressed(
  interaction: ButtonInteraction,
  ctx: BotContext,
  press: CommentPress,
) {
  switch (press.action) {
    case 'open':
    case 'page':
      return listComments(interaction, ctx, press);
    case 'del':
      return deleteComment(interaction, ctx, press.id);
    default:
      return voteComment(interaction, ctx, press.action === 'up', press.id);
  }
}

/** The comments button of a post view, and the buttons of the list it opens. */
export const commentRoutes = { buttons: [onButton(commentId, commentPressed)] };
