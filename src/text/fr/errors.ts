import type { TranslationOf } from '../catalogue.js';
import type { errors as en } from '../en/errors.js';

/** A lower layer's clause as a sentence: imgpile keeps its lower-case name, all else is capitalised. */
const sentence = (clause: string) =>
  clause.startsWith('imgpile') ? `${clause}.` : `${clause[0]!.toUpperCase()}${clause.slice(1)}.`;

const FOR = {
  account: 'le compte imgpile du bot',
  linked: 'ton propre compte imgpile',
  guild: 'ce serveur',
  user: 'toi',
  refusals: 'toi',
} as const;

export const errors = {
  'error.generic':
    'Quelque chose s’est mal passé de notre côté et c’est consigné. Réessaie plus tard.',
  'error.storageDown':
    'Le stockage du bot est momentanément indisponible, rien n’a donc été mis en file. Réessaie dans une minute.',
  'error.queuedOrNot':
    'Le stockage du bot a cessé de répondre au moment où ta demande partait, elle a donc peut-être été mise en file. Si oui, son résultat arrivera ici comme d’habitude ; si rien n’arrive d’ici quelques minutes, réessaie.',
  'error.imgpileRetryIn': (p, f) =>
    `${f.say(p.reason)}. Réessaie dans ${f.num(p.seconds)} secondes.`,
  'error.imgpileRetry': (p, f) => `${f.say(p.reason)}. Réessaie dans une minute.`,
  'error.imgpile': (p, f) => sentence(f.say(p.reason)),
  'error.staleButton': 'Ce bouton n’est plus à jour.',
  'error.unreadableRequest': 'Cette demande n’a pas pu être lue : rien n’a été envoyé.',

  'busy.tryIn': (p, f) => `${f.say(p.busy)} Réessaie dans ${f.num(p.seconds)} secondes.`,
  'busy.ownShare': (p, f) =>
    `Tu as utilisé ta part de lectures imgpile pour le moment. Réessaie dans ${f.num(p.seconds)} secondes.`,
  'busy.bot': 'Le bot a atteint la limite de requêtes d’imgpile.',
  'busy.member': 'Ton compte imgpile a atteint sa limite de requêtes.',
  'busy.reads': 'Le budget de requêtes imgpile est épuisé pour le moment.',
  'busy.feed': 'Le fil d’imgpile est surchargé.',
  'busy.token': 'Ce jeton a atteint sa limite de requêtes.',
  'busy.linkTries': (p, f) =>
    `Tu as essayé de lier un compte ${f.num(p.tries)} fois en ${f.num(p.minutes)} minutes.`,

  'quota.refusals': (p, f) =>
    `Trop de tes fichiers ont été refusés aujourd’hui (${f.num(p.limit)} : des fichiers qui ne sont ni images ni vidéos, des liens qui échouent ou des fichiers refusés par imgpile). Tu pourras héberger à nouveau ${f.relative(p.resetsAt)}.`,
  'quota.usedUp': (p, f) =>
    `La limite quotidienne de ${f.num(p.limit)} fichiers pour ${FOR[p.scope]} est atteinte. Elle sera réinitialisée ${f.relative(p.resetsAt)}.`,
  'quota.tooMany': (p, f) =>
    `Ça fait ${f.num(p.requested)} fichiers, mais il n’en reste que ${f.num(p.remaining)} sur les ${f.num(p.limit)} quotidiens pour ${FOR[p.scope]}. La limite sera réinitialisée ${f.relative(p.resetsAt)}.`,
} satisfies TranslationOf<typeof en>;
