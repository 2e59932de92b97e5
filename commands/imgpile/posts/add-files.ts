import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type SlashCommandSubcommandBuilder,
} from 'discord.js';
import { described, type Subcommand } from '../../../src/discord/core/commands.js';
import type { BotContext } from '../../../src/discord/core/context.js';
import { completePosts } from '../../../src/functions/complete/completeSlugs.js';
import { chooseAccount } from '../../../src/accounts/choose.js';
import { isNsfwInteraction } from '../../../src/discord/intake/files.js';
import { rehostFromInteraction } from '../../../src/discord/intake/interaction.js';
import { UserError } from '../../../src/errors.js';
import { say } from '../../../src/text/index.js';
import { ownPost } from './reorder.js';
import { FILE_OPTIONS, requestedFiles } from '../upload.js';

function addOptions(sub: SlashCommandSubcommandBuilder) {
  sub.addStringOption((o) =>
    described(o, 'slug', 'def.media.add.slug').setRequired(true).setMaxLength(200),
  );
  for (const [i, name] of FILE_OPTIONS.entries()) {
    sub.addAttachmentOption((o) => {
      described(o, name, i === 0 ? 'def.upload.file' : 'def.upload.fileMore');
      return i === 0 ? o.setRequired(true) : o;
    });
  }
  return sub;
}

/**
 * `/imgpile media add slug file …`: the files are uploaded into an existing post (imgpile's
 * `post_id`), only one of the member's own: a post the bot made for them, or their own
 * account's. Its numeric id is read with that account first; imgpile returns a post's
 * `visibility` to its owner only, so a post without it is another account's, and is refused
 * before anything is queued (imgpile would refuse each file later, in words that do not say why).
 * The answer is the member's alone, as a hidden or private upload's is.
 */
async function addFiles(interaction: ChatInputCommandInteraction, ctx: BotContext) {
  const { slug, manager } = await ownPost(interaction, ctx);
  const requester = { guildId: interaction.guildId, userId: interaction.user.id };
  const attachments = requestedFiles(interaction, ctx);
  // To the member alone: the post may be hidden, private or adult, which is known only once read.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { body } = await manager.run((imgpile) =>
    imgpile.getPost(slug, { perPage: 1 }, { authenticated: true }),
  );
  if (manager.own && body.data.visibility === undefined)
    throw new UserError(say('manage.otherAccountsPost'));
  // The files go to the post's own account, or imgpile refuses each: said now, plainly.
  const uploadsAs = (await chooseAccount(ctx, requester)).account;
  if (!manager.own && uploadsAs === 'user') throw new UserError(say('manage.botAccountsPost'));
  if (manager.own && uploadsAs === 'bot') throw new UserError(say('manage.linkedAccountsPost'));
  // Adult files go into adult posts only, as an upload's do: never into a post in SFW feeds.
  if (body.data.moderation_status !== 'nsfw' && (await isNsfwInteraction(interaction, attachments)))
    throw new UserError(say('manage.markAdultFirst'));
  ctx.log.info({ slug, userId: interaction.user.id, files: attachments.length }, 'adding to post');
  await rehostFromInteraction(interaction, ctx, attachments, null, undefined, body.data.id);
}

/** `/imgpile media add`. */
export const addFilesSubcommand: Subcommand = {
  name: 'add',
  description: 'def.media.add',
  options: addOptions,
  run: addFiles,
  autocomplete: { slug: completePosts },
};
