import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The private redis-server's one user with access to data; `default` may only PING. */
export const REDIS_USER = 'imgpile-bot';

/** In LOCAL_REDIS_DIR, beside the append-only file: the private server's password, 0600. */
export const REDIS_PASSWORD_FILE = 'redis-password';

/** Permission bits others (group, world) have: none, for the folder and the password. */
const OTHERS = 0o077;

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code;

/** The password kept in `dir`, or null when there is none that only its owner can read. */
export async function readRedisPassword(dir: string): Promise<string | null> {
  const file = join(dir, REDIS_PASSWORD_FILE);
  try {
    if (((await stat(file)).mode & OTHERS) !== 0) return null;
    const password = (await readFile(file, 'utf8')).trim();
    return password === '' ? null : password;
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Writes a new password, whole or not at all: a second role starting at the same moment reads
 * either none or the complete file (link() refuses to replace one that exists).
 */
async function createPassword(file: string): Promise<void> {
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${randomBytes(24).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(draft, file);
  } catch (err) {
    if (errorCode(err) !== 'EEXIST') throw err;
  } finally {
    await unlink(draft);
  }
}

/**
 * Makes `dir` the private server's: created 0700 (an existing one closed to others: the
 * append-only file holds interaction tokens and sealed account tokens), and its password, 0600,
 * made when missing or replaced when others could read it. Returns the password and what was
 * closed or replaced, for the log.
 */
export async function preparePrivateDir(
  dir: string,
): Promise<{ password: string; fixed: string[] }> {
  const fixed: string[] = [];
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (((await stat(dir)).mode & OTHERS) !== 0) {
    await chmod(dir, 0o700);
    fixed.push('the folder was open to other users: it is now 0700');
  }
  const file = join(dir, REDIS_PASSWORD_FILE);
  const found = await stat(file).catch((err: unknown) => {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  });
  if (found && (found.mode & OTHERS) !== 0) {
    await unlink(file);
    fixed.push('its password file was readable by other users: a new password replaces it');
  }
  let password = await readRedisPassword(dir);
  if (password === null) {
    await createPassword(file);
    password = await readRedisPassword(dir);
  }
  if (password === null) throw new Error(`could not keep a password in ${file}`);
  return { password, fixed };
}

/**
 * The private server's access rules, given to redis-server on its standard input (never on its
 * command line, which every local user can read): `default` may PING and nothing else (so a
 * liveness check needs no secret), REDIS_USER may do everything with its password.
 */
export function aclConfig(password: string): string {
  return [
    'user default on nopass resetkeys -@all +ping',
    `user ${REDIS_USER} on >${password} ~* +@all`,
    '',
  ].join('\n');
}
