import type { TranslationOf } from '../catalogue.js';
import type { Act, accounts as en } from '../en/accounts.js';
import { LINK_HINT, policyPhrase } from './words.js';

/** What a member asked to do as themselves: completes "tu ne peux pas …". */
const ACTS: Record<Act, string> = {
  voteCommentFollow: 'voter, commenter ou suivre',
  vote: 'voter',
  comment: 'commenter',
  follow: 'suivre',
  deleteFiles: 'supprimer ces fichiers',
  deleteFile: 'supprimer un fichier',
  deletePost: 'supprimer un post',
  changePost: 'modifier ton propre post',
  changeMedia: 'modifier tes propres médias',
  listOwn: 'lister ton propre compte',
};

const OWN_ONLY = 'Ce serveur héberge sur les comptes imgpile des membres eux-mêmes';

export const accounts = {
  'account.forbiddenOwn': 'imgpile ne l’a pas permis pour ton compte imgpile.',
  'act.off': (p) =>
    `La liaison de comptes imgpile est désactivée sur ce bot, tu ne peux donc pas ${ACTS[p.act]} ici.`,
  'act.unlinked': (p) =>
    `Pour ${ACTS[p.act]} en ton nom, lie d’abord ton compte imgpile : ${LINK_HINT}.`,
  'act.broken': (p) =>
    `imgpile a refusé le jeton de ton compte lié, tu ne peux donc pas ${ACTS[p.act]} tant que tu ne l’as pas lié à nouveau : ${LINK_HINT}.`,
  'act.unreadable': (p) =>
    `Ton compte imgpile lié n’a pas pu être lu, tu ne peux donc pas ${ACTS[p.act]} : lie-le à nouveau avec ${LINK_HINT}.`,
  'account.tokenRefused': `imgpile a refusé le jeton de ton compte lié, il est donc marqué comme défectueux. Lie-le à nouveau avec ${LINK_HINT}.`,

  'account.statusBroken': `⚠️ imgpile a refusé son jeton, il n’est donc pas utilisé : tes fichiers vont sur le compte du bot là où un serveur le permet. Lie-le à nouveau avec ${LINK_HINT}.`,
  'account.statusUnreadable': `⚠️ Le bot ne peut plus lire son jeton (sa clé de chiffrement a changé), il n’est donc pas utilisé : tes fichiers vont sur le compte du bot là où un serveur le permet. Lie-le à nouveau avec ${LINK_HINT}.`,
  'account.noticeBroken': `Ton compte imgpile lié ne fonctionne plus : imgpile a refusé son jeton. Tant que tu ne l’as pas lié à nouveau (${LINK_HINT}), tes fichiers vont sur le compte imgpile du bot.`,
  'account.noticeUnreadable': `Le bot n’a pas pu lire ton compte imgpile lié : sa clé de chiffrement a changé depuis que tu l’as lié. Tant que tu ne l’as pas lié à nouveau (${LINK_HINT}), tes fichiers vont sur le compte imgpile du bot.`,

  'account.ownOnlyOff': `${OWN_ONLY}, mais la liaison de comptes est désactivée sur ce bot. Rien n’a été envoyé ; un admin du serveur peut changer \`/imgpile paramètres comptes\`.`,
  'account.ownOnlySender': `${OWN_ONLY}, et celui de l’expéditeur n’a pas pu être utilisé. Rien n’a été envoyé.`,
  'account.ownOnlyUnreadable': `Le bot n’a pas pu lire ton compte imgpile lié (sa clé de chiffrement a changé depuis que tu l’as lié), et ce serveur héberge sur les comptes des membres eux-mêmes. Lie-le à nouveau avec ${LINK_HINT}. Rien n’a été envoyé.`,
  'account.ownOnlyBroken': `Ton compte imgpile lié ne fonctionne plus (imgpile a refusé son jeton), et ce serveur héberge sur les comptes des membres eux-mêmes. Lie-le à nouveau avec ${LINK_HINT}. Rien n’a été envoyé.`,
  'account.ownOnlyUnlinked': `${OWN_ONLY} : lie le tien avec ${LINK_HINT}, puis réessaie. Rien n’a été envoyé.`,

  'account.off':
    'La liaison de comptes imgpile est désactivée sur ce bot (son opérateur n’a pas défini de clé de chiffrement), tes fichiers vont donc sur le compte imgpile du bot.',
  'account.unlinked':
    'Ton compte imgpile est délié et son jeton oublié. Tes fichiers vont sur le compte imgpile du bot là où un serveur le permet.',
  'account.noneToUnlink': 'Aucun compte imgpile n’était lié.',
  'account.none': `Aucun compte imgpile n’est lié. ${LINK_HINT} lie le tien.`,
  'account.here': (p) => `Sur ce serveur : ${policyPhrase(p.accounts)}.`,
  'account.linkedSince': (p, f) =>
    `Lié au compte imgpile **${p.username}** (depuis ${f.relative(p.since)}). Le jeton est stocké chiffré et n’est jamais affiché.`,

  'account.form.title': 'Lier ton compte imgpile',
  'account.form.username': 'Pseudo imgpile',
  'account.form.token': 'Jeton d’API imgpile',
  'account.form.tokenHint': 'Stocké chiffré, plus jamais affiché. Délie-le quand tu veux.',
  'account.badUsername': 'Ce n’est pas un pseudo imgpile.',
  'account.badToken': 'Ça ne ressemble pas à un jeton d’API imgpile : rien n’a été lié.',
  'account.notTheirs': (p) =>
    `Ce jeton n’est pas celui du compte imgpile ${p.username} (imgpile ne le montre pas comme propriétaire de ses posts) : rien n’a été lié.`,
  'account.tokenNotAccepted': 'imgpile n’a pas accepté ce jeton : rien n’a été lié.',
  'account.noSuchUser': (p) =>
    `imgpile n’a aucun utilisateur nommé ${p.username} : rien n’a été lié.`,
  'account.linked': (p) =>
    `Lié au compte imgpile **${p.username}**. Tes envois y vont là où un serveur le permet (\`/imgpile paramètres\`), et tu peux voter, commenter et suivre en ton nom. \`/imgpile compte délier\` oublie le jeton aussitôt.`,
} satisfies TranslationOf<typeof en>;
