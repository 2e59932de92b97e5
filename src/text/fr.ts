import type { Translation } from './catalogue.js';
import { accounts } from './fr/accounts.js';
import { browse } from './fr/browse.js';
import { commands } from './fr/commands.js';
import { errors } from './fr/errors.js';
import { links } from './fr/links.js';
import { manage } from './fr/manage.js';
import { refusals } from './fr/refusals.js';
import { rehost } from './fr/rehost.js';
import { server } from './fr/server.js';

/** French (Discord's `fr`). */
export const fr: Translation = {
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
