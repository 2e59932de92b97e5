import type { TranslationOf } from '../catalogue.js';
import type { Permission, server as en } from '../en/server.js';
import { policyMeaning, policyPhrase, visibilityWord } from './words.js';

/** Discord's permissions by their names in its Spanish settings. */
const PERMISSIONS: Record<Permission, string> = {
  ViewChannel: 'Ver canal',
  SendMessages: 'Enviar mensajes',
  SendMessagesInThreads: 'Enviar mensajes en hilos',
  ReadMessageHistory: 'Leer el historial de mensajes',
  AddReactions: 'Añadir reacciones',
};
const names = (missing: readonly Permission[]) => missing.map((p) => PERMISSIONS[p]).join(', ');

const REPLIES = {
  gallery: 'las subidas terminadas se muestran como galería',
  plain: 'las subidas terminadas se muestran como enlaces sin más',
} as const;

const DELETED = {
  keep: 'un mensaje vigilado que se borra en Discord conserva sus copias en imgpile y la respuesta del bot',
  hide: 'un mensaje vigilado que se borra en Discord ve su publicación de imgpile oculta y la respuesta del bot quitada',
  delete:
    'un mensaje vigilado que se borra en Discord ve sus copias borradas de imgpile y la respuesta del bot quitada',
} as const;

export const server = {
  'watch.serverOnly': 'Vigilar canales solo funciona en servidores en los que está el bot.',
  'watch.cannotSee': (p) =>
    `Tú no puedes ver <#${p.channelId}>, así que no puedes vigilarlo: una vigilancia sube lo que se publica allí.`,
  'watch.missing': (p) =>
    `El bot no puede trabajar en <#${p.channelId}>: le falta ${names(p.missing)} allí. Dáselo (ajustes del canal → Permisos) y vuelve a añadir la vigilancia.`,
  'watch.added': (p) =>
    `Vigilando <#${p.channelId}> (modo ${p.mode}, ${visibilityWord(p.visibility)}): se subirá cada imagen y vídeo que se publique allí, también en sus hilos y publicaciones.`,
  'watch.privately': 'Los enlaces van a cada autor por mensaje directo.',
  'watch.noContent':
    '⚠️ El bot funciona sin el intent Message Content, así que no ve los adjuntos de los canales vigilados hasta que un admin del bot active «Message Content Intent» en el portal de desarrolladores de Discord y lo reinicie.',
  'watch.none': 'No se vigila ningún canal. Añade uno con `/imgpile vigilar añadir`.',
  'watch.list': 'Canales vigilados:',
  'watch.line': (p) => `<#${p.channelId}>: ${p.mode}, ${visibilityWord(p.visibility)}`,
  'watch.paused': (p) =>
    `⏸️ en pausa (${p.reason}): vuelve a añadirlo para reanudar cuando esté arreglado`,
  'watch.lost': (p) => `⚠️ el bot ha perdido ${names(p.missing)} allí`,
  'watch.gone': '⚠️ el bot ya no puede ver este canal',
  'watch.unseen': (p, f) =>
    f.count(p.count, {
      one: '…y # canal vigilado que no puedes ver',
      other: '…y # canales vigilados que no puedes ver',
    }),
  'watch.removed': (p) => `Ya no se vigila <#${p.channelId}>.`,
  'watch.notWatched': (p) => `<#${p.channelId}> no estaba vigilado.`,
  'pause.lost': (p) => `el bot ha perdido ${names(p.missing)} en <#${p.channelId}>`,
  'pause.refused': (p, f) =>
    `Discord rechazó al bot ${f.num(p.refusals)} veces en 10 minutos en <#${p.channelId}>`,
  'pause.notice': (p) =>
    `He pausado la vigilancia de <#${p.channelId}>: ${p.reason}. Dale al bot lo que necesita allí (ajustes del canal → Permisos) y usa \`/imgpile vigilar añadir\` para <#${p.channelId}> para reanudarla.`,

  'catchup.summary': (p, f) =>
    `Mientras el bot no estaba, se publicaron aquí ${f.num(p.replied + p.quiet)} mensajes con archivos: respondió a los ${f.num(p.replied)} primeros; ` +
    f.count(p.quiet, {
      '=1': 'el restante también se ha subido, marcado con una reacción en lugar de una respuesta.',
      other:
        'los # restantes también se han subido, marcados con una reacción en lugar de una respuesta.',
    }),
  'backfill.started': (p) =>
    `Ha empezado la subida del historial de <#${p.channelId}>: su progreso se muestra allí.`,
  'backfill.already': (p) =>
    `El historial de <#${p.channelId}> ya se está subiendo: detenlo primero con \`/imgpile vigilar detener-historial\`.`,
  'backfill.cannotRead': (p) =>
    `Tú no puedes leer el historial de <#${p.channelId}>, así que no puedes subirlo: la subida del historial sube lo que se publicó allí.`,
  'backfill.badSince': (p) =>
    `\`${p.since}\` no es ni una fecha (2024-05-31) ni un enlace a un mensaje de ese canal.`,
  'backfill.notRunning': (p) => `No se está subiendo el historial de <#${p.channelId}>.`,
  'backfill.stopped': (p) => `Se ha detenido la subida del historial de <#${p.channelId}>.`,
  'backfill.heading': (p) =>
    `**Historial** de imágenes y vídeos de este canal, ${p.order === 'newest' ? 'los más recientes primero' : 'los más antiguos primero'}${p.since ? `, hasta ${p.since}` : ''}`,
  'backfill.counts': (p, f) =>
    `${f.num(p.found)} archivos encontrados · ${f.num(p.queued)} subidos · ${f.num(p.skipped)} omitidos (ya subidos o rechazados) · ${f.num(p.left)} aún en la cola`,
  'backfill.estimate': (p, f) =>
    f.count(p.minutes, {
      '=0': 'Todavía leyendo el historial…',
      one: 'Queda alrededor de # minuto para lo que está en la cola.',
      other: 'Quedan alrededor de # minutos para lo que está en la cola.',
    }),
  'backfill.paused': (p, f) =>
    `⏸️ En pausa: la cuota diaria de este servidor se ha agotado. Se reanudará sola ${f.relative(p.until)}.`,
  'backfill.resumed': (p, f) =>
    `▶️ Reanudado ${f.relative(p.at)}, cuando se renovó la cuota diaria del servidor.`,
  'backfill.done': '✅ Listo: se ha leído todo el historial pedido.',
  'backfill.stoppedNote': '⏹️ Detenido.',
  'backfill.failed': '❌ Finalizado: el bot ya no puede leer este canal.',
  'backfill.stop': 'Detener',
  'settings.serverOnly': 'Los ajustes son de los servidores en los que está el bot.',
  'settings.summary': (p) =>
    `Respuestas: **${p.replies}** (${REPLIES[p.replies]}).\nCuentas: **${p.accounts}** (${policyMeaning(p.accounts)}).\nMensajes borrados: **${p.deleted}** (${DELETED[p.deleted]}).`,

  'quota.title': 'Archivos subidos hoy',
  'quota.you': 'Tú',
  'quota.server': 'Este servidor',
  'quota.botAccount': 'La cuenta de imgpile del bot',
  'quota.ownAccount': (p) =>
    `Tu cuenta de imgpile (${p.username})${p.broken ? ', no funciona' : ''}`,
  'quota.footer': 'Los límites se restablecen a medianoche UTC',
  'quota.usage': (p, f) =>
    `${f.num(p.used)} de ${f.num(p.limit)} (quedan ${f.num(Math.max(0, p.limit - p.used))})`,
  'quota.none': 'n/d',
  'quota.resets': (p, f) => `Se restablece ${f.relative(p.at)}.`,
  'quota.policy': (p) => `Este servidor: ${policyPhrase(p.accounts)}.`,
  'quota.refused': (p, f) => {
    const held = p.inProgress > 0 ? `; ${f.num(p.inProgress)} descargándose ahora` : '';
    return `Archivos rechazados: ${f.num(p.used)} de ${f.num(p.limit)} (quedan ${f.num(Math.max(0, p.limit - p.used))}${held}). Cuentan los archivos que no son imágenes ni vídeos y los enlaces que fallan: al llegar a ${f.num(p.limit)}, tus subidas se detienen hasta que se restablezca.`;
  },
} satisfies TranslationOf<typeof en>;
