import { SlashCommandBuilder } from 'discord.js';
import { CONTEXTS, INSTALLS, type Command } from '../../src/discord/core/context.js';
import { LINK_MODAL, account, accountGroup, linkModal } from './account.js';
import { deleteCancelled, deleteConfirmed, deletePressed } from './delete.js';
import { feed, feedButton, feedSubcommand } from './feed.js';
import { media, mediaGroup, post, postGroup } from './manage.js';
import { mine, mineButton, mineSubcommand } from './mine.js';
import { profile, profileButton, userSubcommand } from './profile.js';
import { quota } from './quota.js';
import { settings, settingsSubcommand } from './settings.js';
import { COMMENT_MODAL, commentModal, socialButton } from './social.js';
import { upload, uploadSubcommand } from './upload.js';
import { watch, watchGroup } from './watch.js';

/** `/imgpile`: every subcommand routes to its handler in this folder. */
export const imgpile = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('imgpile')
    .setDescription('Rehost images and videos on imgpile')
    .setIntegrationTypes(...INSTALLS)
    .setContexts(...CONTEXTS)
    .addSubcommand(uploadSubcommand)
    .addSubcommand(feedSubcommand)
    .addSubcommandGroup(watchGroup)
    .addSubcommandGroup(postGroup)
    .addSubcommandGroup(mediaGroup)
    .addSubcommand((sub) =>
      sub.setName('quota').setDescription('Files rehosted today, and what is left'),
    )
    .addSubcommand(settingsSubcommand)
    .addSubcommandGroup(accountGroup)
    .addSubcommand(mineSubcommand)
    .addSubcommand(userSubcommand)
    .toJSON(),
  async execute(interaction, ctx) {
    const group = interaction.options.getSubcommandGroup(false);
    const sub = interaction.options.getSubcommand();
    if (group === 'watch') return watch(interaction, ctx);
    if (group === 'post') return post(interaction, ctx);
    if (group === 'media') return media(interaction, ctx);
    if (group === 'account') return account(interaction, ctx);
    if (sub === 'upload') return upload(interaction, ctx);
    if (sub === 'feed') return feed(interaction, ctx);
    if (sub === 'quota') return quota(interaction, ctx);
    if (sub === 'settings') return settings(interaction, ctx);
    if (sub === 'mine') return mine(interaction, ctx);
    if (sub === 'user') return profile(interaction, ctx);
    throw new Error(`unknown subcommand ${group ?? ''} ${sub}`);
  },
  buttons: {
    feed: feedButton,
    rdel: deletePressed,
    rdelok: deleteConfirmed,
    rdelno: (interaction) => deleteCancelled(interaction),
    mine: mineButton,
    social: socialButton,
    profile: profileButton,
  },
  modals: { [LINK_MODAL]: linkModal, [COMMENT_MODAL]: commentModal },
} satisfies Command;
