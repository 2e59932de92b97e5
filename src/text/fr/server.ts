import type { TranslationOf } from '../catalogue.js';
import type { Permission, server as en } from '../en/server.js';
import { policyMeaning, policyPhrase, visibilityWord } from './words.js';

/** Discord's permissions by their names in its French settings. */
const PERMISSIONS: Record<Permission, string> = {
  ViewChannel: 'Voir le salon',
  SendMessages: 'Envoyer des messages',
  SendMessagesInThreads: 'Envoyer des messages dans les fils',
  ReadMessageHistory: 'Voir les anciens messages',
  AddReactions: 'Ajouter des réactions',
};
const names = (missing: readonly Permission[]) => missing.map((p) => PERMISSIONS[p]).join(', ');

const REPLIES = {
  gallery: 'les envois terminés s’affichent en galerie',
  plain: 'les envois terminés s’affichent en simples liens',
} as const;

const DELETED = {
  keep: 'un message surveillé supprimé sur Discord garde ses copies imgpile et la réponse du bot',
  hide: 'un message surveillé supprimé sur Discord voit son post imgpile masqué et la réponse du bot retirée',
  delete:
    'un message surveillé supprimé sur Discord voit ses copies imgpile supprimées et la réponse du bot retirée',
} as const;

export const server = {
  'watch.serverOnly':
    'La surveillance de salons ne marche que sur les serveurs où se trouve le bot.',
  'watch.cannotSee': (p) =>
    `Tu ne vois pas toi-même <#${p.channelId}>, tu ne peux donc pas le surveiller : une surveillance héberge ce qui y est posté.`,
  'watch.missing': (p) =>
    `Le bot ne peut pas travailler dans <#${p.channelId}> : il lui manque ${names(p.missing)}. Donne-lui ces permissions (paramètres du salon → Permissions), puis ajoute à nouveau la surveillance.`,
  'watch.added': (p) =>
    `<#${p.channelId}> est surveillé (mode ${p.mode}, ${visibilityWord(p.visibility)}) : chaque image et vidéo postée, y compris dans ses fils et posts, sera hébergée.`,
  'watch.privately': 'Les liens vont à chaque auteur en message privé.',
  'watch.noContent':
    '⚠️ Le bot tourne sans l’intent Message Content, il ne voit donc pas les pièces jointes des salons surveillés tant qu’un admin du bot n’active pas « Message Content Intent » dans le portail développeur Discord et ne le redémarre pas.',
  'watch.none': 'Aucun salon n’est surveillé. Ajoutes-en un avec `/imgpile surveiller ajouter`.',
  'watch.list': 'Salons surveillés :',
  'watch.line': (p) => `<#${p.channelId}> : ${p.mode}, ${visibilityWord(p.visibility)}`,
  'watch.paused': (p) =>
    `⏸️ en pause (${p.reason}) : ajoute-le à nouveau pour reprendre une fois réglé`,
  'watch.lost': (p) => `⚠️ le bot a perdu ${names(p.missing)} ici`,
  'watch.gone': '⚠️ le bot ne voit plus ce salon',
  'watch.unseen': (p, f) =>
    f.count(p.count, {
      one: '…et # salon surveillé que tu ne vois pas',
      other: '…et # salons surveillés que tu ne vois pas',
    }),
  'watch.removed': (p) => `<#${p.channelId}> n’est plus surveillé.`,
  'watch.notWatched': (p) => `<#${p.channelId}> n’était pas surveillé.`,
  'pause.lost': (p) => `le bot a perdu ${names(p.missing)} dans <#${p.channelId}>`,
  'pause.refused': (p, f) =>
    `Discord a refusé le bot ${f.num(p.refusals)} fois en 10 minutes dans <#${p.channelId}>`,
  'pause.notice': (p) =>
    `J’ai mis en pause la surveillance de <#${p.channelId}> : ${p.reason}. Donne au bot ce qu’il lui faut ici (paramètres du salon → Permissions), puis lance \`/imgpile surveiller ajouter\` pour <#${p.channelId}> afin de reprendre.`,

  'catchup.summary': (p, f) =>
    `Pendant l’absence du bot, ${f.num(p.replied + p.quiet)} messages avec des fichiers ont été postés ici : il a répondu aux ${f.num(p.replied)} premiers ; ` +
    f.count(p.quiet, {
      '=1': 'l’autre est aussi hébergé, marqué d’une réaction au lieu d’une réponse.',
      other: 'les # autres sont aussi hébergés, marqués d’une réaction au lieu d’une réponse.',
    }),
  'backfill.started': (p) =>
    `L’hébergement de l’historique de <#${p.channelId}> a commencé : sa progression s’affiche là-bas.`,
  'backfill.already': (p) =>
    `L’historique de <#${p.channelId}> est déjà en cours d’hébergement : arrête-le d’abord avec \`/imgpile surveiller arrêter-historique\`.`,
  'backfill.cannotRead': (p) =>
    `Tu ne peux pas lire toi-même l’historique de <#${p.channelId}>, tu ne peux donc pas le faire héberger : l’hébergement de l’historique héberge ce qui y a été posté.`,
  'backfill.badSince': (p) =>
    `\`${p.since}\` n’est ni une date (2024-05-31) ni un lien vers un message de ce salon.`,
  'backfill.notRunning': (p) =>
    `Aucun hébergement d’historique n’est en cours dans <#${p.channelId}>.`,
  'backfill.stopped': (p) => `L’hébergement de l’historique de <#${p.channelId}> est arrêté.`,
  'backfill.heading': (p) =>
    `**Historique** des images et vidéos de ce salon, ${p.order === 'newest' ? 'des plus récentes aux plus anciennes' : 'des plus anciennes aux plus récentes'}${p.since ? `, jusqu’à ${p.since}` : ''}`,
  'backfill.counts': (p, f) =>
    `${f.num(p.found)} fichiers trouvés · ${f.num(p.queued)} hébergés · ${f.num(p.skipped)} ignorés (déjà hébergés ou refusés) · ${f.num(p.left)} encore dans la file`,
  'backfill.estimate': (p, f) =>
    f.count(p.minutes, {
      '=0': 'Lecture de l’historique en cours…',
      one: 'Environ # minute restante pour ce qui est dans la file.',
      other: 'Environ # minutes restantes pour ce qui est dans la file.',
    }),
  'backfill.paused': (p, f) =>
    `⏸️ En pause : le quota quotidien de ce serveur est épuisé. Reprise automatique ${f.relative(p.until)}.`,
  'backfill.resumed': (p, f) =>
    `▶️ Reprise ${f.relative(p.at)}, quand le quota quotidien du serveur a été remis à zéro.`,
  'backfill.done': '✅ Terminé : tout l’historique demandé a été lu.',
  'backfill.stoppedNote': '⏹️ Arrêté.',
  'backfill.failed': '❌ Terminé : le bot ne peut plus lire ce salon.',
  'backfill.stop': 'Arrêter',
  'settings.serverOnly': 'Les paramètres appartiennent aux serveurs où se trouve le bot.',
  'settings.summary': (p) =>
    `Réponses : **${p.replies}** (${REPLIES[p.replies]}).\nComptes : **${p.accounts}** (${policyMeaning(p.accounts)}).\nMessages supprimés : **${p.deleted}** (${DELETED[p.deleted]}).`,

  'quota.title': 'Fichiers hébergés aujourd’hui',
  'quota.you': 'Toi',
  'quota.server': 'Ce serveur',
  'quota.botAccount': 'Le compte imgpile du bot',
  'quota.ownAccount': (p) =>
    `Ton compte imgpile (${p.username})${p.broken ? ', hors service' : ''}`,
  'quota.footer': 'Les limites sont remises à zéro à minuit UTC',
  'quota.usage': (p, f) =>
    `${f.num(p.used)} sur ${f.num(p.limit)} (${f.num(Math.max(0, p.limit - p.used))} restants)`,
  'quota.none': 'n/d',
  'quota.resets': (p, f) => `Remise à zéro ${f.relative(p.at)}.`,
  'quota.policy': (p) => `Ce serveur : ${policyPhrase(p.accounts)}.`,
  'quota.refused': (p, f) => {
    const held = p.inProgress > 0 ? ` ; ${f.num(p.inProgress)} en cours de récupération` : '';
    return `Fichiers refusés : ${f.num(p.used)} sur ${f.num(p.limit)} (${f.num(Math.max(0, p.limit - p.used))} restants${held}). Les fichiers qui ne sont ni images ni vidéos et les liens qui échouent comptent : à ${f.num(p.limit)}, tes envois s’arrêtent jusqu’à la remise à zéro.`;
  },
} satisfies TranslationOf<typeof en>;
