import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Linked imgpile tokens at rest: AES-256-GCM with a random 12-byte IV per write, bound to the
 * Discord user it belongs to (additional data), tagged with the id of the key that sealed it so
 * that the previous key still opens it while keys are being rotated. Anything that does not
 * authenticate (a changed byte, another user's record, an unknown key) opens to nothing.
 */

/** The key that seals, and the previous one (still opens, never seals) during a rotation. */
export type AccountKeys = { current: Buffer; previous: Buffer | null };

/** The configured keys (ACCOUNT_ENCRYPTION_KEY and its previous), or null when linking is off. */
export function accountKeys(accounts: {
  key: Buffer | null;
  previousKey: Buffer | null;
  problem: string | null;
}): AccountKeys | null {
  if (!accounts.key || accounts.problem) return null;
  return { current: accounts.key, previous: accounts.previousKey };
}

/**
 * What the log may say of a record no configured key opens: which key sealed it and which are
 * configured, by their public ids (never a key).
 */
export function unreadableKeyIds(sealed: string, keys: AccountKeys) {
  return {
    sealedWith: sealed.split('.')[1] ?? null,
    keys: [keys.current, keys.previous].filter((k) => k !== null).map(keyId),
  };
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A short public id of a key: which key sealed a record, never the key. */
export function keyId(key: Buffer): string {
  return createHash('sha256')
    .update('imgpile-bot account key id\0')
    .update(key)
    .digest('base64url')
    .slice(0, 8);
}

const additionalData = (userId: string) => Buffer.from(`imgpile-bot account\0${userId}`);

/** `v1.<key id>.<iv>.<ciphertext + tag>`, base64url parts. */
export function sealToken(token: string, userId: string, keys: AccountKeys): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keys.current, iv);
  cipher.setAAD(additionalData(userId));
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return [VERSION, keyId(keys.current), iv.toString('base64url'), body.toString('base64url')].join(
    '.',
  );
}

/**
 * The token in `sealed`, and whether it was sealed with the previous key (so the caller seals
 * it again with the current one). Null when it cannot be opened: fails closed.
 */
export function openToken(
  sealed: string,
  userId: string,
  keys: AccountKeys,
): { token: string; stale: boolean } | null {
  const [version, kid, ivText, bodyText] = sealed.split('.');
  if (version !== VERSION || !kid || !ivText || !bodyText) return null;
  const stale = keys.previous !== null && kid === keyId(keys.previous);
  const key = kid === keyId(keys.current) ? keys.current : stale ? keys.previous : null;
  if (!key) return null;
  const iv = Buffer.from(ivText, 'base64url');
  const body = Buffer.from(bodyText, 'base64url');
  if (iv.length !== IV_BYTES || body.length <= TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(additionalData(userId));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(body.subarray(0, body.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return { token: plain.toString('utf8'), stale };
  } catch {
    return null;
  }
}
