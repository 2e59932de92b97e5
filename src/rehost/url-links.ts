import { looksLikeMedia } from './media-type.js';

type Media = { url?: string | null } | null | undefined;

/** The parts of a Discord embed that can carry a media link (discord.js `embed.data`). */
export type EmbedLike = {
  type?: string | null;
  url?: string | null;
  image?: Media;
  thumbnail?: Media;
  video?: Media;
  provider?: { name?: string | null } | null;
};

// One pass, left to right: a markdown link `[text](url)` or `[text](<url>)`, a link in angle
// brackets (Discord's "no embed" form), or a bare link.
const LINK =
  /\[[^\]\n]*\]\(\s*<?(https?:\/\/[^\s<>]+?)>?(?:\s+"[^"\n]*")?\s*\)|<(https?:\/\/[^\s<>]+)>|(https?:\/\/[^\s<>|`]+)/gi;
const CODE = /```[\s\S]*?```|`[^`\n]*`/g;
const TRAILING = /[.,:;!?'"*_~]+$/;
const FORMAT_PARAM = /^(png|jpe?g|gif|webp|avif|mp4|webm|mov)$/i;

/** A bare link without the punctuation that ends the sentence around it. */
function trimBareLink(link: string): string {
  let out = link;
  for (;;) {
    const before = out;
    out = out.replace(TRAILING, '');
    const opens = out.split('(').length;
    if (out.endsWith(')') && out.split(')').length > opens) out = out.slice(0, -1);
    if (out === before) return out;
  }
}

function parseHttp(link: string | null | undefined): URL | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** A link in the text is a candidate when it names a media file: by extension or `format=`. */
function namesMedia(url: URL): boolean {
  const format = url.searchParams.get('format');
  return looksLikeMedia({ name: url.pathname }) || (format !== null && FORMAT_PARAM.test(format));
}

/** The http(s) links of a text (not inside code); `mediaOnly`: those that name a media file. */
function linksInText(text: string, mediaOnly = true): URL[] {
  const out: URL[] = [];
  for (const match of text.replace(CODE, ' ').matchAll(LINK)) {
    const bare = match[3];
    const url = parseHttp(match[1] ?? match[2] ?? (bare && trimBareLink(bare)));
    if (url && (!mediaOnly || namesMedia(url))) out.push(url);
  }
  return out;
}

const SPOILER = /\|\|([\s\S]+?)\|\|/g;

/**
 * The media of a message behind spoiler marks (`||…||`, not inside code), as hrefs: such media
 * is adult content, as a spoilered attachment is. A link there, and what the embed of a page
 * linked there shows (a Tenor page's video).
 */
export function spoileredLinks(text: string, embeds: EmbedLike[] = []): Set<string> {
  const out = new Set<string>();
  for (const span of text.replace(CODE, ' ').matchAll(SPOILER))
    for (const url of linksInText(span[1] ?? '', false)) out.add(url.href);
  for (const embed of embeds) {
    const page = parseHttp(embed.url);
    const shown = parseHttp(linkInEmbed(embed));
    if (page && shown && out.has(page.href)) out.add(shown.href);
  }
  return out;
}

/**
 * The media an embed shows. Image embeds: the image itself. Gifv (Tenor, Giphy): the video,
 * not the page. Video embeds: the video file, unless a provider (YouTube…) plays it in a page.
 * Rich embeds (bots, webhooks): their image. Link and article previews: nothing (the page is
 * the content, its thumbnail is not).
 */
function linkInEmbed(embed: EmbedLike): string | null | undefined {
  switch (embed.type ?? 'rich') {
    case 'image':
      return embed.image?.url ?? embed.thumbnail?.url ?? embed.url;
    case 'gifv':
      return embed.video?.url ?? embed.thumbnail?.url;
    case 'video':
      return embed.provider?.name ? null : embed.video?.url;
    case 'rich':
      return embed.image?.url;
    default:
      return null;
  }
}

/**
 * Candidate media links of a Discord message, in order, de-duplicated, at most `limit`: links
 * in its text (bare, `<…>`, markdown `[…](…)`; not inside code) whose path names a media file,
 * then what its image, gifv, video and rich embeds show. Only http(s) links; whether a link
 * is really media is for the download to find out.
 */
export function findMediaLinks(text: string, embeds: EmbedLike[], limit: number): string[] {
  const seen = new Set<string>();
  const candidates = [...linksInText(text), ...embeds.map((e) => parseHttp(linkInEmbed(e)))];
  for (const url of candidates) {
    if (seen.size >= limit) break;
    if (url) seen.add(url.href);
  }
  return [...seen];
}
