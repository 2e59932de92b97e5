import { slashCommand } from '../../src/discord/core/commands.js';
import { accountGroup } from './account.js';
import { commentRoutes } from './posts/comments.js';
import { deleteRoutes } from './posts/delete.js';
import { feedSubcommand } from './feed.js';
import { findSubcommand } from './find.js';
import { mediaGroup, postGroup } from './posts/manage.js';
import { mineSubcommand } from './mine.js';
import { userSubcommand } from './profile.js';
import { quotaSubcommand } from './quota.js';
import { settingsSubcommand } from './settings.js';
import { sizeRoutes } from './sizes.js';
import { socialRoutes } from './social.js';
import { uploadSubcommand } from './upload.js';
import { watchGroup } from './watch.js';

/**
 * `/imgpile`: its subcommands in the order Discord lists them (a new one is a file in this
 * folder and a line here), and the buttons that more than one of them puts on its messages.
 */
export const imgpile = slashCommand({
  name: 'imgpile',
  description: 'def.imgpile',
  entries: [
    uploadSubcommand,
    feedSubcommand,
    watchGroup,
    postGroup,
    mediaGroup,
    quotaSubcommand,
    settingsSubcommand,
    accountGroup,
    mineSubcommand,
    userSubcommand,
    findSubcommand,
  ],
  extra: {
    buttons: [
      ...deleteRoutes.buttons,
      ...socialRoutes.buttons,
      ...commentRoutes.buttons,
      ...sizeRoutes.buttons,
    ],
    modals: socialRoutes.modals,
  },
});
