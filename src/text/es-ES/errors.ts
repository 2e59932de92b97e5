import type { TranslationOf } from '../catalogue.js';
import type { errors as en } from '../en/errors.js';

/** A lower layer's clause as a sentence: imgpile keeps its lower-case name, all else is capitalised. */
const sentence = (clause: string) =>
  clause.startsWith('imgpile') ? `${clause}.` : `${clause[0]!.toUpperCase()}${clause.slice(1)}.`;

const FOR = {
  account: 'la cuenta de imgpile del bot',
  linked: 'tu propia cuenta de imgpile',
  guild: 'este servidor',
  user: 'ti',
  refusals: 'ti',
} as const;

export const errors = {
  'error.generic':
    'Algo ha fallado por nuestra parte y ha quedado registrado. Inténtalo de nuevo más tarde.',
  'error.storageDown':
    'El almacenamiento del bot no está disponible ahora mismo, así que no se ha puesto nada en cola. Inténtalo de nuevo en un minuto.',
  'error.queuedOrNot':
    'El almacenamiento del bot dejó de responder justo cuando se envió tu solicitud, así que puede que se haya puesto en cola. Si es así, su resultado llegará aquí como siempre; si no llega nada en unos minutos, inténtalo de nuevo.',
  'error.imgpileRetryIn': (p, f) =>
    `${f.say(p.reason)}. Inténtalo de nuevo en ${f.num(p.seconds)} segundos.`,
  'error.imgpileRetry': (p, f) => `${f.say(p.reason)}. Inténtalo de nuevo en un minuto.`,
  'error.imgpile': (p, f) => sentence(f.say(p.reason)),
  'error.staleButton': 'Ese botón está desactualizado.',
  'error.unreadableRequest': 'No se pudo leer esa solicitud: no se ha subido nada.',

  'busy.tryIn': (p, f) => `${f.say(p.busy)} Inténtalo de nuevo en ${f.num(p.seconds)} segundos.`,
  'busy.ownShare': (p, f) =>
    `Has gastado tu parte de lecturas de imgpile por ahora. Inténtalo de nuevo en ${f.num(p.seconds)} segundos.`,
  'busy.bot': 'El bot ha llegado al límite de solicitudes de imgpile.',
  'busy.member': 'Tu cuenta de imgpile ha llegado a su límite de solicitudes.',
  'busy.reads': 'El presupuesto de solicitudes a imgpile se ha agotado por ahora.',
  'busy.feed': 'El feed de imgpile está saturado.',
  'busy.token': 'Ese token ha llegado a su límite de solicitudes.',
  'busy.linkTries': (p, f) =>
    `Has intentado vincular una cuenta ${f.num(p.tries)} veces en ${f.num(p.minutes)} minutos.`,

  'quota.refusals': (p, f) =>
    `Hoy se han rechazado demasiados archivos tuyos (${f.num(p.limit)}: archivos que no son imágenes ni vídeos, enlaces que fallan o archivos que imgpile no acepta). Podrás volver a subir ${f.relative(p.resetsAt)}.`,
  'quota.usedUp': (p, f) =>
    `Se ha agotado el límite diario de ${f.num(p.limit)} archivos para ${FOR[p.scope]}. Se restablece ${f.relative(p.resetsAt)}.`,
  'quota.tooMany': (p, f) =>
    `Son ${f.num(p.requested)} archivos, pero solo quedan ${f.num(p.remaining)} de los ${f.num(p.limit)} diarios para ${FOR[p.scope]}. El límite se restablece ${f.relative(p.resetsAt)}.`,
} satisfies TranslationOf<typeof en>;
