import type { Translation } from './catalogue.js';
import { accounts } from './es-ES/accounts.js';
import { browse } from './es-ES/browse.js';
import { commands } from './es-ES/commands.js';
import { errors } from './es-ES/errors.js';
import { links } from './es-ES/links.js';
import { manage } from './es-ES/manage.js';
import { refusals } from './es-ES/refusals.js';
import { rehost } from './es-ES/rehost.js';
import { server } from './es-ES/server.js';

/** Spanish of Spain (Discord's `es-ES`; `es-419` reads it too). */
export const esES: Translation = {
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
