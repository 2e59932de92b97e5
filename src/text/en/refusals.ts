import type { Format, Said } from '../format.js';
import { LINK_HINT } from './words.js';

/** A size as the bot's limits are said: bytes, KB (rounded), MB (one decimal unless whole). */
export function size(n: number, f: Format): string {
  const MB = 1024 * 1024;
  if (n >= MB) return `${f.num(n / MB, n % MB === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${f.num(Math.round(n / 1024))} KB`;
  return `${f.num(n)} bytes`;
}

/** The address classes a link may not point to (rehost/addresses.ts). */
const ADDRESS = {
  unspecified: 'an unspecified',
  loopback: 'a loopback',
  private: 'a private network',
  shared: 'a carrier-grade NAT',
  'link-local': 'a link-local',
  metadata: 'a cloud metadata',
  multicast: 'a multicast',
  broadcast: 'a broadcast',
  documentation: 'a documentation',
  benchmarking: 'a benchmarking',
  reserved: 'a reserved',
} as const;

export type AddressClass = keyof typeof ADDRESS;

/**
 * Why a file or a post was not made: lower-case clauses without a final period, shown after the
 * file's name (and, for imgpile's, as a command's answer made a sentence).
 */
export const refusals = {
  'refusal.tooLarge': (p: { limit: number }, f: Format) =>
    `the file is larger than ${size(p.limit, f)}`,
  'refusal.largerThanAnnounced': 'the file is larger than its announced size',
  'refusal.empty': 'the file is empty',
  'refusal.notMedia': 'this file type is not accepted (only images and videos are)',
  'refusal.notDiscordAttachment': 'this link is not a Discord attachment',
  'refusal.expired': 'the Discord link has expired and could not be refreshed',
  'refusal.cdnRefused': (p: { status: number }, f: Format) =>
    `Discord's CDN refused the download (HTTP ${f.num(p.status)})`,
  'refusal.retriesExhausted':
    'could not be rehosted after several attempts (imgpile or Discord was unreachable); try again later',
  'refusal.refusalsSpent':
    'not fetched: too many of your files were refused today (it resets at midnight UTC)',
  'refusal.siteUnreachable': "the link's site could not be reached after several attempts",
  'refusal.linksOff': 'rehosting links is turned off on this bot (URL_REHOST)',
  'refusal.withdrawn': 'deleted again with the post, which could not be made as asked',

  'refusal.invalidLink': 'this is not a valid link',
  'refusal.httpOnly': 'only http and https links can be rehosted',
  'refusal.httpsOnly': 'only https links can be rehosted',
  'refusal.credentials': 'links with a user name or password are not accepted',
  'refusal.siteNotAccepted': 'links to this site are not accepted here',
  'refusal.address': (p: { class: AddressClass }) =>
    `this link points to ${ADDRESS[p.class]} address, which is not allowed`,
  'refusal.siteNotFound': "this link's site could not be found",
  'refusal.nameServerSilent': "this link's site did not answer: its name server is silent",
  'refusal.tooSlowTotal': (p: { minutes: number }, f: Format) =>
    `the site is too slow: the download took longer than ${f.num(p.minutes)} minutes`,
  'refusal.tooSlowRate': (p: { kbPerSecond: number }, f: Format) =>
    `the site is too slow: it sent under ${f.num(p.kbPerSecond)} KB a second`,
  'refusal.badCertificate': "the site's HTTPS certificate is not valid",
  'refusal.siteRefused': (p: { status: number }, f: Format) =>
    `the site refused the download (HTTP ${f.num(p.status)})`,
  'refusal.redirectToNowhere': 'the site answered with a redirect to nowhere',
  'refusal.redirectInvalid': 'the site redirected to an invalid link',
  'refusal.tooManyRedirects': (p: { max: number }, f: Format) =>
    `the link redirects more than ${f.num(p.max)} times`,

  'refusal.accountOff':
    'linking imgpile accounts was turned off on this bot before this file was sent',
  'refusal.accountUnlinked': 'your imgpile account was unlinked before this file was sent',
  'refusal.accountBroken': `imgpile refused your linked account's token; link it again with ${LINK_HINT}`,
  'refusal.accountUnreadable': `your linked imgpile account could not be read (the bot's encryption key changed); link it again with ${LINK_HINT}`,
  'refusal.linkedTokenRefused': "imgpile refused the linked account's token",
  'refusal.senderAccountUnusable': "the sender's linked imgpile account could not be used",

  'imgpile.banned': 'imgpile refused this file (it matches a banned file)',
  'imgpile.typeNotAccepted': 'this file type is not accepted by imgpile',
  'imgpile.tooLarge': 'the file is too large for imgpile',
  'imgpile.rejected': (p: { detail: string }) => `imgpile refused this: ${p.detail}`,
  // A set-up fault is the operator's: they get an error line naming IMGPILE_TOKEN and a metric
  // (ops/imgpile-token.ts); members are told only that it is known.
  'imgpile.tokenRefused': "the bot can't reach imgpile right now; its operator has been told",
  'imgpile.notOwner': "imgpile did not allow this: the bot's account does not own it",
  'imgpile.notFound': 'imgpile has nothing under that slug (or it is private and needs its key)',
  'imgpile.invalidInput': 'that is not a valid imgpile slug, id or key (nothing was sent)',
  'imgpile.unexpected': 'imgpile gave an unexpected answer',
  'imgpile.slowDown': 'imgpile asked the bot to slow down',
  'imgpile.interrupted': 'the request to imgpile was interrupted',
  'imgpile.unreachable': 'imgpile could not be reached',

  'post.inAnotherPost':
    'these files are already in another post on imgpile, which keeps each file in one post',
  'post.withdrawn': (p: { visibility: 'hidden' | 'private' | null; nsfw: boolean }) =>
    `imgpile would not make the post ${p.visibility ? `${p.visibility}${p.nsfw ? ' and adult-only' : ''}` : 'adult-only'}, so it was deleted, with the files uploaded for it`,
  'post.lostWithdrawn':
    "imgpile's answer to making the post was lost and the post it made could not be found again, so the files uploaded for it were deleted; try again",
  'post.noMediaIds': 'imgpile did not return media ids, so no post could be made',
  'post.tryLater': (p: { reason: Said }, f: Format) => `${f.say(p.reason)}; try again later`,
  'retry.download': 'the file could not be downloaded',
  'retry.cannotWithdraw': 'a post that must not stay public could not be deleted',
};
