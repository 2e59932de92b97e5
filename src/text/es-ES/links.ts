import type { TranslationOf } from '../catalogue.js';
import type { links as en } from '../en/links.js';

export const links = {
  'links.tooLong': 'Es demasiado largo para un slug o un enlace de imgpile.',
  'links.notAscii':
    'Los slugs y los enlaces de imgpile solo tienen letras y números: este tiene otros caracteres.',
  'links.notALink': 'Eso no es ni un slug de imgpile ni un enlace que el bot pueda leer.',
  'links.otherHost': (p) =>
    `Aquí solo sirven los enlaces de imgpile (${p.site}/p/… o ${p.cdn}/f/…) o un slug sin más.`,
  'links.credentials':
    'Ese enlace lleva un nombre de usuario o una contraseña: los enlaces de imgpile nunca los llevan.',
  'links.badPath':
    'Ese enlace no apunta a la página de una publicación (/p/<slug>) ni a un archivo (/f/<slug>.<ext>).',
  'links.badKey': 'La clave de ese enlace no es una clave de acceso válida.',
  'links.twoKeys': 'El enlace lleva una clave distinta de la opción clave: indica solo una.',
  'links.wrongKind': (p) =>
    p.want === 'post'
      ? 'Es un enlace a un archivo, no a una publicación: usa `/imgpile multimedia` para archivos o indica el enlace de la publicación.'
      : 'Es un enlace a una publicación, no a un archivo: indica el enlace del archivo o su slug.',
  'complete.post': (p) =>
    p.title ? `${p.slug} · publicación · ${p.title}` : `${p.slug} · publicación`,
  'complete.media': (p) => (p.title ? `${p.slug} · archivo · ${p.title}` : `${p.slug} · archivo`),
  'complete.channel': (p) => `#${p.name}`,
  'complete.goneChannel': (p) => `${p.channelId} (canal no encontrado)`,
  'def.watch.remove.watched': 'O un canal vigilado, de la lista (también uno que se borró)',
  'watch.removeWhich':
    'Indica el canal o elige uno de los canales vigilados: una de las dos cosas.',
} satisfies TranslationOf<typeof en>;
