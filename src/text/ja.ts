import type { Translation } from './catalogue.js';
import { accounts } from './ja/accounts.js';
import { browse } from './ja/browse.js';
import { commands } from './ja/commands.js';
import { errors } from './ja/errors.js';
import { links } from './ja/links.js';
import { manage } from './ja/manage.js';
import { refusals } from './ja/refusals.js';
import { rehost } from './ja/rehost.js';
import { server } from './ja/server.js';

/** Japanese (Discord's `ja`). */
export const ja: Translation = {
  ...errors,
  ...accounts,
  ...rehost,
  ...refusals,
  ...manage,
  ...browse,
  ...server,
  ...commands,
  ...links,
};
