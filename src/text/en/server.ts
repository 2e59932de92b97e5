import type { Format } from '../format.js';
import { policyMeaning, policyPhrase, type Policy } from './words.js';

/** Discord's permissions by their names in its settings. */
const PERMISSIONS = {
  ViewChannel: 'View Channel',
  SendMessages: 'Send Messages',
  SendMessagesInThreads: 'Send Messages in Threads',
  ReadMessageHistory: 'Read Message History',
  AddReactions: 'Add Reactions',
} as const;
export type Permission = keyof typeof PERMISSIONS;
const names = (missing: readonly Permission[]) => missing.map((p) => PERMISSIONS[p]).join(', ');

const REPLIES = {
  gallery: 'finished rehosts are shown as a gallery',
  plain: 'finished rehosts are shown as plain links',
} as const;

const DELETED = {
  keep: "a watched message deleted on Discord keeps its imgpile copies and the bot's reply",
  hide: "a watched message deleted on Discord has its imgpile post hidden and the bot's reply removed",
  delete:
    "a watched message deleted on Discord has its imgpile copies deleted and the bot's reply removed",
} as const;

type Usage = { used: number; limit: number };

/** A server's own: watched channels, its settings, today's quotas. */
export const server = {
  'watch.serverOnly': 'Watching channels works in servers the bot is in only.',
  'watch.cannotSee': (p: { channelId: string }) =>
    `You cannot see <#${p.channelId}> yourself, so you cannot watch it: a watch rehosts what is posted there.`,
  'watch.missing': (p: { channelId: string; missing: Permission[] }) =>
    `The bot cannot work in <#${p.channelId}>: it is missing ${names(p.missing)} there. Give it those (channel settings → Permissions), then add the watch again.`,
  'watch.added': (p: { channelId: string; mode: string; visibility: string }) =>
    `Watching <#${p.channelId}> (${p.mode} mode, ${p.visibility}): every image and video posted there, in its threads and posts too, will be rehosted.`,
  'watch.privately': 'Links go to each poster by direct message.',
  'watch.noContent':
    '⚠️ The bot runs without the Message Content intent, so it cannot see attachments in watched channels until an admin of the bot switches on "Message Content Intent" in the Discord developer portal and restarts it.',
  'watch.none': 'No channel is watched. Add one with `/imgpile watch add`.',
  'watch.list': 'Watched channels:',
  'watch.line': (p: { channelId: string; mode: string; visibility: string }) =>
    `<#${p.channelId}>: ${p.mode}, ${p.visibility}`,
  'watch.paused': (p: { reason: string }) =>
    `⏸️ paused (${p.reason}): add it again to resume once fixed`,
  'watch.lost': (p: { missing: Permission[] }) => `⚠️ the bot lost ${names(p.missing)} there`,
  'watch.gone': '⚠️ the bot cannot see this channel any more',
  'watch.unseen': (p: { count: number }, f: Format) =>
    f.count(p.count, {
      one: '…and # watched channel you cannot see',
      other: '…and # watched channels you cannot see',
    }),
  'watch.removed': (p: { channelId: string }) => `Stopped watching <#${p.channelId}>.`,
  'watch.notWatched': (p: { channelId: string }) => `<#${p.channelId}> was not watched.`,
  'pause.lost': (p: { missing: Permission[]; channelId: string }) =>
    `the bot lost ${names(p.missing)} in <#${p.channelId}>`,
  'pause.refused': (p: { refusals: number; channelId: string }, f: Format) =>
    `Discord refused the bot ${f.num(p.refusals)} times in 10 minutes in <#${p.channelId}>`,
  'pause.notice': (p: { channelId: string; reason: string }) =>
    `I paused watching <#${p.channelId}>: ${p.reason}. Give the bot what it needs there (channel settings → Permissions), then run \`/imgpile watch add\` for <#${p.channelId}> to resume.`,

  'catchup.summary': (p: { replied: number; quiet: number }, f: Format) =>
    `While the bot was away, ${f.num(p.replied + p.quiet)} messages with files were posted here: ` +
    `it replied to the first ${f.num(p.replied)}; ` +
    f.count(p.quiet, {
      one: 'the # other is rehosted too, marked with a reaction instead of a reply.',
      other: 'the # others are rehosted too, marked with a reaction instead of a reply.',
    }),
  'backfill.started': (p: { channelId: string }) =>
    `Backfill of <#${p.channelId}> started: its progress is shown there.`,
  'backfill.already': (p: { channelId: string }) =>
    `<#${p.channelId}> is already being backfilled: stop it first with \`/imgpile watch backfill-stop\`.`,
  'backfill.cannotRead': (p: { channelId: string }) =>
    `You cannot read the history of <#${p.channelId}> yourself, so you cannot backfill it: a backfill rehosts what was posted there.`,
  'backfill.badSince': (p: { since: string }) =>
    `\`${p.since}\` is neither a date (2024-05-31) nor a link to a message in that channel.`,
  'backfill.notRunning': (p: { channelId: string }) =>
    `No backfill is running in <#${p.channelId}>.`,
  'backfill.stopped': (p: { channelId: string }) => `Backfill of <#${p.channelId}> stopped.`,
  'backfill.heading': (p: { order: 'newest' | 'oldest'; since: string | null }) =>
    `**Backfill** of this channel's images and videos, ${p.order === 'newest' ? 'newest first' : 'oldest first'}${p.since ? `, back to ${p.since}` : ''}`,
  'backfill.counts': (
    p: { found: number; queued: number; skipped: number; left: number },
    f: Format,
  ) =>
    `Found ${f.num(p.found)} files · rehosted ${f.num(p.queued)} · skipped ${f.num(p.skipped)} (already rehosted or refused) · ${f.num(p.left)} left in the queue`,
  'backfill.estimate': (p: { minutes: number }, f: Format) =>
    f.count(p.minutes, {
      '=0': 'Still reading the history…',
      one: 'About # minute to go for what is queued.',
      other: 'About # minutes to go for what is queued.',
    }),
  'backfill.paused': (p: { until: number }, f: Format) =>
    `⏸️ Paused: this server's daily quota is spent. It resumes by itself ${f.relative(p.until)}.`,
  'backfill.resumed': (p: { at: number }, f: Format) =>
    `▶️ Resumed ${f.relative(p.at)} when the server's daily quota reset.`,
  'backfill.done': '✅ Done: the whole history asked for was read.',
  'backfill.stoppedNote': '⏹️ Stopped.',
  'backfill.failed': '❌ Ended: the bot can no longer read this channel.',
  'backfill.stop': 'Stop',
  'settings.serverOnly': 'Settings belong to servers the bot is in.',
  'settings.summary': (p: {
    replies: keyof typeof REPLIES;
    accounts: Policy;
    deleted: keyof typeof DELETED;
  }) =>
    `Replies: **${p.replies}** (${REPLIES[p.replies]}).\nAccounts: **${p.accounts}** (${policyMeaning(p.accounts)}).\nDeleted messages: **${p.deleted}** (${DELETED[p.deleted]}).`,

  'quota.title': 'Files rehosted today',
  'quota.you': 'You',
  'quota.server': 'This server',
  'quota.botAccount': "The bot's imgpile account",
  'quota.ownAccount': (p: { username: string; broken: boolean }) =>
    `Your imgpile account (${p.username})${p.broken ? ', not working' : ''}`,
  'quota.footer': 'Limits reset at midnight UTC',
  'quota.usage': (p: Usage, f: Format) =>
    `${f.num(p.used)} of ${f.num(p.limit)} (${f.num(Math.max(0, p.limit - p.used))} left)`,
  'quota.none': 'n/a',
  'quota.resets': (p: { at: number }, f: Format) => `Resets ${f.relative(p.at)}.`,
  'quota.policy': (p: { accounts: Policy }) => `This server: ${policyPhrase(p.accounts)}.`,
  'quota.refused': (p: Usage & { inProgress: number }, f: Format) => {
    const held = p.inProgress > 0 ? `; ${f.num(p.inProgress)} being fetched now` : '';
    return `Refused files: ${f.num(p.used)} of ${f.num(p.limit)} (${f.num(Math.max(0, p.limit - p.used))} left${held}). Files that are not images or videos, and links that fail, count: at ${f.num(p.limit)}, your rehosts stop until the reset.`;
  },
};
