import type { TranslationOf } from '../catalogue.js';
import type { browse as en } from '../en/browse.js';
import { KIND_THE, KIND_WORD } from './words.js';

const WHOSE = { own: 'sur ton compte imgpile', bot: 'avec le compte imgpile du bot' } as const;

export const browse = {
  'nav.previous': 'Précédent',
  'nav.next': 'Suivant',

  'post.untitled': 'Sans titre',
  'post.by': (p) => `par ${p.name}`,
  'post.score': (p, f) => `score ${f.num(p.score)}`,
  'post.views': (p, f) => f.count(p.count, { one: '# vue', other: '# vues' }),
  'post.files': (p, f) => f.count(p.count, { one: '# fichier', other: '# fichiers' }),
  'post.hiddenFiles': (p, f) =>
    `-# ${f.count(p.count, { one: '# fichier n’est pas affiché', other: '# fichiers ne sont pas affichés' })} ici.`,
  'post.previewHidden': '-# Aperçu non affiché ici.',
  'post.moreLinks': (p, f) =>
    f.count(p.count, { one: '…et # autre lien', other: '…et # autres liens' }),
  'post.open': 'Ouvrir sur imgpile',
  'post.filesPage': (p, f) => `-# Fichiers, page ${f.num(p.page)} sur ${f.num(p.lastPage)}`,
  'post.viewExpired': 'Cet affichage a expiré. Relance `/imgpile post voir`.',
  'post.viewNotYours':
    'Seule la personne qui a ouvert cet affichage peut le feuilleter. Lance `/imgpile post voir` pour le tien.',
  'feed.empty': 'Aucun post ne correspond.',
  'feed.page': (p, f) => `Page ${f.num(p.page)} sur ${f.num(p.lastPage)}`,
  'feed.adultHere':
    'Le contenu pour adultes ne peut être affiché que dans les salons soumis à une limite d’âge. Lance le fil sans `nsfw` ici.',
  'feed.expired': 'Ce fil a expiré. Relance `/imgpile fil`.',
  'feed.notYours':
    'Seule la personne qui a ouvert ce fil peut le feuilleter. Lance `/imgpile fil` pour le tien.',

  'profile.noUser': (p) => `imgpile n’a aucun utilisateur nommé ${p.username}.`,
  'profile.posts': 'Posts',
  'profile.followers': 'Abonnés',
  'profile.following': 'Abonnements',
  'profile.noPosts': 'Aucun post public.',
  'profile.media': 'Médias',
  'profile.emptyList': 'Rien ici.',
  'profile.mediaLine': (p, f) => `${f.num(p.n)}. **${p.title}** · ${p.url}`,
  'profile.userLine': (p, f) => `${f.num(p.n)}. ${p.name}`,
  'profile.line': (p, f) => `${f.num(p.n)}. **${p.title}** · score ${f.num(p.score)} · ${p.url}`,
  'profile.footer': (p, f) => `Posts récents, page ${f.num(p.page)} sur ${f.num(p.lastPage)}`,

  'social.panel': (p, f) => {
    const mine =
      p.vote === 'up' ? ' Tu as voté pour.' : p.vote === 'down' ? ' Tu as voté contre.' : '';
    return `**${p.title}**${p.by === null ? '' : ` par ${p.by}`} · score ${f.num(p.score)}.${mine}\n${p.url}`;
  },
  'social.voteBusy': 'Ton vote sur ce post est déjà en cours de comptage.',
  'social.voteUnknown':
    'imgpile n’a pas dit si tu as déjà voté sur ce post, aucun vote n’a donc été envoyé. Réessaie plus tard.',
  'social.alreadyVoted': (p, f) =>
    `Tu as déjà voté ${p.up ? 'pour' : 'contre'} ce post ; son score est de ${f.num(p.score)}.`,
  'social.voted': (p, f) =>
    `Vote ${p.up ? 'pour' : 'contre'} enregistré : le score du post est maintenant de ${p.score === null ? '?' : f.num(p.score)}.`,
  'social.notVoted': (p, f) =>
    `Tu n’as pas de vote ${p.up ? 'pour' : 'contre'} à retirer sur ce post ; son score est de ${f.num(p.score)}.`,
  'social.tookBack': (p, f) =>
    `Ton vote ${p.up ? 'pour' : 'contre'} est retiré : le score du post est maintenant de ${p.score === null ? '?' : f.num(p.score)}.`,
  'social.follows': (p) => `Tu suis ${p.name} sur imgpile.`,
  'social.unfollowed': (p) => `Tu ne suis plus ${p.name} sur imgpile.`,
  'social.form.title': 'Commenter sur imgpile',
  'social.form.label': 'Ton commentaire',
  'social.emptyComment': 'Un commentaire vide n’a pas été publié.',
  'social.commented': (p) => `Ton commentaire est publié : ${p.url}`,
  'social.upvote': '▲ Pour',
  'social.downvote': '▼ Contre',
  'social.takeBackUp': '▲ Retirer mon vote pour',
  'social.takeBackDown': '▼ Retirer mon vote contre',
  'social.comment': '💬 Commenter',
  'social.open': 'Voter, commenter',
  'social.follow': (p) => `Suivre ${p.username}`,
  'social.unfollow': (p) => `Ne plus suivre ${p.username}`,

  'comments.button': '💬 Commentaires',
  'comments.none': 'Aucun commentaire écrit via ce bot sur ce post pour l’instant.',
  'comments.head': (p, f) =>
    `Commentaires écrits via ce bot, les plus récents d’abord (page ${f.num(p.page)} sur ${f.num(p.lastPage)}) :`,
  'comments.line': (p, f) => `${f.num(p.n)}. ${p.author} : ${p.content}`,
  'comments.upvote': (p, f) => `▲ ${f.num(p.n)}`,
  'comments.downvote': (p, f) => `▼ ${f.num(p.n)}`,
  'comments.delete': (p, f) => `Supprimer mon commentaire ${f.num(p.n)}`,
  'comments.noPost':
    'Ce post ne peut pas être lu publiquement, ses commentaires ne sont donc pas affichés ici.',
  'comments.unknown': 'Le bot ne connaît plus ce commentaire.',
  'comments.notYours': 'Seul le membre qui a écrit ce commentaire peut le supprimer.',
  'comments.notYoursOnImgpile':
    'D’après imgpile, ce commentaire n’est pas celui de ton compte lié.',
  'comments.deleted': 'Ton commentaire est supprimé.',
  'comments.voted': (p, f) =>
    `Vote ${p.up ? 'pour' : 'contre'} le commentaire enregistré${p.score === null ? '' : ` : son score est maintenant de ${f.num(p.score)}`}. Appuie à nouveau pour le retirer.`,
  'comments.tookBack': (p, f) =>
    `Ton vote ${p.up ? 'pour' : 'contre'} sur le commentaire est retiré${p.score === null ? '' : ` : son score est maintenant de ${f.num(p.score)}`}.`,
  'mine.empty': (p) =>
    `Rien d’hébergé ${WHOSE[p.source]}${p.later ? ' sur cette page' : ' pour l’instant'}.`,
  'mine.head': (p, f) =>
    `Ce que tu as hébergé ${WHOSE[p.source]}, du plus récent au plus ancien (page ${f.num(p.page)} sur ${f.num(p.lastPage)}) :`,
  'mine.line': (p, f) =>
    `${f.num(p.n)}. ${p.kind === 'post' ? 'Post' : 'Fichier'}${p.title === null ? '' : ` **${p.title}**`} ${p.url}${p.at === null ? '' : ` · ${f.relative(p.at)}`}`,
  'mine.deleteN': (p, f) => `Supprimer ${f.num(p.n)}`,
  'mine.ask': (p) => `Supprimer ${KIND_THE[p.kind]} \`${p.slug}\` d’imgpile ? C’est irréversible.`,
  'mine.deleteThe': (p) => `Supprimer le ${KIND_WORD[p.kind]}`,
  'mine.keep': 'Le garder',
  'mine.stale': 'Ce bouton n’est plus à jour. Relance `/imgpile mes-envois`.',
} satisfies TranslationOf<typeof en>;
