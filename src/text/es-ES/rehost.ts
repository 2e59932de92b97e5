import type { TranslationOf } from '../catalogue.js';
import type { rehost as en } from '../en/rehost.js';

const PRIVATE_POST = {
  keySent: ' (privada: se te ha enviado el enlace con su clave)',
  keyInView: ' (privada: quien la subió ve la clave con `/imgpile publicación ver`)',
} as const;

export const rehost = {
  'upload.notALink': (p) => `Eso no es un enlace: \`${p.link}\`.`,
  'upload.nothing': 'Indica un archivo o un enlace que subir.',
  'upload.tooMany': (p, f) =>
    `Son ${f.num(p.count)} archivos y enlaces: como mucho ${f.num(p.max)} a la vez.`,
  'menu.nothing': 'Ese mensaje no tiene adjuntos ni enlaces de imágenes que subir.',

  'rehost.queued': (p, f) =>
    f.count(p.count, { '=1': '⏳ Subiendo # archivo…', other: '⏳ Subiendo # archivos…' }),
  'rehost.nothing': 'No se ha subido nada:',
  'rehost.noFallback':
    '-# Discord solo deja al bot actualizar esta respuesta durante 15 minutos: si tarda más, busca el resultado con `/imgpile mis-subidas`.',
  'rehost.progress': (p, f) =>
    `⏳ Subiendo ${p.name}${p.total > 1 ? ` (archivo ${f.num(p.index + 1)} de ${f.num(p.total)})` : ''}: ${f.num(p.percent)} %`,
  'rehost.refused': (p) => `✖ ${p.name}: ${p.reason}`,
  'rehost.moreLines': (p, f) =>
    f.count(p.count, { one: '…y # línea más', other: '…y # líneas más' }),
  'rehost.moreFiles': (p, f) =>
    f.count(p.count, { one: '…y # archivo más', other: '…y # archivos más' }),

  'result.noneOne': 'No se pudo subir el archivo.',
  'result.none': 'No se pudo subir ninguno de los archivos.',
  'result.all': (p, f) =>
    f.count(p.count, { '=1': 'Subido a imgpile:', other: '# archivos subidos a imgpile:' }),
  'result.some': (p, f) => `${f.num(p.uploaded)} de ${f.num(p.total)} archivos subidos a imgpile:`,
  'result.heading': (p, f) =>
    p.uploaded === p.total
      ? f.count(p.uploaded, { '=1': 'Subido a imgpile', other: '# archivos subidos a imgpile' })
      : `${f.num(p.uploaded)} de ${f.num(p.total)} archivos subidos a imgpile`,
  'result.post': (p) => `**Publicación:** ${p.url}${p.private ? PRIVATE_POST[p.private] : ''}`,
  'result.noPost': (p) => `No se creó ninguna publicación: ${p.reason}.`,
  'result.firstShown': (p, f) => `-# Se muestran los ${f.num(p.count)} primeros.`,
  'result.openPost': 'Abrir publicación',
  'result.delete': 'Borrar',

  'delivery.privateSent': (p) =>
    `Subido en privado: los enlaces se enviaron a <@${p.userId}> por mensaje directo.`,
  'delivery.privateNotSent': (p) =>
    `Subido en privado, pero Discord no me deja enviar un mensaje directo a <@${p.userId}>: búscalo con \`/imgpile mis-subidas\`.`,
  'delivery.finished': (p) => `<@${p.userId}>, tu subida ha terminado.`,
  'delivery.finishedPrivateSent': (p) =>
    `<@${p.userId}>, tu subida ha terminado: es privada, así que sus enlaces se te enviaron por mensaje directo.`,
  'delivery.finishedPrivateNotSent': (p) =>
    `<@${p.userId}>, tu subida ha terminado, pero es privada y Discord no me deja enviarte un mensaje directo: búscala con \`/imgpile mis-subidas\`.`,
  'delivery.dm': 'Tu subida ha terminado.',
  'delivery.key': (p) => `Tu publicación privada: ${p.url}`,
  'result.removedByImgpile': (p) =>
    `${p.name}: la moderación de imgpile lo retiró; su enlace ya no funciona.`,
  'find.notALink':
    'Eso no es un enlace de adjunto de Discord ni un enlace de mensaje. Pega el enlace de un archivo (clic derecho → Copiar enlace) o de un mensaje (Copiar enlace del mensaje).',
  'find.none':
    'El bot no ha hecho ninguna copia de eso en imgpile. Preguntar no sube nada: usa el menú de mensaje **Subir a imgpile** o `/imgpile subir enlace:` para subirlo.',
  'find.noneYouCanSee': 'No hay ninguna copia de eso en imgpile que puedas ver.',
  'find.adultElsewhere':
    'Esa copia es contenido adulto (viene de un canal con restricción de edad): pregunta en un canal con restricción de edad.',
  'find.found': (p) => `La copia en imgpile que hizo el bot:\n${p.links}`,
  'find.offer':
    'El bot no ha hecho ninguna copia de eso en imgpile. Preguntar no sube nada; pulsa **Subirlo** para subir el original ahora.',
  'find.rehostButton': 'Subirlo',
  'find.notYourButton': 'Solo el miembro que preguntó puede usar este botón.',
  'find.gone': 'Ese archivo o mensaje ya no está en Discord, así que no se puede subir.',
  'find.rehosting': 'Subiendo el original…',
  'sizes.xs': 'Enlaces: xs',
  'sizes.sm': 'sm',
  'sizes.md': 'md',
  'sizes.lg': 'lg',
  'sizes.xl': 'xl',
  'sizes.links': (p) =>
    `Enlaces directos en ${p.size} (un vídeo da su miniatura fija; imgpile crea los tamaños poco después de la subida):\n${p.links}`,
  'sizes.none': 'Este mensaje no tiene enlaces directos a archivos de imgpile.',
} satisfies TranslationOf<typeof en>;
