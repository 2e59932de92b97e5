import type { Format } from '../format.js';
import { KIND_WORD as WORD, type Kind } from './words.js';

/** Who may change what: posts and files the bot made, and a rehost's Delete button. */
export const manage = {
  'manage.notThroughBot': (p: { kind: Kind }) =>
    `That ${p.kind} was not uploaded through this bot, so it cannot be changed from here.`,
  'manage.notUploader': (p: { kind: Kind }) =>
    `Only the person who uploaded that ${p.kind}, or a member with Manage Messages in the server it was uploaded from, can change it.`,
  'manage.needManageServerWatch':
    'You need the Manage Server permission to change which channels are watched.',
  'manage.needManageServerSettings':
    'You need the Manage Server permission to change the settings.',
  'manage.notASlug': 'That is not an imgpile slug (the 7 characters after /p/ in a link).',
  'manage.notYoursOnImgpile': (p: { kind: Kind }) =>
    `That ${WORD[p.kind]} is not yours on imgpile.`,
  'manage.notYours': (p: { kind: Kind }) => `That ${WORD[p.kind]} is not yours.`,
  'manage.deleted': (p: { kind: Kind; slug: string }) =>
    `Deleted the ${WORD[p.kind]} \`${p.slug}\`.`,
  'manage.nothingToChange': 'Nothing to change: give a title, description, visibility or nsfw.',
  'manage.nothingToChangeMedia': 'Nothing to change: give a title or a description.',
  'manage.updatedMedia': (p: { slug: string }) => `Updated the file \`${p.slug}\`.`,
  'manage.onlyMaker':
    'Only the person the bot made that post for can change its files (a moderator can edit or delete it).',
  'manage.otherAccountsPost':
    'That post belongs to another imgpile account, not the one you have linked: files can only be added to your linked account’s own posts.',
  'manage.makerOnlyPrivacy':
    'Only the person the bot made that post for can change its visibility or take its adult mark off (a moderator can edit its title and description, mark it adult, or delete it).',
  'manage.markAdultFirst':
    'Files from an age-restricted channel, or marked as spoilers, are adult content: mark the post adult first (`/imgpile post edit`, nsfw = True), then add them.',
  'manage.botAccountsPost':
    "That post belongs to the bot's imgpile account, and your files now go to the account you have linked: imgpile adds files only to a post of the same account.",
  'manage.linkedAccountsPost':
    "That post belongs to your linked imgpile account, but this server sends files to the bot's account: imgpile adds files only to a post of the same account.",
  'manage.badOrder': (p: { count: number }, f: Format) =>
    `Give file numbers from 1 to ${f.num(p.count)}, each at most once, separated by spaces or commas (e.g. "3 1").`,
  'manage.sameOrder': 'The files are already in that order: nothing changed.',
  'manage.updatedPrivate': (p: { url: string }) =>
    `Updated. The post is private; its link with key: ${p.url}`,
  'manage.updated': (p: { url: string }) => `Updated: ${p.url}`,
  'manage.pending':
    'imgpile has not finished checking that post yet: view it in an age-restricted channel, or later.',
  'manage.adultPost': 'That post is marked as adult content: view it in an age-restricted channel.',
  'manage.adultHidden': (p: { count: number }, f: Format) =>
    `${f.num(p.count)} adult file(s) not shown here.`,
  'manage.visibility': (p: { visibility: string; keyUrl: string | null }) =>
    `Visibility: ${p.visibility}${p.keyUrl ? ` (key link: ${p.keyUrl})` : ''}`,

  'delete.unknown': 'These files are no longer known to the bot: nothing to delete here.',
  'delete.notOwner': 'Only the person who rehosted these files can delete them.',
  'delete.notTheirs':
    "imgpile says these files are not your linked account's: were they made with an account you linked before?",
  'delete.done': 'Deleted from imgpile.',
  'delete.kept': 'Nothing was deleted.',
  'delete.ask': (p: { files: number; post: boolean }, f: Format) => {
    const files = f.count(p.files, { one: '# file', other: '# files' });
    return `Delete ${p.post ? `the post and its ${files}` : files} from imgpile? This cannot be undone.`;
  },
  'delete.button': 'Delete',
  'delete.cancel': 'Cancel',
};
