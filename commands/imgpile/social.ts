import { MessageFlags, type ButtonInteraction, type ModalSubmitInteraction } from 'discord.js';
import type { Acting } from '../../src/accounts/linked.js';
import { onButton, onModal } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  commentForm,
  commentFormId,
  followButton,
  socialButtons,
  socialId,
  socialRow,
  unfollowButton,
  voteButton,
  type SocialPress,
  type VoteAction,
} from '../../src/discord/views/browse/social.js';
import { clip, literal, oneLine } from '../../src/discord/views/text.js';
import { UserError } from '../../src/errors.js';
import { asMember, requireActing } from '../../src/functions/accounts/actAsMember.js';
import { say, textFor, type Say, type Text } from '../../src/text/index.js';

/** How long one vote may hold its member's claim on the post (see vote). */
const VOTE_CLAIM_MS = 90_000;
const ephemeral = { flags: MessageFlags.Ephemeral } as const;

/** A post's actions, opened from a feed page to the presser alone, with its current state. */
async function openPanel(interaction: ButtonInteraction, ctx: BotContext, slug: string) {
  const acting = await requireActing(ctx, interaction.user.id, 'voteCommentFollow');
  await interaction.deferReply(ephemeral);
  const { body } = await asMember(ctx, acting, (a) =>
    a.client.getPost(slug, {}, { authenticated: true }),
  );
  const post = body.data;
  const text = textFor(interaction.locale);
  const title = literal(clip(oneLine(post.title ?? '') || text('post.untitled'), 100));
  const by = post.user?.username ? literal(post.user.username) : null;
  const vote = post.isUpvotedByUser ? 'up' : post.isDownvotedByUser ? 'down' : null;
  const url = ctx.links.post(slug);
  await interaction.editReply({
    content: text('social.panel', { title, by, score: post.score ?? 0, vote, url }),
    components: [socialRow(socialButtons(post, text, true))],
    allowedMentions: { parse: [] },
  });
}

/** What a vote press did, and whether the member's vote in that direction now stands. */
type VoteAnswer = { say: Say; voted: boolean | null };

/**
 * An upvote or downvote cast (`back` false) or taken back (`back` true). imgpile toggles, so
 * each press says what it means and is sent only when the post's state needs it: a second
 * press of Upvote never undoes the vote, a second Take back never casts one. One press at a
 * time per member and post.
 */
async function vote(
  acting: Acting,
  ctx: BotContext,
  press: { up: boolean; back: boolean; id: string; slug: string },
): Promise<VoteAnswer> {
  const { up, back, id, slug } = press;
  const target = `vote:${slug}`;
  // Held for as long as the two calls may take (a slot, then imgpile's slowest answer, twice):
  // a second press never starts while the first may still toggle.
  if (!(await ctx.store.clicks.claim(acting.userId, target, VOTE_CLAIM_MS)))
    return { say: say('social.voteBusy'), voted: null };
  try {
    const { body } = await asMember(ctx, acting, (a) =>
      a.client.getPost(slug, {}, { authenticated: true }),
    );
    const already = up ? body.data.isUpvotedByUser : body.data.isDownvotedByUser;
    const score = body.data.score ?? 0;
    // Without it a press could do the opposite of what it says (imgpile toggles): nothing is sent.
    if (typeof already !== 'boolean') return { say: say('social.voteUnknown'), voted: null };
    if (already && !back) return { say: say('social.alreadyVoted', { up, score }), voted: true };
    if (!already && back) return { say: say('social.notVoted', { up, score }), voted: false };
    // The post just read, not only the button's word, says which post is voted on.
    if (String(body.data.id) !== id) return { say: say('error.staleButton'), voted: null };
    const res = await asMember(ctx, acting, (a) =>
      up ? a.client.upvotePost(id) : a.client.downvotePost(id),
    );
    const now = res.body.score ?? null;
    ctx.log.info({ userId: acting.userId, slug, up, back }, back ? 'took back a vote' : 'voted');
    return back
      ? { say: say('social.tookBack', { up, score: now }), voted: false }
      : { say: say('social.voted', { up, score: now }), voted: true };
  } finally {
    await ctx.store.clicks.release(acting.userId, target);
  }
}

/** Following is a POST and unfollowing a DELETE: both leave the same state when repeated. */
async function follow(acting: Acting, ctx: BotContext, on: boolean, username: string, text: Text) {
  await asMember(ctx, acting, (a) =>
    on ? a.client.followUser(username) : a.client.unfollowUser(username),
  );
  ctx.log.info({ userId: acting.userId, on }, on ? 'followed a user' : 'unfollowed a user');
  const name = literal(username);
  return {
    content: text(on ? 'social.follows' : 'social.unfollowed', { name }),
    components: [socialRow([on ? unfollowButton(username, text) : followButton(username, text)])],
  };
}

async function showCommentForm(interaction: ButtonInteraction, ctx: BotContext, slug: string) {
  await requireActing(ctx, interaction.user.id, 'comment');
  await interaction.showModal(commentForm(slug, textFor(interaction.locale)));
}

/**
 * A social button: each acts as the presser's linked imgpile account, and answers the presser
 * alone. An unlinked presser is told how to link.
 */
async function socialPressed(interaction: ButtonInteraction, ctx: BotContext, press: SocialPress) {
  switch (press.action) {
    case 'open':
      return openPanel(interaction, ctx, press.slug);
    case 'comment':
      return showCommentForm(interaction, ctx, press.slug);
    case 'up':
    case 'down':
    case 'unup':
    case 'undown':
      return votePressed(interaction, ctx, press);
    default:
      return followPressed(interaction, ctx, press);
  }
}

/** A vote button: the answer, with the button that does the opposite next (take back, vote). */
async function votePressed(
  interaction: ButtonInteraction,
  ctx: BotContext,
  press: Extract<SocialPress, { action: VoteAction }>,
) {
  const acting = await requireActing(ctx, interaction.user.id, 'vote');
  await interaction.deferReply(ephemeral);
  const up = press.action === 'up' || press.action === 'unup';
  const back = press.action === 'unup' || press.action === 'undown';
  const answer = await vote(acting, ctx, { up, back, id: press.id, slug: press.slug });
  const text = textFor(interaction.locale);
  const next = answer.voted === null ? [] : [voteButton(press, up, answer.voted, text)];
  await interaction.editReply({
    content: text.say(answer.say),
    components: next.length ? [socialRow(next)] : [],
  });
}

async function followPressed(
  interaction: ButtonInteraction,
  ctx: BotContext,
  press: Extract<SocialPress, { username: string }>,
) {
  const acting = await requireActing(ctx, interaction.user.id, 'follow');
  await interaction.deferReply(ephemeral);
  const text = textFor(interaction.locale);
  const answer = await follow(acting, ctx, press.action === 'follow', press.username, text);
  await interaction.editReply({ ...answer, allowedMentions: { parse: [] } });
}

/** The comment form: its `content` posted on the post as the member. */
async function commentSubmitted(
  interaction: ModalSubmitInteraction,
  ctx: BotContext,
  { slug }: { slug: string },
) {
  const content = interaction.fields.getTextInputValue('content').trim();
  if (!content) throw new UserError(say('social.emptyComment'));
  const acting = await requireActing(ctx, interaction.user.id, 'comment');
  await interaction.deferReply(ephemeral);
  const res = await asMember(ctx, acting, (a) => a.client.addComment(slug, content));
  // Kept so that post view can list it and its writer (only) can delete it.
  const at = Date.now();
  const { id } = res.body.comment;
  await ctx.store.comments.record({
    id,
    slug,
    userId: acting.userId,
    content: content.slice(0, 500),
    at,
  });
  ctx.log.info({ userId: acting.userId, slug, commentId: id }, 'commented on a post');
  const url = ctx.links.post(slug);
  await interaction.editReply(textFor(interaction.locale)('social.commented', { url }));
}

/** The vote, comment and follow buttons on feed cards, post views and profiles, and the form. */
export const socialRoutes = {
  buttons: [onButton(socialId, socialPressed)],
  modals: [onModal(commentFormId, commentSubmitted)],
};
