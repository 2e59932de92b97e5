import type { Translation } from './catalogue.js';
import { accounts } from './pt-BR/accounts.js';
import { browse } from './pt-BR/browse.js';
import { commands } from './pt-BR/commands.js';
import { errors } from './pt-BR/errors.js';
import { links } from './pt-BR/links.js';
import { manage } from './pt-BR/manage.js';
import { refusals } from './pt-BR/refusals.js';
import { rehost } from './pt-BR/rehost.js';
import { server } from './pt-BR/server.js';

/** Brazilian Portuguese (Discord's `pt-BR`). */
export const ptBR: Translation = {
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
