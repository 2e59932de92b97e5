import { accounts } from './en/accounts.js';
import { browse } from './en/browse.js';
import { commands } from './en/commands.js';
import { errors } from './en/errors.js';
import { links } from './en/links.js';
import { manage } from './en/manage.js';
import { refusals } from './en/refusals.js';
import { rehost } from './en/rehost.js';
import { server } from './en/server.js';

/**
 * The English catalogue, the source of truth: every key, and the values each message takes.
 * One file per area; a key is `<area>.<what>` and is defined once (test/text checks it).
 */
export const en = {
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
