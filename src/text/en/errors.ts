import type { Format, Said } from '../format.js';

/** A lower layer's clause as a sentence: imgpile keeps its lower-case name, all else is capitalised. */
const sentence = (clause: string) =>
  clause.startsWith('imgpile') ? `${clause}.` : `${clause[0]!.toUpperCase()}${clause.slice(1)}.`;

const WHOSE = {
  account: "the bot's imgpile account",
  linked: 'your own imgpile account',
  guild: 'this server',
  user: 'you',
  refusals: 'you',
} as const;

/** What the dispatcher answers for a failure, and the limits every command may meet. */
export const errors = {
  'error.generic':
    'Something went wrong on our side and it has been logged. Please try again later.',
  'error.storageDown':
    "The bot's storage is temporarily unavailable, so nothing was queued. Try again in a minute.",
  'error.queuedOrNot':
    "The bot's storage stopped answering just as your request was sent, so it may have been queued. If it was, its result will come here as usual; if nothing comes in a few minutes, try again.",
  'error.imgpileRetryIn': (p: { reason: Said; seconds: number }, f: Format) =>
    `${f.say(p.reason)}. Try again in ${f.num(p.seconds)} seconds.`,
  'error.imgpileRetry': (p: { reason: Said }, f: Format) =>
    `${f.say(p.reason)}. Try again in a minute.`,
  'error.imgpile': (p: { reason: Said }, f: Format) => sentence(f.say(p.reason)),
  'error.staleButton': 'That button is out of date.',
  'error.unreadableRequest': 'That request could not be read: nothing was uploaded.',

  'busy.tryIn': (p: { busy: Said; seconds: number }, f: Format) =>
    `${f.say(p.busy)} Try again in ${f.num(p.seconds)} seconds.`,
  'busy.ownShare': (p: { seconds: number }, f: Format) =>
    `You have used your share of imgpile reads for now. Try again in ${f.num(p.seconds)} seconds.`,
  'busy.bot': "The bot is at imgpile's request limit.",
  'busy.member': 'Your imgpile account is at its request limit.',
  'busy.reads': "imgpile's request budget is used up for now.",
  'busy.feed': "imgpile's feed is busy.",
  'busy.token': 'That token is at its request limit.',
  'busy.linkTries': (p: { tries: number; minutes: number }, f: Format) =>
    `You have tried to link an account ${f.num(p.tries)} times in ${f.num(p.minutes)} minutes.`,

  'quota.refusals': (p: { limit: number; resetsAt: number }, f: Format) =>
    `Too many of your files were refused today (${f.num(p.limit)}: files that are not images or videos, links that fail, or files imgpile would not take). You can rehost again ${f.relative(p.resetsAt)}.`,
  'quota.usedUp': (p: { scope: keyof typeof WHOSE; limit: number; resetsAt: number }, f: Format) =>
    `The daily limit of ${f.num(p.limit)} files for ${WHOSE[p.scope]} is used up. It resets ${f.relative(p.resetsAt)}.`,
  'quota.tooMany': (
    p: {
      scope: keyof typeof WHOSE;
      requested: number;
      remaining: number;
      limit: number;
      resetsAt: number;
    },
    f: Format,
  ) =>
    `That is ${f.num(p.requested)} files, but only ${f.num(p.remaining)} of the daily ${f.num(p.limit)} are left for ${WHOSE[p.scope]}. The limit resets ${f.relative(p.resetsAt)}.`,
};
