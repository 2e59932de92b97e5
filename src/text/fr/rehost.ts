import type { TranslationOf } from '../catalogue.js';
import type { rehost as en } from '../en/rehost.js';

const PRIVATE_POST = {
  keySent: ' (privé : le lien avec sa clé t’a été envoyé)',
  keyInView: ' (privé : la personne qui l’a envoyé voit la clé avec `/imgpile post voir`)',
} as const;

export const rehost = {
  'upload.notALink': (p) => `Ce n’est pas un lien : \`${p.link}\`.`,
  'upload.nothing': 'Donne un fichier ou un lien à héberger.',
  'upload.tooMany': (p, f) =>
    `Ça fait ${f.num(p.count)} fichiers et liens : ${f.num(p.max)} au maximum à la fois.`,
  'menu.nothing': 'Ce message n’a ni pièce jointe ni lien d’image à héberger.',

  'rehost.queued': (p, f) =>
    f.count(p.count, {
      '=1': '⏳ Hébergement de # fichier…',
      other: '⏳ Hébergement de # fichiers…',
    }),
  'rehost.nothing': 'Rien n’a été hébergé :',
  'rehost.noFallback':
    '-# Discord ne laisse le bot mettre à jour cette réponse que pendant 15 minutes : si c’est plus long, retrouve le résultat avec `/imgpile mes-envois`.',
  'rehost.progress': (p, f) =>
    `⏳ Hébergement de ${p.name}${p.total > 1 ? ` (fichier ${f.num(p.index + 1)} sur ${f.num(p.total)})` : ''} : ${f.num(p.percent)} %`,
  'rehost.refused': (p) => `✖ ${p.name} : ${p.reason}`,
  'rehost.moreLines': (p, f) =>
    f.count(p.count, { one: '…et # autre ligne', other: '…et # autres lignes' }),
  'rehost.moreFiles': (p, f) =>
    f.count(p.count, { one: '…et # autre fichier', other: '…et # autres fichiers' }),

  'result.noneOne': 'Le fichier n’a pas pu être hébergé.',
  'result.none': 'Aucun des fichiers n’a pu être hébergé.',
  'result.all': (p, f) =>
    f.count(p.count, { '=1': 'Hébergé sur imgpile :', other: '# fichiers hébergés sur imgpile :' }),
  'result.some': (p, f) =>
    `${f.num(p.uploaded)} fichiers sur ${f.num(p.total)} hébergés sur imgpile :`,
  'result.heading': (p, f) =>
    p.uploaded === p.total
      ? f.count(p.uploaded, {
          '=1': 'Hébergé sur imgpile',
          other: '# fichiers hébergés sur imgpile',
        })
      : `${f.num(p.uploaded)} fichiers sur ${f.num(p.total)} hébergés sur imgpile`,
  'result.post': (p) => `**Post :** ${p.url}${p.private ? PRIVATE_POST[p.private] : ''}`,
  'result.noPost': (p) => `Aucun post n’a été créé : ${p.reason}.`,
  'result.firstShown': (p, f) => `-# Les ${f.num(p.count)} premiers sont affichés.`,
  'result.openPost': 'Ouvrir le post',
  'result.delete': 'Supprimer',

  'delivery.privateSent': (p) =>
    `Hébergé en privé : les liens ont été envoyés à <@${p.userId}> en message privé.`,
  'delivery.privateNotSent': (p) =>
    `Hébergé en privé, mais Discord ne me laisse pas envoyer de message privé à <@${p.userId}> : retrouve-le avec \`/imgpile mes-envois\`.`,
  'delivery.finished': (p) => `<@${p.userId}>, ton hébergement est terminé.`,
  'delivery.finishedPrivateSent': (p) =>
    `<@${p.userId}>, ton hébergement est terminé : il est privé, ses liens t’ont donc été envoyés en message privé.`,
  'delivery.finishedPrivateNotSent': (p) =>
    `<@${p.userId}>, ton hébergement est terminé, mais il est privé et Discord ne me laisse pas t’envoyer de message privé : retrouve-le avec \`/imgpile mes-envois\`.`,
  'delivery.dm': 'Ton hébergement est terminé.',
  'delivery.key': (p) => `Ton post privé : ${p.url}`,
  'result.removedByImgpile': (p) =>
    `${p.name} : la modération d’imgpile l’a retiré ; son lien ne marche plus.`,
  'find.notALink':
    'Ce n’est ni un lien de pièce jointe Discord ni un lien de message. Colle le lien d’un fichier (clic droit → Copier le lien) ou d’un message (Copier le lien du message).',
  'find.none':
    'Le bot n’en a fait aucune copie imgpile. Demander n’envoie rien : utilise le menu de message **Héberger sur imgpile** ou `/imgpile héberger lien:` pour l’héberger.',
  'find.noneYouCanSee': 'Il n’y en a aucune copie imgpile que tu peux voir.',
  'find.adultElsewhere':
    'Cette copie est du contenu adulte (elle vient d’un salon soumis à une limite d’âge) : demande dans un salon soumis à une limite d’âge.',
  'find.found': (p) => `La copie imgpile faite par le bot :\n${p.links}`,
  'find.offer':
    'Le bot n’en a fait aucune copie imgpile. Demander n’envoie rien ; appuie sur **L’héberger** pour héberger l’original maintenant.',
  'find.rehostButton': 'L’héberger',
  'find.notYourButton': 'Seul le membre qui a posé la question peut utiliser ce bouton.',
  'find.gone': 'Ce fichier ou ce message n’est plus sur Discord : il ne peut plus être hébergé.',
  'find.rehosting': 'Hébergement de l’original…',
  'sizes.xs': 'Liens : xs',
  'sizes.sm': 'sm',
  'sizes.md': 'md',
  'sizes.lg': 'lg',
  'sizes.xl': 'xl',
  'sizes.links': (p) =>
    `Liens directs en ${p.size} (une vidéo donne sa miniature fixe ; imgpile crée les tailles peu après l’envoi) :\n${p.links}`,
  'sizes.none': 'Ce message ne contient aucun lien direct vers des fichiers imgpile.',
} satisfies TranslationOf<typeof en>;
