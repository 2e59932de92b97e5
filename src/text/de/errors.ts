import type { TranslationOf } from '../catalogue.js';
import type { errors as en } from '../en/errors.js';

/** A lower layer's clause as a sentence: imgpile keeps its lower-case name, all else is capitalised. */
const sentence = (clause: string) =>
  clause.startsWith('imgpile') ? `${clause}.` : `${clause[0]!.toUpperCase()}${clause.slice(1)}.`;

const FOR = {
  account: 'das imgpile-Konto des Bots',
  linked: 'dein eigenes imgpile-Konto',
  guild: 'diesen Server',
  user: 'dich',
  refusals: 'dich',
} as const;

export const errors = {
  'error.generic':
    'Bei uns ist etwas schiefgelaufen, der Fehler wurde protokolliert. Bitte versuch es später noch mal.',
  'error.storageDown':
    'Der Speicher des Bots ist gerade nicht erreichbar, daher wurde nichts eingereiht. Versuch es in einer Minute noch mal.',
  'error.queuedOrNot':
    'Der Speicher des Bots hat genau beim Senden deiner Anfrage aufgehört zu antworten, vielleicht wurde sie also eingereiht. Falls ja, kommt ihr Ergebnis wie gewohnt hierher; kommt in ein paar Minuten nichts, versuch es noch mal.',
  'error.imgpileRetryIn': (p, f) =>
    `${f.say(p.reason)}. Versuch es in ${f.num(p.seconds)} Sekunden noch mal.`,
  'error.imgpileRetry': (p, f) => `${f.say(p.reason)}. Versuch es in einer Minute noch mal.`,
  'error.imgpile': (p, f) => sentence(f.say(p.reason)),
  'error.staleButton': 'Dieser Button ist veraltet.',
  'error.unreadableRequest': 'Diese Anfrage war nicht lesbar: Es wurde nichts hochgeladen.',

  'busy.tryIn': (p, f) => `${f.say(p.busy)} Versuch es in ${f.num(p.seconds)} Sekunden noch mal.`,
  'busy.ownShare': (p, f) =>
    `Du hast deinen Anteil an imgpile-Abrufen vorerst aufgebraucht. Versuch es in ${f.num(p.seconds)} Sekunden noch mal.`,
  'busy.bot': 'Der Bot hat das Anfragelimit von imgpile erreicht.',
  'busy.member': 'Dein imgpile-Konto hat sein Anfragelimit erreicht.',
  'busy.reads': 'Das Anfragebudget bei imgpile ist vorerst aufgebraucht.',
  'busy.feed': 'Der Feed von imgpile ist ausgelastet.',
  'busy.token': 'Dieser Token hat sein Anfragelimit erreicht.',
  'busy.linkTries': (p, f) =>
    `Du hast in ${f.num(p.minutes)} Minuten ${f.num(p.tries)}-mal versucht, ein Konto zu verknüpfen.`,

  'quota.refusals': (p, f) =>
    `Heute wurden zu viele deiner Dateien abgelehnt (${f.num(p.limit)}: Dateien, die keine Bilder oder Videos sind, fehlgeschlagene Links oder Dateien, die imgpile nicht annimmt). Du kannst ${f.relative(p.resetsAt)} wieder hochladen.`,
  'quota.usedUp': (p, f) =>
    `Das Tageslimit von ${f.num(p.limit)} Dateien für ${FOR[p.scope]} ist aufgebraucht. Es wird ${f.relative(p.resetsAt)} zurückgesetzt.`,
  'quota.tooMany': (p, f) =>
    `Das sind ${f.num(p.requested)} Dateien, aber von den täglich ${f.num(p.limit)} sind für ${FOR[p.scope]} nur noch ${f.num(p.remaining)} übrig. Das Limit wird ${f.relative(p.resetsAt)} zurückgesetzt.`,
} satisfies TranslationOf<typeof en>;
