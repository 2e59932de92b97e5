import type { Kind } from './words.js';

/** What a pasted slug or link was refused for (`src/imgpile/refs.ts`), and slugs offered as choices. */
export const links = {
  'links.tooLong': 'That is too long for a slug or an imgpile link.',
  'links.notAscii':
    'Slugs and imgpile links are plain letters and digits: that one has other characters in it.',
  'links.notALink': 'That is neither an imgpile slug nor a link the bot can read.',
  'links.otherHost': (p: { site: string; cdn: string }) =>
    `Only imgpile's own links work here (${p.site}/p/… or ${p.cdn}/f/…), or a bare slug.`,
  'links.credentials': 'That link carries a user name or password: imgpile links never do.',
  'links.badPath':
    'That link does not point at a post page (/p/<slug>) or a file (/f/<slug>.<ext>).',
  'links.badKey': 'The key in that link is not a valid access key.',
  'links.twoKeys': 'The link carries a different key from the key option: give only one.',
  'links.wrongKind': (p: { want: Kind }) =>
    p.want === 'post'
      ? 'That is a link to a file, not a post: use `/imgpile media` for files, or give the post link.'
      : 'That is a link to a post, not a file: give the file link or its slug.',
  'complete.post': (p: { slug: string; title: string | null }) =>
    p.title ? `${p.slug} · post · ${p.title}` : `${p.slug} · post`,
  'complete.media': (p: { slug: string; title: string | null }) =>
    p.title ? `${p.slug} · file · ${p.title}` : `${p.slug} · file`,
  'complete.channel': (p: { name: string }) => `#${p.name}`,
  'complete.goneChannel': (p: { channelId: string }) => `${p.channelId} (channel not found)`,
  'def.watch.remove.watched': 'Or a watched channel, from the list (also one that was deleted)',
  'watch.removeWhich': 'Give the channel, or pick one of the watched channels: one of the two.',
};
