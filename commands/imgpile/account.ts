import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { statusNote } from '../../src/accounts/standing.js';
import { onModal, type SubcommandGroup } from '../../src/discord/core/commands.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { linkForm, linkFormId } from '../../src/discord/views/link-form.js';
import { UserError } from '../../src/errors.js';
import { takeCommandSlot } from '../../src/functions/limits/takeCommandSlot.js';
import { ImgpileError, isNotFound } from '../../src/imgpile/errors.js';
import { USERNAME } from '../../src/imgpile/params.js';
import { LINK_TRIES, LINK_TRIES_WINDOW_MS } from '../../src/limits/link-tries.js';
import { say, textFor, type Text } from '../../src/text/index.js';

const ephemeral = (content: string) => ({
  content,
  flags: MessageFlags.Ephemeral as const,
  allowedMentions: { parse: [] },
});

async function unlink(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const had = await ctx.store.accounts.remove(interaction.user.id);
  // Autocomplete no longer offers that account's posts.
  await ctx.store.completions.forgetOwn(interaction.user.id);
  if (had) ctx.log.info({ userId: interaction.user.id }, 'imgpile account unlinked');
  const text = textFor(interaction.locale);
  await interaction.reply(ephemeral(text(had ? 'account.unlinked' : 'account.noneToUnlink')));
}

async function status(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const text = textFor(interaction.locale);
  await interaction.reply(ephemeral(await statusText(interaction, ctx, text)));
}

async function statusText(interaction: ChatInputCommandInteraction, ctx: BotContext, text: Text) {
  const userId = interaction.user.id;
  const record = await ctx.store.accounts.get(userId);
  const { accounts } = await ctx.store.settings.get(interaction.guildId);
  const here = interaction.guildId ? [text('account.here', { accounts })] : [];
  if (!record) return [text('account.none'), ...here].join('\n');
  const since = record.linkedAt.getTime();
  const lines = [text('account.linkedSince', { username: record.username, since })];
  if (!ctx.accounts.enabled) lines.push(text('account.off'));
  const unreadable =
    !record.broken && ctx.accounts.enabled && !ctx.accounts.opens(userId, record.sealed);
  const note = await statusNote(ctx.store, userId, { broken: record.broken, unreadable });
  if (note) lines.push(text.say(note));
  return [...lines, ...here].join('\n');
}

async function showLinkForm(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const text = textFor(interaction.locale);
  if (!ctx.accounts.enabled) {
    await interaction.reply(ephemeral(text('account.off')));
    return;
  }
  await interaction.showModal(linkForm(text));
}

/**
 * The link modal: the token is tried against imgpile with a read that needs it and changes
 * nothing (the user's own posts, which also proves the username exists), then stored sealed.
 */
async function linkSubmitted(interaction: ModalSubmitInteraction, ctx: BotContext) {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (!ctx.accounts.enabled) throw new UserError(say('account.off'));
  const username = interaction.fields.getTextInputValue('username').trim().replace(/^@/, '');
  const token = interaction.fields.getTextInputValue('token').trim();
  if (!USERNAME.test(username)) throw new UserError(say('account.badUsername'));
  if (!/^[\x21-\x7e]{8,}$/.test(token)) throw new UserError(say('account.badToken'));
  // Each try is a request to imgpile (which counts refused tokens against the bot): a few only.
  const minutes = LINK_TRIES_WINDOW_MS / 60_000;
  await takeCommandSlot(ctx.accounts.linkTries(interaction.user.id), {
    maxWaitMs: 0,
    busy: say('busy.linkTries', { tries: LINK_TRIES, minutes }),
  });
  const { client, limiter } = ctx.accounts.trial(token);
  await takeCommandSlot(limiter, { maxWaitMs: 5_000, busy: say('busy.token') });
  try {
    const { body } = await client.listUserPosts(username, { limit: 1 }, { authenticated: true });
    // imgpile shows a post's owner-only fields to its owner alone: a post of theirs without
    // them says the token is someone else's. (No posts yet: the name is corrected from
    // imgpile's own answer at the first upload.)
    const [post] = body.data;
    if (post && post.visibility === undefined)
      throw new UserError(say('account.notTheirs', { username }));
  } catch (err) {
    if (err instanceof ImgpileError && err.kind === 'unauthenticated')
      throw new UserError(say('account.tokenNotAccepted'));
    if (isNotFound(err)) throw new UserError(say('account.noSuchUser', { username }));
    throw err;
  }
  await ctx.accounts.save(interaction.user.id, token, username);
  await ctx.store.completions.forgetOwn(interaction.user.id);
  ctx.log.info({ userId: interaction.user.id }, 'imgpile account linked');
  await interaction.editReply({
    content: textFor(interaction.locale)('account.linked', { username }),
    allowedMentions: { parse: [] },
  });
}

export const accountGroup: SubcommandGroup = {
  name: 'account',
  description: 'def.account',
  subcommands: [
    {
      name: 'link',
      description: 'def.account.link',
      run: showLinkForm,
      modals: [onModal(linkFormId, linkSubmitted)],
    },
    { name: 'status', description: 'def.account.status', run: status },
    { name: 'unlink', description: 'def.account.unlink', run: unlink },
  ],
};
