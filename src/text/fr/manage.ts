import type { TranslationOf } from '../catalogue.js';
import type { manage as en } from '../en/manage.js';
import { visibilityWord } from './words.js';

const THIS = { media: 'Ce fichier', post: 'Ce post' } as const;
const THE = { media: 'ce fichier', post: 'ce post' } as const;

export const manage = {
  'manage.notThroughBot': (p) =>
    `${THIS[p.kind]} n’a pas été envoyé via ce bot, il ne peut donc pas être modifié d’ici.`,
  'manage.notUploader': (p) =>
    `Seule la personne qui a envoyé ${THE[p.kind]}, ou un membre avec Gérer les messages sur le serveur d’où il a été envoyé, peut le modifier.`,
  'manage.needManageServerWatch':
    'Il te faut la permission Gérer le serveur pour changer les salons surveillés.',
  'manage.needManageServerSettings':
    'Il te faut la permission Gérer le serveur pour changer les paramètres.',
  'manage.notASlug': 'Ce n’est pas un slug imgpile (les 7 caractères après /p/ dans un lien).',
  'manage.notYoursOnImgpile': (p) => `${THIS[p.kind]} n’est pas à toi sur imgpile.`,
  'manage.notYours': (p) => `${THIS[p.kind]} n’est pas à toi.`,
  'manage.deleted': (p) => `${p.kind === 'post' ? 'Post' : 'Fichier'} \`${p.slug}\` supprimé.`,
  'manage.nothingToChange':
    'Rien à changer : donne un titre, une description, une visibilité ou nsfw.',
  'manage.nothingToChangeMedia': 'Rien à changer : donne un titre ou une description.',
  'manage.updatedMedia': (p) => `Fichier \`${p.slug}\` mis à jour.`,
  'manage.onlyMaker':
    'Seule la personne pour qui le bot a créé ce post peut en changer les fichiers (un modérateur peut le modifier ou le supprimer).',
  'manage.otherAccountsPost':
    'Ce post appartient à un autre compte imgpile, pas à celui que tu as lié : on ne peut ajouter des fichiers qu’aux posts de ton compte lié.',
  'manage.makerOnlyPrivacy':
    'Seule la personne pour qui le bot a créé ce post peut en changer la visibilité ou lui retirer la mention adulte (un modérateur peut modifier son titre et sa description, le marquer adulte ou le supprimer).',
  'manage.markAdultFirst':
    'Les fichiers d’un salon soumis à une limite d’âge, ou marqués comme spoilers, sont du contenu adulte : marque d’abord le post comme adulte (`/imgpile post modifier`, nsfw = True), puis ajoute-les.',
  'manage.botAccountsPost':
    'Ce post appartient au compte imgpile du bot, et tes fichiers vont désormais au compte que tu as lié : imgpile n’ajoute des fichiers qu’à un post du même compte.',
  'manage.linkedAccountsPost':
    'Ce post appartient à ton compte imgpile lié, mais ce serveur envoie les fichiers au compte du bot : imgpile n’ajoute des fichiers qu’à un post du même compte.',
  'manage.badOrder': (p, f) =>
    `Donne des numéros de fichier de 1 à ${f.num(p.count)}, chacun une fois au plus, séparés par des espaces ou des virgules (ex. « 3 1 »).`,
  'manage.sameOrder': 'Les fichiers sont déjà dans cet ordre : rien n’a changé.',
  'manage.updatedPrivate': (p) => `Mis à jour. Le post est privé ; son lien avec la clé : ${p.url}`,
  'manage.updated': (p) => `Mis à jour : ${p.url}`,
  'manage.pending':
    'imgpile n’a pas encore fini de vérifier ce post : affiche-le dans un salon avec limite d’âge, ou plus tard.',
  'manage.adultPost':
    'Ce post est marqué comme contenu pour adultes : affiche-le dans un salon avec limite d’âge.',
  'manage.adultHidden': (p, f) =>
    f.count(p.count, {
      one: '# fichier pour adultes n’est pas affiché ici.',
      other: '# fichiers pour adultes ne sont pas affichés ici.',
    }),
  'manage.visibility': (p) =>
    `Visibilité : ${visibilityWord(p.visibility)}${p.keyUrl ? ` (lien avec la clé : ${p.keyUrl})` : ''}`,

  'delete.unknown': 'Le bot ne connaît plus ces fichiers : rien à supprimer ici.',
  'delete.notOwner': 'Seule la personne qui a hébergé ces fichiers peut les supprimer.',
  'delete.notTheirs':
    'imgpile dit que ces fichiers ne sont pas ceux de ton compte lié : ont-ils été créés avec un compte que tu avais lié avant ?',
  'delete.done': 'Supprimé d’imgpile.',
  'delete.kept': 'Rien n’a été supprimé.',
  'delete.ask': (p, f) => {
    const files = f.count(p.files, { one: '# fichier', other: '# fichiers' });
    return `Supprimer ${p.post ? `le post et ses ${files}` : files} d’imgpile ? C’est irréversible.`;
  },
  'delete.button': 'Supprimer',
  'delete.cancel': 'Annuler',
} satisfies TranslationOf<typeof en>;
