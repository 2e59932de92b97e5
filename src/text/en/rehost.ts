import type { Format } from '../format.js';

type Counts = { uploaded: number; total: number };

const PRIVATE_POST = {
  keySent: ' (private: the link with its key was sent to you)',
  keyInView: ' (private: its uploader sees the key with `/imgpile post view`)',
} as const;

/** Rehosting: what was asked, what is being done, what became of it, and where it went. */
export const rehost = {
  'upload.notALink': (p: { link: string }) => `That is not a link: \`${p.link}\`.`,
  'upload.nothing': 'Give a file or a link to rehost.',
  'upload.tooMany': (p: { count: number; max: number }, f: Format) =>
    `That is ${f.num(p.count)} files and links: at most ${f.num(p.max)} at once.`,
  'menu.nothing': 'That message has no attachments or image links to rehost.',

  'rehost.queued': (p: { count: number }, f: Format) =>
    f.count(p.count, { '=1': '⏳ Rehosting # file…', other: '⏳ Rehosting # files…' }),
  'rehost.nothing': 'Nothing was rehosted:',
  'rehost.noFallback':
    '-# Discord lets the bot update this reply for 15 minutes only: if it takes longer, find the result with `/imgpile mine`.',
  'rehost.progress': (
    p: { name: string; index: number; total: number; percent: number },
    f: Format,
  ) =>
    `⏳ Rehosting ${p.name}${p.total > 1 ? ` (file ${f.num(p.index + 1)} of ${f.num(p.total)})` : ''}: ${f.num(p.percent)}%`,
  'rehost.refused': (p: { name: string; reason: string }) => `✖ ${p.name}: ${p.reason}`,
  'rehost.moreLines': (p: { count: number }, f: Format) => `…and ${f.num(p.count)} more line(s)`,
  'rehost.moreFiles': (p: { count: number }, f: Format) =>
    f.count(p.count, { one: '…and # more file', other: '…and # more files' }),

  'result.noneOne': 'The file could not be rehosted.',
  'result.none': 'None of the files could be rehosted.',
  'result.all': (p: { count: number }, f: Format) =>
    f.count(p.count, { '=1': 'Rehosted on imgpile:', other: 'Rehosted # files on imgpile:' }),
  'result.some': (p: Counts, f: Format) =>
    `Rehosted ${f.num(p.uploaded)} of ${f.num(p.total)} files on imgpile:`,
  'result.heading': (p: Counts, f: Format) =>
    p.uploaded === p.total
      ? f.count(p.uploaded, { '=1': 'Rehosted on imgpile', other: 'Rehosted # files on imgpile' })
      : `Rehosted ${f.num(p.uploaded)} of ${f.num(p.total)} files on imgpile`,
  'result.post': (p: { url: string; private: keyof typeof PRIVATE_POST | null }) =>
    `**Post:** ${p.url}${p.private ? PRIVATE_POST[p.private] : ''}`,
  'result.noPost': (p: { reason: string }) => `No post was made: ${p.reason}.`,
  'result.firstShown': (p: { count: number }, f: Format) =>
    `-# The first ${f.num(p.count)} are shown.`,
  'result.removedByImgpile': (p: { name: string }) =>
    `${p.name}: imgpile's moderation removed it; its link no longer works.`,
  'result.openPost': 'Open post',

  'find.notALink':
    'That is not a Discord attachment link nor a message link. Paste the link of a file (right-click it → Copy Link) or of a message (Copy Message Link).',
  'find.none':
    'The bot has made no imgpile copy of that. Asking does not upload anything: use the message menu **Rehost to imgpile** or `/imgpile upload url:` to rehost it.',
  'find.noneYouCanSee': 'There is no imgpile copy of that you can see.',
  'find.adultElsewhere':
    'That copy is adult content (it comes from an age-restricted channel): ask in an age-restricted channel.',
  'find.found': (p: { links: string }) => `The imgpile copy the bot made:\n${p.links}`,
  'find.offer':
    'The bot has made no imgpile copy of that. Asking does not upload anything; press **Rehost it** to rehost the original now.',
  'find.rehostButton': 'Rehost it',
  'find.notYourButton': 'Only the member who asked can use this button.',
  'find.gone': 'That file or message is no longer on Discord, so it cannot be rehosted.',
  'find.rehosting': 'Rehosting the original…',
  'result.delete': 'Delete',

  'delivery.privateSent': (p: { userId: string }) =>
    `Rehosted privately: the links were sent to <@${p.userId}> in a direct message.`,
  'delivery.privateNotSent': (p: { userId: string }) =>
    `Rehosted privately, but Discord would not let me send <@${p.userId}> a direct message: find it with \`/imgpile mine\`.`,
  'delivery.finished': (p: { userId: string }) => `<@${p.userId}>, your rehost finished.`,
  'delivery.finishedPrivateSent': (p: { userId: string }) =>
    `<@${p.userId}>, your rehost finished: it is private, so its links were sent to you in a direct message.`,
  'delivery.finishedPrivateNotSent': (p: { userId: string }) =>
    `<@${p.userId}>, your rehost finished, but it is private and Discord would not let me send you a direct message: find it with \`/imgpile mine\`.`,
  'delivery.dm': 'Your rehost finished.',
  'delivery.key': (p: { url: string }) => `Your private post: ${p.url}`,
  'sizes.xs': 'Links: xs',
  'sizes.sm': 'sm',
  'sizes.md': 'md',
  'sizes.lg': 'lg',
  'sizes.xl': 'xl',
  'sizes.links': (p: { size: string; links: string }) =>
    `Direct links at ${p.size} (a video gives its still thumbnail; imgpile makes the sizes shortly after an upload):\n${p.links}`,
  'sizes.none': 'This message has no direct links of imgpile files.',
};
