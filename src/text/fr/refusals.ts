import type { TranslationOf } from '../catalogue.js';
import type { AddressClass, refusals as en } from '../en/refusals.js';
import type { Format } from '../format.js';
import { LINK_HINT } from './words.js';

/** A size as the bot's limits are said: octets, Ko (rounded), Mo (one decimal unless whole). */
function size(n: number, f: Format): string {
  const MB = 1024 * 1024;
  if (n >= MB) return `${f.num(n / MB, n % MB === 0 ? 0 : 1)} Mo`;
  if (n >= 1024) return `${f.num(Math.round(n / 1024))} Ko`;
  return `${f.num(n)} octets`;
}

const ADDRESS: Record<AddressClass, string> = {
  unspecified: 'une adresse non spécifiée',
  loopback: 'une adresse de bouclage',
  private: 'une adresse de réseau privé',
  shared: 'une adresse de NAT opérateur',
  'link-local': 'une adresse lien-local',
  metadata: 'une adresse de métadonnées cloud',
  multicast: 'une adresse multicast',
  broadcast: 'une adresse de diffusion',
  documentation: 'une adresse de documentation',
  benchmarking: 'une adresse de test de performance',
  reserved: 'une adresse réservée',
};

export const refusals = {
  'refusal.tooLarge': (p, f) => `le fichier dépasse ${size(p.limit, f)}`,
  'refusal.largerThanAnnounced': 'le fichier est plus gros que sa taille annoncée',
  'refusal.empty': 'le fichier est vide',
  'refusal.notMedia': 'ce type de fichier n’est pas accepté (seulement les images et les vidéos)',
  'refusal.notDiscordAttachment': 'ce lien n’est pas une pièce jointe Discord',
  'refusal.expired': 'le lien Discord a expiré et n’a pas pu être renouvelé',
  'refusal.cdnRefused': (p, f) =>
    `le CDN de Discord a refusé le téléchargement (HTTP ${f.num(p.status)})`,
  'refusal.retriesExhausted':
    'n’a pas pu être hébergé après plusieurs tentatives (imgpile ou Discord était injoignable) ; réessaie plus tard',
  'refusal.refusalsSpent':
    'non récupéré : trop de tes fichiers ont été refusés aujourd’hui (remise à zéro à minuit UTC)',
  'refusal.siteUnreachable': 'le site du lien est resté injoignable après plusieurs tentatives',
  'refusal.linksOff': 'l’hébergement de liens est désactivé sur ce bot (URL_REHOST)',
  'refusal.withdrawn': 'supprimé avec le post, qui n’a pas pu être créé comme demandé',

  'refusal.invalidLink': 'ce n’est pas un lien valide',
  'refusal.httpOnly': 'seuls les liens http et https peuvent être hébergés',
  'refusal.httpsOnly': 'seuls les liens https peuvent être hébergés',
  'refusal.credentials':
    'les liens avec un nom d’utilisateur ou un mot de passe ne sont pas acceptés',
  'refusal.siteNotAccepted': 'les liens vers ce site ne sont pas acceptés ici',
  'refusal.address': (p) => `ce lien pointe vers ${ADDRESS[p.class]}, ce qui n’est pas autorisé`,
  'refusal.siteNotFound': 'le site de ce lien est introuvable',
  'refusal.nameServerSilent': 'le site de ce lien n’a pas répondu : son serveur de noms reste muet',
  'refusal.tooSlowTotal': (p, f) =>
    `le site est trop lent : le téléchargement a pris plus de ${f.num(p.minutes)} minutes`,
  'refusal.tooSlowRate': (p, f) =>
    `le site est trop lent : il envoyait moins de ${f.num(p.kbPerSecond)} Ko par seconde`,
  'refusal.badCertificate': 'le certificat HTTPS du site n’est pas valide',
  'refusal.siteRefused': (p, f) => `le site a refusé le téléchargement (HTTP ${f.num(p.status)})`,
  'refusal.redirectToNowhere': 'le site a répondu par une redirection vers nulle part',
  'refusal.redirectInvalid': 'le site a redirigé vers un lien invalide',
  'refusal.tooManyRedirects': (p, f) => `le lien redirige plus de ${f.num(p.max)} fois`,

  'refusal.accountOff':
    'la liaison de comptes imgpile a été désactivée sur ce bot avant l’envoi de ce fichier',
  'refusal.accountUnlinked': 'ton compte imgpile a été délié avant l’envoi de ce fichier',
  'refusal.accountBroken': `imgpile a refusé le jeton de ton compte lié ; lie-le à nouveau avec ${LINK_HINT}`,
  'refusal.accountUnreadable': `ton compte imgpile lié n’a pas pu être lu (la clé de chiffrement du bot a changé) ; lie-le à nouveau avec ${LINK_HINT}`,
  'refusal.linkedTokenRefused': 'imgpile a refusé le jeton du compte lié',
  'refusal.senderAccountUnusable': 'le compte imgpile lié de l’expéditeur n’a pas pu être utilisé',

  'imgpile.banned': 'imgpile a refusé ce fichier (il correspond à un fichier banni)',
  'imgpile.typeNotAccepted': 'ce type de fichier n’est pas accepté par imgpile',
  'imgpile.tooLarge': 'le fichier est trop gros pour imgpile',
  'imgpile.rejected': (p) => `imgpile a refusé ceci : ${p.detail}`,
  'imgpile.tokenRefused':
    'le bot ne peut pas joindre imgpile pour le moment ; son opérateur est prévenu',
  'imgpile.notOwner': 'imgpile ne l’a pas permis : ce n’est pas au compte du bot',
  'imgpile.forbiddenOwn': 'imgpile ne l’a pas permis pour ton propre compte imgpile',
  'imgpile.notFound': 'imgpile n’a rien sous ce slug (ou c’est privé et il faut sa clé)',
  'imgpile.invalidInput':
    'ce n’est pas un slug, un identifiant ou une clé imgpile valide (rien n’a été envoyé)',
  'imgpile.unexpected': 'imgpile a donné une réponse inattendue',
  'imgpile.slowDown': 'imgpile a demandé au bot de ralentir',
  'imgpile.interrupted': 'la requête vers imgpile a été interrompue',
  'imgpile.unreachable': 'imgpile était injoignable',

  'post.inAnotherPost':
    'ces fichiers sont déjà dans un autre post sur imgpile, qui garde chaque fichier dans un seul post',
  'post.withdrawn': (p) => {
    const as = p.visibility
      ? `${p.visibility === 'private' ? 'privé' : 'masqué'}${p.nsfw ? ' et réservé aux adultes' : ''}`
      : 'réservé aux adultes';
    return `imgpile n’a pas voulu rendre le post ${as}, il a donc été supprimé, avec les fichiers envoyés pour lui`;
  },
  'post.noMediaIds':
    'imgpile n’a pas renvoyé d’identifiants de médias, aucun post n’a donc pu être créé',
  'post.tryLater': (p, f) => `${f.say(p.reason)} ; réessaie plus tard`,
  'retry.download': 'le fichier n’a pas pu être téléchargé',
  'retry.cannotWithdraw': 'un post qui ne doit pas rester public n’a pas pu être supprimé',
  'post.lostWithdrawn':
    'la réponse d’imgpile à la création du post s’est perdue et le post créé est introuvable, les fichiers envoyés pour lui ont donc été supprimés ; réessaie',
} satisfies TranslationOf<typeof en>;
