import type { Format } from '../format.js';
import { LINK_HINT, policyPhrase, type Policy } from './words.js';

/** What a member asked to do as themselves: completes "you cannot …". */
export type Act =
  | 'voteCommentFollow'
  | 'vote'
  | 'comment'
  | 'follow'
  | 'deleteFiles'
  | 'deleteFile'
  | 'deletePost'
  | 'changePost'
  | 'changeMedia'
  | 'listOwn';

const ACTS: Record<Act, string> = {
  voteCommentFollow: 'vote, comment or follow',
  vote: 'vote',
  comment: 'comment',
  follow: 'follow',
  deleteFiles: 'delete these files',
  deleteFile: 'delete a file',
  deletePost: 'delete a post',
  changePost: 'change your own post',
  changeMedia: 'change your own media',
  listOwn: 'list your own account',
};

const OWN_ONLY = 'This server rehosts to members’ own imgpile accounts';

/** Members' own imgpile accounts: linking, status, and why one cannot be used. */
export const accounts = {
  'account.forbiddenOwn': 'imgpile did not allow this for your imgpile account.',
  'act.off': (p: { act: Act }) =>
    `Linking imgpile accounts is turned off on this bot, so you cannot ${ACTS[p.act]} here.`,
  'act.unlinked': (p: { act: Act }) =>
    `To ${ACTS[p.act]} as yourself, link your imgpile account first: ${LINK_HINT}.`,
  'act.broken': (p: { act: Act }) =>
    `imgpile refused your linked account's token, so you cannot ${ACTS[p.act]} until you link it again: ${LINK_HINT}.`,
  'act.unreadable': (p: { act: Act }) =>
    `Your linked imgpile account could not be read, so you cannot ${ACTS[p.act]}: link it again with ${LINK_HINT}.`,
  'account.tokenRefused': `imgpile refused your linked account's token, so it is marked broken. Link it again with ${LINK_HINT}.`,

  'account.statusBroken': `⚠️ imgpile refused its token, so it is not used: your files go to the bot's account where a server allows it. Link it again with ${LINK_HINT}.`,
  'account.statusUnreadable': `⚠️ The bot can no longer read its token (its encryption key changed), so it is not used: your files go to the bot's account where a server allows it. Link it again with ${LINK_HINT}.`,
  'account.noticeBroken': `Your linked imgpile account no longer works: imgpile refused its token. Until you link it again (${LINK_HINT}), your files go to the bot's imgpile account.`,
  'account.noticeUnreadable': `Your linked imgpile account could not be read by the bot: its encryption key changed since you linked it. Until you link it again (${LINK_HINT}), your files go to the bot's imgpile account.`,

  'account.ownOnlyOff': `${OWN_ONLY}, but linking accounts is turned off on this bot. Nothing was uploaded; a server admin can change \`/imgpile settings accounts\`.`,
  'account.ownOnlySender': `${OWN_ONLY}, and the sender’s could not be used. Nothing was uploaded.`,
  'account.ownOnlyUnreadable': `Your linked imgpile account could not be read by the bot (its encryption key changed since you linked it), and this server rehosts to members’ own accounts. Link it again with ${LINK_HINT}. Nothing was uploaded.`,
  'account.ownOnlyBroken': `Your linked imgpile account no longer works (imgpile refused its token), and this server rehosts to members’ own accounts. Link it again with ${LINK_HINT}. Nothing was uploaded.`,
  'account.ownOnlyUnlinked': `${OWN_ONLY}: link yours with ${LINK_HINT}, then try again. Nothing was uploaded.`,

  'account.off':
    "Linking imgpile accounts is turned off on this bot (its operator has not set an encryption key), so your files go to the bot's imgpile account.",
  'account.unlinked':
    'Your imgpile account is unlinked and its token forgotten. Your files go to the bot’s imgpile account where a server allows it.',
  'account.noneToUnlink': 'No imgpile account was linked.',
  'account.none': `No imgpile account is linked. ${LINK_HINT} links yours.`,
  'account.here': (p: { accounts: Policy }) => `In this server: ${policyPhrase(p.accounts)}.`,
  'account.linkedSince': (p: { username: string; since: number }, f: Format) =>
    `Linked to the imgpile account **${p.username}** (since ${f.relative(p.since)}). The token is stored encrypted and never shown.`,

  'account.form.title': 'Link your imgpile account',
  'account.form.username': 'imgpile username',
  'account.form.token': 'imgpile API token',
  'account.form.tokenHint': 'Stored encrypted; never shown again. Unlink any time.',
  'account.badUsername': 'That is not an imgpile username.',
  'account.badToken': 'That does not look like an imgpile API token: nothing was linked.',
  'account.notTheirs': (p: { username: string }) =>
    `That token is not the imgpile account ${p.username}’s (imgpile does not show it as the owner of their posts): nothing was linked.`,
  'account.tokenNotAccepted': 'imgpile did not accept that token: nothing was linked.',
  'account.noSuchUser': (p: { username: string }) =>
    `imgpile has no user named ${p.username}: nothing was linked.`,
  'account.linked': (p: { username: string }) =>
    `Linked to the imgpile account **${p.username}**. Your rehosts go to it where a server allows it (\`/imgpile settings\`), and you can vote, comment and follow as yourself. \`/imgpile account unlink\` forgets the token at once.`,
};
