import type { Act } from '../en/accounts.js';
import type { accounts as en } from '../en/accounts.js';
import type { TranslationOf } from '../catalogue.js';
import { LINK_HINT, policyPhrase } from './words.js';

/** What a member may not do as themselves: completes "daher kannst du …". */
const CANNOT: Record<Act, string> = {
  voteCommentFollow: 'nicht abstimmen, kommentieren oder folgen',
  vote: 'nicht abstimmen',
  comment: 'nicht kommentieren',
  follow: 'nicht folgen',
  deleteFiles: 'diese Dateien nicht löschen',
  deleteFile: 'keine Datei löschen',
  deletePost: 'keinen Post löschen',
  changePost: 'deinen eigenen Post nicht ändern',
  changeMedia: 'deine eigenen Medien nicht ändern',
  listOwn: 'dein eigenes Konto nicht auflisten',
};

/** What a member asked to do as themselves: completes "um selbst …". */
const TO: Record<Act, string> = {
  voteCommentFollow: 'abzustimmen, zu kommentieren oder zu folgen',
  vote: 'abzustimmen',
  comment: 'zu kommentieren',
  follow: 'zu folgen',
  deleteFiles: 'diese Dateien zu löschen',
  deleteFile: 'eine Datei zu löschen',
  deletePost: 'einen Post zu löschen',
  changePost: 'deinen eigenen Post zu ändern',
  changeMedia: 'deine eigenen Medien zu ändern',
  listOwn: 'dein eigenes Konto aufzulisten',
};

const OWN_ONLY = 'Dieser Server lädt in die eigenen imgpile-Konten der Mitglieder hoch';

export const accounts = {
  'account.forbiddenOwn': 'imgpile hat das für dein imgpile-Konto nicht erlaubt.',
  'act.off': (p) =>
    `Das Verknüpfen von imgpile-Konten ist bei diesem Bot ausgeschaltet, daher kannst du hier ${CANNOT[p.act]}.`,
  'act.unlinked': (p) =>
    `Verknüpfe zuerst dein imgpile-Konto, um selbst ${TO[p.act]}: ${LINK_HINT}.`,
  'act.broken': (p) =>
    `imgpile hat den Token deines verknüpften Kontos abgelehnt, daher kannst du ${CANNOT[p.act]}, bis du es neu verknüpfst: ${LINK_HINT}.`,
  'act.unreadable': (p) =>
    `Dein verknüpftes imgpile-Konto konnte nicht gelesen werden, daher kannst du ${CANNOT[p.act]}: Verknüpfe es neu mit ${LINK_HINT}.`,
  'account.tokenRefused': `imgpile hat den Token deines verknüpften Kontos abgelehnt, daher ist es als defekt markiert. Verknüpfe es neu mit ${LINK_HINT}.`,

  'account.statusBroken': `⚠️ imgpile hat seinen Token abgelehnt, daher wird es nicht genutzt: Deine Dateien landen im Konto des Bots, wo ein Server das erlaubt. Verknüpfe es neu mit ${LINK_HINT}.`,
  'account.statusUnreadable': `⚠️ Der Bot kann seinen Token nicht mehr lesen (sein Schlüssel hat sich geändert), daher wird es nicht genutzt: Deine Dateien landen im Konto des Bots, wo ein Server das erlaubt. Verknüpfe es neu mit ${LINK_HINT}.`,
  'account.noticeBroken': `Dein verknüpftes imgpile-Konto funktioniert nicht mehr: imgpile hat seinen Token abgelehnt. Bis du es neu verknüpfst (${LINK_HINT}), landen deine Dateien im imgpile-Konto des Bots.`,
  'account.noticeUnreadable': `Der Bot konnte dein verknüpftes imgpile-Konto nicht lesen: Sein Schlüssel hat sich seit der Verknüpfung geändert. Bis du es neu verknüpfst (${LINK_HINT}), landen deine Dateien im imgpile-Konto des Bots.`,

  'account.ownOnlyOff': `${OWN_ONLY}, aber das Verknüpfen von Konten ist bei diesem Bot ausgeschaltet. Es wurde nichts hochgeladen; ein Server-Admin kann \`/imgpile einstellungen konten\` ändern.`,
  'account.ownOnlySender': `${OWN_ONLY}, und das Konto der Person, die es gesendet hat, war nicht nutzbar. Es wurde nichts hochgeladen.`,
  'account.ownOnlyUnreadable': `Der Bot konnte dein verknüpftes imgpile-Konto nicht lesen (sein Schlüssel hat sich seit der Verknüpfung geändert), und dieser Server lädt in die eigenen Konten der Mitglieder hoch. Verknüpfe es neu mit ${LINK_HINT}. Es wurde nichts hochgeladen.`,
  'account.ownOnlyBroken': `Dein verknüpftes imgpile-Konto funktioniert nicht mehr (imgpile hat seinen Token abgelehnt), und dieser Server lädt in die eigenen Konten der Mitglieder hoch. Verknüpfe es neu mit ${LINK_HINT}. Es wurde nichts hochgeladen.`,
  'account.ownOnlyUnlinked': `${OWN_ONLY}: Verknüpfe deins mit ${LINK_HINT} und versuch es dann noch mal. Es wurde nichts hochgeladen.`,

  'account.off':
    'Das Verknüpfen von imgpile-Konten ist bei diesem Bot ausgeschaltet (der Betreiber hat keinen Schlüssel gesetzt), daher landen deine Dateien im imgpile-Konto des Bots.',
  'account.unlinked':
    'Dein imgpile-Konto ist getrennt und sein Token vergessen. Deine Dateien landen im imgpile-Konto des Bots, wo ein Server das erlaubt.',
  'account.noneToUnlink': 'Es war kein imgpile-Konto verknüpft.',
  'account.none': `Es ist kein imgpile-Konto verknüpft. Mit ${LINK_HINT} verknüpfst du deins.`,
  'account.here': (p) => `Auf diesem Server: ${policyPhrase(p.accounts)}.`,
  'account.linkedSince': (p, f) =>
    `Verknüpft mit dem imgpile-Konto **${p.username}** (seit ${f.relative(p.since)}). Der Token wird verschlüsselt gespeichert und nie angezeigt.`,

  'account.form.title': 'imgpile-Konto verknüpfen',
  'account.form.username': 'imgpile-Benutzername',
  'account.form.token': 'imgpile-API-Token',
  'account.form.tokenHint': 'Verschlüsselt gespeichert, nie wieder angezeigt. Jederzeit trennbar.',
  'account.badUsername': 'Das ist kein imgpile-Benutzername.',
  'account.badToken':
    'Das sieht nicht nach einem imgpile-API-Token aus: Es wurde nichts verknüpft.',
  'account.notTheirs': (p) =>
    `Dieser Token gehört nicht zum imgpile-Konto ${p.username} (imgpile zeigt es nicht als Eigentümer seiner Posts): Es wurde nichts verknüpft.`,
  'account.tokenNotAccepted':
    'imgpile hat diesen Token nicht akzeptiert: Es wurde nichts verknüpft.',
  'account.noSuchUser': (p) =>
    `Bei imgpile gibt es niemanden namens ${p.username}: Es wurde nichts verknüpft.`,
  'account.linked': (p) =>
    `Verknüpft mit dem imgpile-Konto **${p.username}**. Deine Uploads landen dort, wo ein Server das erlaubt (\`/imgpile einstellungen\`), und du kannst selbst abstimmen, kommentieren und folgen. \`/imgpile konto trennen\` vergisst den Token sofort.`,
} satisfies TranslationOf<typeof en>;
