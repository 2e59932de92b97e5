import type { TranslationOf } from '../catalogue.js';
import type { links as en } from '../en/links.js';

export const links = {
  'links.tooLong': 'C’est trop long pour un slug ou un lien imgpile.',
  'links.notAscii':
    'Les slugs et les liens imgpile ne contiennent que des lettres et des chiffres : celui-ci contient d’autres caractères.',
  'links.notALink': 'Ce n’est ni un slug imgpile ni un lien que le bot sait lire.',
  'links.otherHost': (p) =>
    `Seuls les liens d’imgpile fonctionnent ici (${p.site}/p/… ou ${p.cdn}/f/…), ou un simple slug.`,
  'links.credentials':
    'Ce lien contient un nom d’utilisateur ou un mot de passe : les liens imgpile n’en ont jamais.',
  'links.badPath':
    'Ce lien ne pointe ni vers la page d’un post (/p/<slug>) ni vers un fichier (/f/<slug>.<ext>).',
  'links.badKey': 'La clé de ce lien n’est pas une clé d’accès valide.',
  'links.twoKeys': 'Le lien porte une autre clé que l’option clé : n’en donne qu’une.',
  'links.wrongKind': (p) =>
    p.want === 'post'
      ? 'C’est le lien d’un fichier, pas d’un post : utilise `/imgpile média` pour les fichiers, ou donne le lien du post.'
      : 'C’est le lien d’un post, pas d’un fichier : donne le lien du fichier ou son slug.',
  'complete.post': (p) => (p.title ? `${p.slug} · post · ${p.title}` : `${p.slug} · post`),
  'complete.media': (p) => (p.title ? `${p.slug} · fichier · ${p.title}` : `${p.slug} · fichier`),
  'complete.channel': (p) => `#${p.name}`,
  'complete.goneChannel': (p) => `${p.channelId} (salon introuvable)`,
  'def.watch.remove.watched': 'Ou un salon surveillé, dans la liste (même un salon supprimé)',
  'watch.removeWhich': 'Donne le salon, ou choisis un des salons surveillés : l’un ou l’autre.',
} satisfies TranslationOf<typeof en>;
