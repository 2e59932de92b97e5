import type { Translation } from './catalogue.js';
import { accounts } from './de/accounts.js';
import { browse } from './de/browse.js';
import { commands } from './de/commands.js';
import { errors } from './de/errors.js';
import { links } from './de/links.js';
import { manage } from './de/manage.js';
import { refusals } from './de/refusals.js';
import { rehost } from './de/rehost.js';
import { server } from './de/server.js';

/** German (Discord's `de`). */
export const de: Translation = {
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
