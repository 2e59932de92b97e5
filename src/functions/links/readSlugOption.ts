import type { BotContext } from '../../discord/core/context.js';
import { UserError } from '../../errors.js';
import { readImgpileRef, type RefRefusal } from '../../imgpile/refs.js';
import { say, type Say } from '../../text/index.js';

/** The site's and the CDN's origins, as the bot's own links are made. */
export const refOrigins = (ctx: Pick<BotContext, 'config' | 'links'>) => ({
  site: ctx.links.origin,
  cdn: new URL(ctx.config.imgpile.uploadUrl).origin,
});

function refusal(code: RefRefusal, origins: { site: string; cdn: string }): Say {
  switch (code) {
    case 'too_long':
      return say('links.tooLong');
    case 'not_ascii':
      return say('links.notAscii');
    case 'not_a_slug':
      return say('manage.notASlug');
    case 'not_a_link':
      return say('links.notALink');
    case 'other_host':
      return say('links.otherHost', origins);
    case 'credentials':
      return say('links.credentials');
    case 'bad_path':
      return say('links.badPath');
    case 'bad_key':
      return say('links.badKey');
  }
}

/**
 * The slug a command's option names, read from a bare slug or any link the bot hands out (a post
 * page with its `?key=`, a CDN file at any size): the one reader every command that takes a slug
 * uses. A link to the other kind of thing, or anything else, is refused with its reason.
 */
export function readSlugOption(
  ctx: Pick<BotContext, 'config' | 'links'>,
  input: string,
  want: 'post' | 'media',
): { slug: string; key?: string } {
  const origins = refOrigins(ctx);
  const read = readImgpileRef(input, origins);
  if (!read.ok) throw new UserError(refusal(read.code, origins));
  const { kind, slug, key } = read.ref;
  if (kind !== 'either' && kind !== want) throw new UserError(say('links.wrongKind', { want }));
  return key === undefined ? { slug } : { slug, key };
}
