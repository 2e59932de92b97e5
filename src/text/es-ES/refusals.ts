import type { TranslationOf } from '../catalogue.js';
import type { AddressClass, refusals as en } from '../en/refusals.js';
import type { Format } from '../format.js';
import { LINK_HINT } from './words.js';

/** A size as the bot's limits are said: bytes, KB (rounded), MB (one decimal unless whole). */
function size(n: number, f: Format): string {
  const MB = 1024 * 1024;
  if (n >= MB) return `${f.num(n / MB, n % MB === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${f.num(Math.round(n / 1024))} KB`;
  return `${f.num(n)} bytes`;
}

const ADDRESS: Record<AddressClass, string> = {
  unspecified: 'una dirección no especificada',
  loopback: 'una dirección de loopback',
  private: 'una dirección de red privada',
  shared: 'una dirección de NAT de operador',
  'link-local': 'una dirección de enlace local',
  metadata: 'una dirección de metadatos de la nube',
  multicast: 'una dirección multicast',
  broadcast: 'una dirección de difusión',
  documentation: 'una dirección de documentación',
  benchmarking: 'una dirección de pruebas de rendimiento',
  reserved: 'una dirección reservada',
};

export const refusals = {
  'refusal.tooLarge': (p, f) => `el archivo ocupa más de ${size(p.limit, f)}`,
  'refusal.largerThanAnnounced': 'el archivo es más grande que su tamaño anunciado',
  'refusal.empty': 'el archivo está vacío',
  'refusal.notMedia': 'este tipo de archivo no se acepta (solo imágenes y vídeos)',
  'refusal.notDiscordAttachment': 'este enlace no es un adjunto de Discord',
  'refusal.expired': 'el enlace de Discord ha caducado y no se pudo renovar',
  'refusal.cdnRefused': (p, f) => `la CDN de Discord rechazó la descarga (HTTP ${f.num(p.status)})`,
  'refusal.retriesExhausted':
    'no se pudo subir tras varios intentos (imgpile o Discord no respondía); inténtalo más tarde',
  'refusal.refusalsSpent':
    'no se descargó: hoy se han rechazado demasiados archivos tuyos (se restablece a medianoche UTC)',
  'refusal.siteUnreachable': 'no se pudo contactar con el sitio del enlace tras varios intentos',
  'refusal.linksOff': 'subir enlaces está desactivado en este bot (URL_REHOST)',
  'refusal.withdrawn': 'borrado junto con la publicación, que no se pudo crear como se pidió',

  'refusal.invalidLink': 'esto no es un enlace válido',
  'refusal.httpOnly': 'solo se pueden subir enlaces http y https',
  'refusal.httpsOnly': 'solo se pueden subir enlaces https',
  'refusal.credentials': 'no se aceptan enlaces con nombre de usuario o contraseña',
  'refusal.siteNotAccepted': 'aquí no se aceptan enlaces a este sitio',
  'refusal.address': (p) => `este enlace apunta a ${ADDRESS[p.class]}, lo cual no está permitido`,
  'refusal.siteNotFound': 'no se encontró el sitio de este enlace',
  'refusal.nameServerSilent':
    'el sitio de este enlace no respondió: su servidor de nombres no contesta',
  'refusal.tooSlowTotal': (p, f) =>
    `el sitio es demasiado lento: la descarga tardó más de ${f.num(p.minutes)} minutos`,
  'refusal.tooSlowRate': (p, f) =>
    `el sitio es demasiado lento: enviaba menos de ${f.num(p.kbPerSecond)} KB por segundo`,
  'refusal.badCertificate': 'el certificado HTTPS del sitio no es válido',
  'refusal.siteRefused': (p, f) => `el sitio rechazó la descarga (HTTP ${f.num(p.status)})`,
  'refusal.redirectToNowhere': 'el sitio respondió con una redirección a ninguna parte',
  'refusal.redirectInvalid': 'el sitio redirigió a un enlace no válido',
  'refusal.tooManyRedirects': (p, f) => `el enlace redirige más de ${f.num(p.max)} veces`,

  'refusal.accountOff':
    'se desactivó la vinculación de cuentas de imgpile en este bot antes de enviar este archivo',
  'refusal.accountUnlinked': 'tu cuenta de imgpile se desvinculó antes de enviar este archivo',
  'refusal.accountBroken': `imgpile rechazó el token de tu cuenta vinculada; vuelve a vincularla con ${LINK_HINT}`,
  'refusal.accountUnreadable': `no se pudo leer tu cuenta de imgpile vinculada (la clave de cifrado del bot cambió); vuelve a vincularla con ${LINK_HINT}`,
  'refusal.linkedTokenRefused': 'imgpile rechazó el token de la cuenta vinculada',
  'refusal.senderAccountUnusable':
    'no se pudo usar la cuenta de imgpile vinculada de quien lo envió',

  'imgpile.banned': 'imgpile rechazó este archivo (coincide con un archivo prohibido)',
  'imgpile.typeNotAccepted': 'imgpile no acepta este tipo de archivo',
  'imgpile.tooLarge': 'el archivo es demasiado grande para imgpile',
  'imgpile.rejected': (p) => `imgpile rechazó esto: ${p.detail}`,
  'imgpile.tokenRefused':
    'el bot no puede conectar con imgpile ahora mismo; su operador ya lo sabe',
  'imgpile.notOwner': 'imgpile no lo permitió: no es de la cuenta del bot',
  'imgpile.forbiddenOwn': 'imgpile no lo permitió para tu propia cuenta de imgpile',
  'imgpile.notFound': 'imgpile no tiene nada con ese slug (o es privado y necesita su clave)',
  'imgpile.invalidInput':
    'eso no es un slug, un id ni una clave de imgpile válidos (no se envió nada)',
  'imgpile.unexpected': 'imgpile dio una respuesta inesperada',
  'imgpile.slowDown': 'imgpile pidió al bot que fuera más despacio',
  'imgpile.interrupted': 'la solicitud a imgpile se interrumpió',
  'imgpile.unreachable': 'no se pudo contactar con imgpile',

  'post.inAnotherPost':
    'estos archivos ya están en otra publicación de imgpile, que guarda cada archivo en una sola publicación',
  'post.withdrawn': (p) => {
    const as = p.visibility
      ? `${p.visibility === 'private' ? 'privada' : 'oculta'}${p.nsfw ? ' y solo para adultos' : ''}`
      : 'solo para adultos';
    return `imgpile no quiso hacer la publicación ${as}, así que se borró, con los archivos subidos para ella`;
  },
  'post.noMediaIds': 'imgpile no devolvió ids de archivos, así que no se pudo crear la publicación',
  'post.tryLater': (p, f) => `${f.say(p.reason)}; inténtalo más tarde`,
  'retry.download': 'no se pudo descargar el archivo',
  'retry.cannotWithdraw': 'no se pudo borrar una publicación que no debe quedar pública',
  'post.lostWithdrawn':
    'se perdió la respuesta de imgpile al crear la publicación y no se pudo volver a encontrar, así que se borraron los archivos subidos para ella; inténtalo de nuevo',
} satisfies TranslationOf<typeof en>;
