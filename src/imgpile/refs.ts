import { ACCESS_KEY, SLUG } from './params.js';

/**
 * What a member may paste where a command takes a slug: a bare slug, or one of the links the bot
 * hands out. A post page (`<site>/p/<slug>`, a private one with its `?key=`) names a post; a CDN
 * file (`<cdn>/f/<slug>.<ext>`, or one of its sizes `_xs` … `_xl`, `_thumb`, as the API
 * document's "Direct Image URLs" name them) names a media; a bare slug names either.
 */
export type ImgpileRef = {
  kind: 'post' | 'media' | 'either';
  slug: string;
  /** A private post's access key, from its link. */
  key?: string;
};

/** Why a pasted value is not a slug nor one of imgpile's links: a code, the words are the caller's. */
export type RefRefusal =
  | 'too_long'
  | 'not_ascii'
  | 'not_a_slug'
  | 'not_a_link'
  | 'other_host'
  | 'credentials'
  | 'bad_path'
  | 'bad_key';

export type RefOrigins = {
  /** The site's origin (`https://imgpile.com`): its post pages. */
  site: string;
  /** The CDN's origin (`https://cdn.imgpile.com`): its files. */
  cdn: string;
};

/** As long as a slug option may be (the definitions' `setMaxLength(200)`). */
export const MAX_REF_LENGTH = 200;

/** The size variants of a CDN file (the API document's "Direct Image URLs"). */
export const SIZE_VARIANTS = ['xs', 'sm', 'md', 'lg', 'xl', 'thumb'] as const;

const POST_PAGE = /^\/p\/([A-Za-z0-9_-]{1,64})\/?$/;
const CDN_FILE = new RegExp(
  `^/f/([A-Za-z0-9]{1,64})(?:_(?:${SIZE_VARIANTS.join('|')}))?\\.[A-Za-z0-9]{1,5}$`,
);
/** Printable ASCII: anything else (controls, zero-width, look-alike letters) is refused whole. */
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

export type RefResult = { ok: true; ref: ImgpileRef } | { ok: false; code: RefRefusal };

const refuse = (code: RefRefusal): RefResult => ({ ok: false, code });

/** The path as typed, before the URL parser resolves `..`, `.`, `\` or strips tabs. */
function rawPath(input: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*([^?#]*)/i.exec(input)?.[1] ?? '';
}

/** A private post's `?key=`: one, well-formed; other parameters are a share link's noise. */
function keyOf(url: URL): { key?: string } | null {
  const keys = url.searchParams.getAll('key');
  if (keys.length === 0) return {};
  if (keys.length > 1 || !ACCESS_KEY.test(keys[0]!)) return null;
  return { key: keys[0]! };
}

/** `imgpile.com/p/…` as copied without its scheme: the scheme of the origin it names. */
function withScheme(value: string, origins: RefOrigins): string {
  const host = /^([A-Za-z0-9.-]+(?::\d{1,5})?)\//.exec(value)?.[1]?.toLowerCase();
  if (host === undefined) return value;
  for (const origin of [origins.site, origins.cdn]) {
    const url = new URL(origin);
    if (url.host === host) return `${url.protocol}//${value}`;
  }
  return value;
}

function readLink(input: string, origins: RefOrigins): RefResult {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse('not_a_link');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('other_host');
  if (url.username || url.password) return refuse('credentials');
  const site = new URL(origins.site);
  const cdn = new URL(origins.cdn);
  const isSite = url.host === site.host;
  const isCdn = url.host === cdn.host;
  if (!isSite && !isCdn) return refuse('other_host');
  if (rawPath(input) !== url.pathname) return refuse('bad_path');
  const page = isSite ? POST_PAGE.exec(url.pathname) : null;
  if (page) {
    const key = keyOf(url);
    if (!key) return refuse('bad_key');
    return { ok: true, ref: { kind: 'post', slug: page[1]!, ...key } };
  }
  const file = isCdn ? CDN_FILE.exec(url.pathname) : null;
  if (file) return { ok: true, ref: { kind: 'media', slug: file[1]! } };
  return refuse('bad_path');
}

/**
 * Reads what a member pasted as a slug: a bare slug or one of the bot's own links (see
 * `ImgpileRef`). Anything else, from another host, with a path that resolves elsewhere, too
 * long, or with characters other than printable ASCII, is refused with its reason's code.
 */
export function readImgpileRef(input: string, origins: RefOrigins): RefResult {
  const value = input.trim();
  if (value.length > MAX_REF_LENGTH) return refuse('too_long');
  if (!PRINTABLE_ASCII.test(value)) return refuse('not_ascii');
  if (value.includes('/') || value.includes(':'))
    return readLink(withScheme(value, origins), origins);
  if (!SLUG.test(value) || /^[._-]+$/.test(value)) return refuse('not_a_slug');
  return { ok: true, ref: { kind: 'either', slug: value } };
}
