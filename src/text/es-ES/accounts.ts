import type { TranslationOf } from '../catalogue.js';
import type { Act, accounts as en } from '../en/accounts.js';
import { LINK_HINT, policyPhrase } from './words.js';

/** What a member asked to do as themselves: completes "no puedes …". */
const ACTS: Record<Act, string> = {
  voteCommentFollow: 'votar, comentar ni seguir',
  vote: 'votar',
  comment: 'comentar',
  follow: 'seguir',
  deleteFiles: 'borrar estos archivos',
  deleteFile: 'borrar un archivo',
  deletePost: 'borrar una publicación',
  changePost: 'cambiar tu propia publicación',
  changeMedia: 'cambiar tus propios archivos',
  listOwn: 'listar tu propia cuenta',
};
/** The same, after "para …" (an affirmative list). */
const TO: Record<Act, string> = { ...ACTS, voteCommentFollow: 'votar, comentar o seguir' };

const OWN_ONLY = 'Este servidor sube los archivos a las cuentas de imgpile de cada miembro';

export const accounts = {
  'account.forbiddenOwn': 'imgpile no lo permitió para tu cuenta de imgpile.',
  'act.off': (p) =>
    `Vincular cuentas de imgpile está desactivado en este bot, así que aquí no puedes ${ACTS[p.act]}.`,
  'act.unlinked': (p) =>
    `Para ${TO[p.act]} con tu propia cuenta, primero vincula tu cuenta de imgpile: ${LINK_HINT}.`,
  'act.broken': (p) =>
    `imgpile rechazó el token de tu cuenta vinculada, así que no puedes ${ACTS[p.act]} hasta que la vuelvas a vincular: ${LINK_HINT}.`,
  'act.unreadable': (p) =>
    `No se pudo leer tu cuenta de imgpile vinculada, así que no puedes ${ACTS[p.act]}: vuelve a vincularla con ${LINK_HINT}.`,
  'account.tokenRefused': `imgpile rechazó el token de tu cuenta vinculada, así que se ha marcado como rota. Vuelve a vincularla con ${LINK_HINT}.`,

  'account.statusBroken': `⚠️ imgpile rechazó su token, así que no se usa: tus archivos van a la cuenta del bot donde un servidor lo permite. Vuelve a vincularla con ${LINK_HINT}.`,
  'account.statusUnreadable': `⚠️ El bot ya no puede leer su token (su clave de cifrado cambió), así que no se usa: tus archivos van a la cuenta del bot donde un servidor lo permite. Vuelve a vincularla con ${LINK_HINT}.`,
  'account.noticeBroken': `Tu cuenta de imgpile vinculada ya no funciona: imgpile rechazó su token. Hasta que la vuelvas a vincular (${LINK_HINT}), tus archivos van a la cuenta de imgpile del bot.`,
  'account.noticeUnreadable': `El bot no pudo leer tu cuenta de imgpile vinculada: su clave de cifrado cambió desde que la vinculaste. Hasta que la vuelvas a vincular (${LINK_HINT}), tus archivos van a la cuenta de imgpile del bot.`,

  'account.ownOnlyOff': `${OWN_ONLY}, pero vincular cuentas está desactivado en este bot. No se ha subido nada; un admin del servidor puede cambiar \`/imgpile ajustes cuentas\`.`,
  'account.ownOnlySender': `${OWN_ONLY}, y la de quien lo envió no se pudo usar. No se ha subido nada.`,
  'account.ownOnlyUnreadable': `El bot no pudo leer tu cuenta de imgpile vinculada (su clave de cifrado cambió desde que la vinculaste), y este servidor sube a las cuentas de cada miembro. Vuelve a vincularla con ${LINK_HINT}. No se ha subido nada.`,
  'account.ownOnlyBroken': `Tu cuenta de imgpile vinculada ya no funciona (imgpile rechazó su token), y este servidor sube a las cuentas de cada miembro. Vuelve a vincularla con ${LINK_HINT}. No se ha subido nada.`,
  'account.ownOnlyUnlinked': `${OWN_ONLY}: vincula la tuya con ${LINK_HINT} y vuelve a intentarlo. No se ha subido nada.`,

  'account.off':
    'Vincular cuentas de imgpile está desactivado en este bot (su operador no ha configurado una clave de cifrado), así que tus archivos van a la cuenta de imgpile del bot.',
  'account.unlinked':
    'Tu cuenta de imgpile está desvinculada y su token olvidado. Tus archivos van a la cuenta de imgpile del bot donde un servidor lo permite.',
  'account.noneToUnlink': 'No había ninguna cuenta de imgpile vinculada.',
  'account.none': `No hay ninguna cuenta de imgpile vinculada. ${LINK_HINT} vincula la tuya.`,
  'account.here': (p) => `En este servidor: ${policyPhrase(p.accounts)}.`,
  'account.linkedSince': (p, f) =>
    `Vinculada a la cuenta de imgpile **${p.username}** (desde ${f.relative(p.since)}). El token se guarda cifrado y nunca se muestra.`,

  'account.form.title': 'Vincula tu cuenta de imgpile',
  'account.form.username': 'Nombre de usuario de imgpile',
  'account.form.token': 'Token de la API de imgpile',
  'account.form.tokenHint':
    'Se guarda cifrado; no se vuelve a mostrar. Desvincúlala cuando quieras.',
  'account.badUsername': 'Eso no es un nombre de usuario de imgpile.',
  'account.badToken': 'Eso no parece un token de la API de imgpile: no se ha vinculado nada.',
  'account.notTheirs': (p) =>
    `Ese token no es de la cuenta de imgpile ${p.username} (imgpile no la muestra como dueña de sus publicaciones): no se ha vinculado nada.`,
  'account.tokenNotAccepted': 'imgpile no aceptó ese token: no se ha vinculado nada.',
  'account.noSuchUser': (p) =>
    `imgpile no tiene ningún usuario llamado ${p.username}: no se ha vinculado nada.`,
  'account.linked': (p) =>
    `Vinculada a la cuenta de imgpile **${p.username}**. Tus subidas van ahí donde un servidor lo permite (\`/imgpile ajustes\`), y puedes votar, comentar y seguir con tu propia cuenta. \`/imgpile cuenta desvincular\` olvida el token al instante.`,
} satisfies TranslationOf<typeof en>;
