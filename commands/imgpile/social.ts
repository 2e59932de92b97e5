import {
  ComponentType,
  MessageFlags,
  TextInputStyle,
  type ButtonInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { Acting } from '../../src/accounts/linked.js';
import type { BotContext } from '../../src/discord/core/context.js';
import {
  followButton,
  socialButtons,
  socialRow,
  unfollowButton,
} from '../../src/discord/views/social.js';
import { clip, literal, oneLine } from '../../src/discord/views/text.js';
import { UserError } from '../../src/errors.js';
import { asMember, requireActing } from '../../src/functions/accounts/actAsMember.js';
import { NUMERIC_ID, SLUG, USERNAME } from '../../src/imgpile/params.js';

export const COMMENT_MODAL = 'comment';

const STALE = 'That button is out of date.';
/** How long one vote may hold its member's claim on the post (see vote). */
const VOTE_CLAIM_MS = 90_000;
const ephemeral = { flags: MessageFlags.Ephemeral } as const;

/** A post's actions, opened from a feed page to the presser alone, with its current state. */
async function openPanel(interaction: ButtonInteraction, ctx: BotContext, slug: string) {
  const acting = await requireActing(ctx, interaction.user.id, 'vote, comment or follow');
  await interaction.deferReply(ephemeral);
  const { body } = await asMember(ctx, acting, (a) =>
    a.client.getPost(slug, {}, { authenticated: true }),
  );
  const post = body.data;
  const title = literal(clip(oneLine(post.title ?? '') || 'Untitled', 100));
  const by = post.user?.username ? ` by ${literal(post.user.username)}` : '';
  const mine = post.isUpvotedByUser
    ? ' You upvoted it.'
    : post.isDownvotedByUser
      ? ' You downvoted it.'
      : '';
  await interaction.editReply({
    content: `**${title}**${by} · score ${post.score ?? 0}.${mine}\n${ctx.links.post(slug)}`,
    components: [socialRow(socialButtons(post))],
    allowedMentions: { parse: [] },
  });
}

/**
 * An upvote or downvote that a second press never undoes (imgpile toggles): one press at a
 * time per member and post, and a vote already cast that way is left as it is.
 */
async function vote(acting: Acting, ctx: BotContext, up: boolean, id: string, slug: string) {
  const target = `vote:${slug}`;
  // Held for as long as the two calls may take (a slot, then imgpile's slowest answer, twice):
  // a second press never starts while the first may still toggle.
  if (!(await ctx.store.clicks.claim(acting.userId, target, VOTE_CLAIM_MS)))
    return 'Your vote on this post is already being counted.';
  try {
    const { body } = await asMember(ctx, acting, (a) =>
      a.client.getPost(slug, {}, { authenticated: true }),
    );
    const already = up ? body.data.isUpvotedByUser : body.data.isDownvotedByUser;
    // Without it a vote could undo one already cast (imgpile toggles): nothing is sent.
    if (typeof already !== 'boolean')
      return 'imgpile did not say whether you have voted on this post, so no vote was sent. Try again later.';
    if (already)
      return `You have already ${up ? 'upvoted' : 'downvoted'} this post; its score is ${body.data.score ?? 0}.`;
    // The post just read, not only the button's word, says which post is voted on.
    if (String(body.data.id) !== id) return STALE;
    const res = await asMember(ctx, acting, (a) =>
      up ? a.client.upvotePost(id) : a.client.downvotePost(id),
    );
    ctx.log.info({ userId: acting.userId, slug, up }, 'voted on a post');
    return `${up ? 'Upvoted' : 'Downvoted'}: the post's score is now ${res.body.score ?? '?'}.`;
  } finally {
    await ctx.store.clicks.release(acting.userId, target);
  }
}

/** Following is a POST and unfollowing a DELETE: both leave the same state when repeated. */
async function follow(acting: Acting, ctx: BotContext, on: boolean, username: string) {
  await asMember(ctx, acting, (a) =>
    on ? a.client.followUser(username) : a.client.unfollowUser(username),
  );
  ctx.log.info({ userId: acting.userId, on }, on ? 'followed a user' : 'unfollowed a user');
  const name = literal(username);
  return {
    content: on ? `You follow ${name} on imgpile.` : `You no longer follow ${name} on imgpile.`,
    components: [socialRow([on ? unfollowButton(username) : followButton(username)])],
  };
}

async function showCommentModal(interaction: ButtonInteraction, ctx: BotContext, slug: string) {
  await requireActing(ctx, interaction.user.id, 'comment');
  await interaction.showModal({
    custom_id: `${COMMENT_MODAL}:${slug}`,
    title: 'Comment on imgpile',
    components: [
      {
        type: ComponentType.Label,
        label: 'Your comment',
        component: {
          type: ComponentType.TextInput,
          custom_id: 'content',
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: 2000,
        },
      },
    ],
  });
}

/**
 * `social:open:<slug>`, `social:up|down:<id>:<slug>`, `social:comment:<slug>`,
 * `social:follow|unfollow:<username>`: each acts as the presser's linked imgpile account, and
 * answers the presser alone. An unlinked presser is told how to link.
 */
export async function socialButton(interaction: ButtonInteraction, ctx: BotContext) {
  const [, action = '', a = '', b = ''] = interaction.customId.split(':');
  if (action === 'open' && SLUG.test(a)) return openPanel(interaction, ctx, a);
  if (action === 'comment' && SLUG.test(a)) return showCommentModal(interaction, ctx, a);
  if ((action === 'up' || action === 'down') && NUMERIC_ID.test(a) && SLUG.test(b)) {
    const acting = await requireActing(ctx, interaction.user.id, 'vote');
    await interaction.deferReply(ephemeral);
    await interaction.editReply(await vote(acting, ctx, action === 'up', a, b));
    return;
  }
  if ((action === 'follow' || action === 'unfollow') && USERNAME.test(a)) {
    const acting = await requireActing(ctx, interaction.user.id, 'follow');
    await interaction.deferReply(ephemeral);
    const answer = await follow(acting, ctx, action === 'follow', a);
    await interaction.editReply({ ...answer, allowedMentions: { parse: [] } });
    return;
  }
  throw new UserError(STALE);
}

/** The comment modal: `comment:<slug>`, its `content` posted as the member. */
export async function commentModal(interaction: ModalSubmitInteraction, ctx: BotContext) {
  const slug = interaction.customId.split(':')[1] ?? '';
  if (!SLUG.test(slug)) throw new UserError(STALE);
  const content = interaction.fields.getTextInputValue('content').trim();
  if (!content) throw new UserError('An empty comment was not posted.');
  const acting = await requireActing(ctx, interaction.user.id, 'comment');
  await interaction.deferReply(ephemeral);
  await asMember(ctx, acting, (a) => a.client.addComment(slug, content));
  ctx.log.info({ userId: acting.userId, slug }, 'commented on a post');
  await interaction.editReply(`Your comment is posted: ${ctx.links.post(slug)}`);
}
