import {
  ComponentType,
  MessageFlags,
  TextInputStyle,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { LINK_HINT, statusNote } from '../../src/accounts/standing.js';
import type { BotContext } from '../../src/discord/core/context.js';
import { UserError } from '../../src/errors.js';
import { takeCommandSlot } from '../../src/functions/limits/takeCommandSlot.js';
import { ImgpileError, isNotFound } from '../../src/imgpile/errors.js';
import { USERNAME } from '../../src/imgpile/params.js';
import { LINK_TRIES, LINK_TRIES_WINDOW_MS } from '../../src/limits/link-tries.js';
import { describeAccountPolicy } from './settings.js';

export const LINK_MODAL = 'account-link';

const OFF =
  "Linking imgpile accounts is turned off on this bot (its operator has not set an encryption key), so your files go to the bot's imgpile account.";

export function accountGroup(group: SlashCommandSubcommandGroupBuilder) {
  return group
    .setName('account')
    .setDescription('Your own imgpile account')
    .addSubcommand((sub) =>
      sub.setName('link').setDescription('Link your imgpile account (asks for its API token)'),
    )
    .addSubcommand((sub) =>
      sub.setName('status').setDescription('Whether an imgpile account is linked'),
    )
    .addSubcommand((sub) =>
      sub.setName('unlink').setDescription('Forget your imgpile account and its token'),
    );
}

const ephemeral = (content: string) => ({
  content,
  flags: MessageFlags.Ephemeral as const,
  allowedMentions: { parse: [] },
});

export async function account(
  interaction: ChatInputCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const sub = interaction.options.getSubcommand();
  if (sub === 'link') return showLinkModal(interaction, ctx);
  if (sub === 'unlink') {
    const had = await ctx.store.accounts.remove(interaction.user.id);
    if (had) ctx.log.info({ userId: interaction.user.id }, 'imgpile account unlinked');
    await interaction.reply(
      ephemeral(
        had
          ? 'Your imgpile account is unlinked and its token forgotten. Your files go to the bot’s imgpile account where a server allows it.'
          : 'No imgpile account was linked.',
      ),
    );
    return;
  }
  await interaction.reply(ephemeral(await statusText(interaction, ctx)));
}

async function statusText(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const userId = interaction.user.id;
  const record = await ctx.store.accounts.get(userId);
  const settings = await ctx.store.settings.get(interaction.guildId);
  const here = interaction.guildId ? `\nIn this server: ${describeAccountPolicy(settings)}.` : '';
  if (!record) return `No imgpile account is linked. ${LINK_HINT} links yours.${here}`;
  const since = `<t:${Math.floor(record.linkedAt.getTime() / 1000)}:R>`;
  let text = `Linked to the imgpile account **${record.username}** (since ${since}). The token is stored encrypted and never shown.`;
  if (!ctx.accounts.enabled) text += `\n${OFF}`;
  const unreadable =
    !record.broken && ctx.accounts.enabled && !ctx.accounts.opens(userId, record.sealed);
  text += await statusNote(ctx.store, userId, { broken: record.broken, unreadable });
  return `${text}${here}`;
}

async function showLinkModal(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  if (!ctx.accounts.enabled) {
    await interaction.reply(ephemeral(OFF));
    return;
  }
  // The token goes in a modal, never an option: options show in clients and in logs.
  await interaction.showModal({
    custom_id: LINK_MODAL,
    title: 'Link your imgpile account',
    components: [
      {
        type: ComponentType.Label,
        label: 'imgpile username',
        component: {
          type: ComponentType.TextInput,
          custom_id: 'username',
          style: TextInputStyle.Short,
          required: true,
          max_length: 64,
        },
      },
      {
        type: ComponentType.Label,
        label: 'imgpile API token',
        description: 'Stored encrypted; never shown again. Unlink any time.',
        component: {
          type: ComponentType.TextInput,
          custom_id: 'token',
          style: TextInputStyle.Short,
          required: true,
          max_length: 255,
        },
      },
    ],
  });
}

/**
 * The link modal: the token is tried against imgpile with a read that needs it and changes
 * nothing (the user's own posts, which also proves the username exists), then stored sealed.
 */
export async function linkModal(interaction: ModalSubmitInteraction, ctx: BotContext) {
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  if (!ctx.accounts.enabled) throw new UserError(OFF);
  const username = interaction.fields.getTextInputValue('username').trim().replace(/^@/, '');
  const token = interaction.fields.getTextInputValue('token').trim();
  if (!USERNAME.test(username)) throw new UserError('That is not an imgpile username.');
  if (!/^[\x21-\x7e]{8,}$/.test(token))
    throw new UserError('That does not look like an imgpile API token: nothing was linked.');
  // Each try is a request to imgpile (which counts refused tokens against the bot): a few only.
  await takeCommandSlot(ctx.accounts.linkTries(interaction.user.id), {
    maxWaitMs: 0,
    busy: `You have tried to link an account ${LINK_TRIES} times in ${LINK_TRIES_WINDOW_MS / 60_000} minutes.`,
  });
  const { client, limiter } = ctx.accounts.trial(token);
  await takeCommandSlot(limiter, { maxWaitMs: 5_000, busy: 'That token is at its request limit.' });
  try {
    const { body } = await client.listUserPosts(username, { limit: 1 }, { authenticated: true });
    // imgpile shows a post's owner-only fields to its owner alone: a post of theirs without
    // them says the token is someone else's. (No posts yet: the name is corrected from
    // imgpile's own answer at the first upload.)
    const [post] = body.data;
    if (post && post.visibility === undefined)
      throw new UserError(
        `That token is not the imgpile account ${username}’s (imgpile does not show it as the owner of their posts): nothing was linked.`,
      );
  } catch (err) {
    if (err instanceof ImgpileError && err.kind === 'unauthenticated')
      throw new UserError('imgpile did not accept that token: nothing was linked.');
    if (isNotFound(err))
      throw new UserError(`imgpile has no user named ${username}: nothing was linked.`);
    throw err;
  }
  await ctx.accounts.save(interaction.user.id, token, username);
  ctx.log.info({ userId: interaction.user.id }, 'imgpile account linked');
  await interaction.editReply({
    content: `Linked to the imgpile account **${username}**. Your rehosts go to it where a server allows it (\`/imgpile settings\`), and you can vote, comment and follow as yourself. \`/imgpile account unlink\` forgets the token at once.`,
    allowedMentions: { parse: [] },
  });
}
