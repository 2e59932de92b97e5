import type { TranslationOf } from '../catalogue.js';
import type { rehost as en } from '../en/rehost.js';

const PRIVATE_POST = {
  keySent: ' (privat: Der Link mit seinem Schlüssel wurde dir geschickt)',
  keyInView: ' (privat: Wer ihn hochgeladen hat, sieht den Schlüssel mit `/imgpile post ansehen`)',
} as const;

export const rehost = {
  'upload.notALink': (p) => `Das ist kein Link: \`${p.link}\`.`,
  'upload.nothing': 'Gib eine Datei oder einen Link zum Hochladen an.',
  'upload.tooMany': (p, f) =>
    `Das sind ${f.num(p.count)} Dateien und Links: höchstens ${f.num(p.max)} auf einmal.`,
  'menu.nothing': 'Diese Nachricht hat keine Anhänge oder Bildlinks zum Hochladen.',

  'rehost.queued': (p, f) =>
    f.count(p.count, { '=1': '⏳ Lade # Datei hoch…', other: '⏳ Lade # Dateien hoch…' }),
  'rehost.nothing': 'Es wurde nichts hochgeladen:',
  'rehost.noFallback':
    '-# Discord lässt den Bot diese Antwort nur 15 Minuten lang aktualisieren: Dauert es länger, findest du das Ergebnis mit `/imgpile meine`.',
  'rehost.progress': (p, f) =>
    `⏳ Lade ${p.name} hoch${p.total > 1 ? ` (Datei ${f.num(p.index + 1)} von ${f.num(p.total)})` : ''}: ${f.num(p.percent)} %`,
  'rehost.refused': (p) => `✖ ${p.name}: ${p.reason}`,
  'rehost.moreLines': (p, f) =>
    f.count(p.count, { one: '…und # weitere Zeile', other: '…und # weitere Zeilen' }),
  'rehost.moreFiles': (p, f) =>
    f.count(p.count, { one: '…und # weitere Datei', other: '…und # weitere Dateien' }),

  'result.noneOne': 'Die Datei konnte nicht hochgeladen werden.',
  'result.none': 'Keine der Dateien konnte hochgeladen werden.',
  'result.all': (p, f) =>
    f.count(p.count, {
      '=1': 'Auf imgpile hochgeladen:',
      other: '# Dateien auf imgpile hochgeladen:',
    }),
  'result.some': (p, f) =>
    `${f.num(p.uploaded)} von ${f.num(p.total)} Dateien auf imgpile hochgeladen:`,
  'result.heading': (p, f) =>
    p.uploaded === p.total
      ? f.count(p.uploaded, {
          '=1': 'Auf imgpile hochgeladen',
          other: '# Dateien auf imgpile hochgeladen',
        })
      : `${f.num(p.uploaded)} von ${f.num(p.total)} Dateien auf imgpile hochgeladen`,
  'result.post': (p) => `**Post:** ${p.url}${p.private ? PRIVATE_POST[p.private] : ''}`,
  'result.noPost': (p) => `Es wurde kein Post erstellt: ${p.reason}.`,
  'result.firstShown': (p, f) => `-# Die ersten ${f.num(p.count)} werden angezeigt.`,
  'result.openPost': 'Post öffnen',
  'result.delete': 'Löschen',

  'delivery.privateSent': (p) =>
    `Privat hochgeladen: Die Links wurden <@${p.userId}> per Direktnachricht geschickt.`,
  'delivery.privateNotSent': (p) =>
    `Privat hochgeladen, aber Discord lässt mich <@${p.userId}> keine Direktnachricht schicken: Du findest es mit \`/imgpile meine\`.`,
  'delivery.finished': (p) => `<@${p.userId}>, dein Upload ist fertig.`,
  'delivery.finishedPrivateSent': (p) =>
    `<@${p.userId}>, dein Upload ist fertig: Er ist privat, daher wurden dir seine Links per Direktnachricht geschickt.`,
  'delivery.finishedPrivateNotSent': (p) =>
    `<@${p.userId}>, dein Upload ist fertig, aber er ist privat und Discord lässt mich dir keine Direktnachricht schicken: Du findest ihn mit \`/imgpile meine\`.`,
  'delivery.dm': 'Dein Upload ist fertig.',
  'delivery.key': (p) => `Dein privater Post: ${p.url}`,
  'result.removedByImgpile': (p) =>
    `${p.name}: Die Moderation von imgpile hat die Datei entfernt; ihr Link funktioniert nicht mehr.`,
  'find.notALink':
    'Das ist weder ein Discord-Anhangslink noch ein Nachrichtenlink. Füge den Link einer Datei (Rechtsklick → Link kopieren) oder einer Nachricht (Nachrichtenlink kopieren) ein.',
  'find.none':
    'Der Bot hat davon keine imgpile-Kopie gemacht. Die Frage lädt nichts hoch: Nutze das Nachrichtenmenü **Auf imgpile hochladen** oder `/imgpile hochladen link:`, um es hochzuladen.',
  'find.noneYouCanSee': 'Davon gibt es keine imgpile-Kopie, die du sehen kannst.',
  'find.adultElsewhere':
    'Diese Kopie ist nicht jugendfrei (sie stammt aus einem altersbeschränkten Kanal): Frag in einem altersbeschränkten Kanal.',
  'find.found': (p) => `Die imgpile-Kopie, die der Bot gemacht hat:\n${p.links}`,
  'find.offer':
    'Der Bot hat davon keine imgpile-Kopie gemacht. Die Frage lädt nichts hoch; drücke **Jetzt hochladen**, um das Original jetzt hochzuladen.',
  'find.rehostButton': 'Jetzt hochladen',
  'find.notYourButton': 'Nur das Mitglied, das gefragt hat, kann diesen Knopf benutzen.',
  'find.gone':
    'Diese Datei oder Nachricht ist nicht mehr auf Discord und kann nicht mehr hochgeladen werden.',
  'find.rehosting': 'Das Original wird hochgeladen…',
  'sizes.xs': 'Links: xs',
  'sizes.sm': 'sm',
  'sizes.md': 'md',
  'sizes.lg': 'lg',
  'sizes.xl': 'xl',
  'sizes.links': (p) =>
    `Direktlinks in ${p.size} (ein Video liefert sein Standbild; imgpile erstellt die Größen kurz nach dem Hochladen):\n${p.links}`,
  'sizes.none': 'Diese Nachricht enthält keine Direktlinks zu imgpile-Dateien.',
} satisfies TranslationOf<typeof en>;
