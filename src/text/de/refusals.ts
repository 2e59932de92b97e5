import type { TranslationOf } from '../catalogue.js';
import type { AddressClass } from '../en/refusals.js';
import type { refusals as en } from '../en/refusals.js';
import type { Format } from '../format.js';
import { LINK_HINT } from './words.js';

/** A size as the bot's limits are said: Bytes, KB (rounded), MB (one decimal unless whole). */
function size(n: number, f: Format): string {
  const MB = 1024 * 1024;
  if (n >= MB) return `${f.num(n / MB, n % MB === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${f.num(Math.round(n / 1024))} KB`;
  return `${f.num(n)} Bytes`;
}

const ADDRESS: Record<AddressClass, string> = {
  unspecified: 'eine unspezifizierte',
  loopback: 'eine Loopback-',
  private: 'eine private Netzwerk-',
  shared: 'eine Carrier-Grade-NAT-',
  'link-local': 'eine Link-Local-',
  metadata: 'eine Cloud-Metadaten-',
  multicast: 'eine Multicast-',
  broadcast: 'eine Broadcast-',
  documentation: 'eine Dokumentations-',
  benchmarking: 'eine Benchmarking-',
  reserved: 'eine reservierte',
};

/** "eine private Netzwerk-" + "Adresse", "eine reservierte" + " Adresse". */
const address = (c: AddressClass) =>
  ADDRESS[c].endsWith('-') ? `${ADDRESS[c]}Adresse` : `${ADDRESS[c]} Adresse`;

export const refusals = {
  'refusal.tooLarge': (p, f) => `die Datei ist größer als ${size(p.limit, f)}`,
  'refusal.largerThanAnnounced': 'die Datei ist größer als angekündigt',
  'refusal.empty': 'die Datei ist leer',
  'refusal.notMedia': 'dieser Dateityp wird nicht angenommen (nur Bilder und Videos)',
  'refusal.notDiscordAttachment': 'dieser Link ist kein Discord-Anhang',
  'refusal.expired': 'der Discord-Link ist abgelaufen und konnte nicht erneuert werden',
  'refusal.cdnRefused': (p, f) =>
    `Discords CDN hat den Download verweigert (HTTP ${f.num(p.status)})`,
  'refusal.retriesExhausted':
    'konnte nach mehreren Versuchen nicht hochgeladen werden (imgpile oder Discord war nicht erreichbar); versuch es später noch mal',
  'refusal.refusalsSpent':
    'nicht abgerufen: Heute wurden zu viele deiner Dateien abgelehnt (Zurücksetzung um Mitternacht UTC)',
  'refusal.siteUnreachable': 'die Seite des Links war nach mehreren Versuchen nicht erreichbar',
  'refusal.linksOff': 'das Hochladen von Links ist bei diesem Bot ausgeschaltet (URL_REHOST)',
  'refusal.withdrawn':
    'zusammen mit dem Post wieder gelöscht, der nicht wie gewünscht erstellt werden konnte',

  'refusal.invalidLink': 'das ist kein gültiger Link',
  'refusal.httpOnly': 'nur http- und https-Links können hochgeladen werden',
  'refusal.httpsOnly': 'nur https-Links können hochgeladen werden',
  'refusal.credentials': 'Links mit Benutzername oder Passwort werden nicht angenommen',
  'refusal.siteNotAccepted': 'Links zu dieser Seite werden hier nicht angenommen',
  'refusal.address': (p) => `dieser Link zeigt auf ${address(p.class)}, und das ist nicht erlaubt`,
  'refusal.siteNotFound': 'die Seite dieses Links wurde nicht gefunden',
  'refusal.nameServerSilent':
    'die Seite dieses Links hat nicht geantwortet: Ihr Nameserver schweigt',
  'refusal.tooSlowTotal': (p, f) =>
    `die Seite ist zu langsam: Der Download dauerte länger als ${f.num(p.minutes)} Minuten`,
  'refusal.tooSlowRate': (p, f) =>
    `die Seite ist zu langsam: Sie sendete weniger als ${f.num(p.kbPerSecond)} KB pro Sekunde`,
  'refusal.badCertificate': 'das HTTPS-Zertifikat der Seite ist ungültig',
  'refusal.siteRefused': (p, f) =>
    `die Seite hat den Download verweigert (HTTP ${f.num(p.status)})`,
  'refusal.redirectToNowhere': 'die Seite hat mit einer Weiterleitung ins Nichts geantwortet',
  'refusal.redirectInvalid': 'die Seite hat auf einen ungültigen Link weitergeleitet',
  'refusal.tooManyRedirects': (p, f) => `der Link leitet öfter als ${f.num(p.max)}-mal weiter`,

  'refusal.accountOff':
    'das Verknüpfen von imgpile-Konten wurde bei diesem Bot ausgeschaltet, bevor diese Datei gesendet wurde',
  'refusal.accountUnlinked': 'dein imgpile-Konto wurde getrennt, bevor diese Datei gesendet wurde',
  'refusal.accountBroken': `imgpile hat den Token deines verknüpften Kontos abgelehnt; verknüpfe es neu mit ${LINK_HINT}`,
  'refusal.accountUnreadable': `dein verknüpftes imgpile-Konto konnte nicht gelesen werden (der Schlüssel des Bots hat sich geändert); verknüpfe es neu mit ${LINK_HINT}`,
  'refusal.linkedTokenRefused': 'imgpile hat den Token des verknüpften Kontos abgelehnt',
  'refusal.senderAccountUnusable':
    'das verknüpfte imgpile-Konto der Person, die es gesendet hat, war nicht nutzbar',

  'imgpile.banned': 'imgpile hat diese Datei abgelehnt (sie entspricht einer gesperrten Datei)',
  'imgpile.typeNotAccepted': 'imgpile nimmt diesen Dateityp nicht an',
  'imgpile.tooLarge': 'die Datei ist zu groß für imgpile',
  'imgpile.rejected': (p) => `imgpile hat das abgelehnt: ${p.detail}`,
  'imgpile.tokenRefused':
    'der Bot kommt gerade nicht an imgpile heran; sein Betreiber wurde benachrichtigt',
  'imgpile.notOwner': 'imgpile hat das nicht erlaubt: Es gehört nicht dem Konto des Bots',
  'imgpile.forbiddenOwn': 'imgpile hat das für dein eigenes imgpile-Konto nicht erlaubt',
  'imgpile.notFound':
    'imgpile hat unter diesem Slug nichts (oder es ist privat und braucht seinen Schlüssel)',
  'imgpile.invalidInput':
    'das ist kein gültiger imgpile-Slug, keine gültige ID und kein gültiger Schlüssel (es wurde nichts gesendet)',
  'imgpile.unexpected': 'imgpile hat unerwartet geantwortet',
  'imgpile.slowDown': 'imgpile hat den Bot gebeten, langsamer zu machen',
  'imgpile.interrupted': 'die Anfrage an imgpile wurde unterbrochen',
  'imgpile.unreachable': 'imgpile war nicht erreichbar',

  'post.inAnotherPost':
    'diese Dateien sind auf imgpile schon in einem anderen Post, und imgpile hält jede Datei in nur einem Post',
  'post.withdrawn': (p) => {
    const as = p.visibility
      ? `${p.visibility === 'private' ? 'privat' : 'versteckt'}${p.nsfw ? ' und nur für Erwachsene' : ''}`
      : 'nur für Erwachsene';
    return `imgpile wollte den Post nicht ${as} erstellen, daher wurde er gelöscht, samt der dafür hochgeladenen Dateien`;
  },
  'post.noMediaIds':
    'imgpile hat keine Medien-IDs zurückgegeben, daher konnte kein Post erstellt werden',
  'post.tryLater': (p, f) => `${f.say(p.reason)}; versuch es später noch mal`,
  'retry.download': 'die Datei konnte nicht heruntergeladen werden',
  'retry.cannotWithdraw':
    'ein Post, der nicht öffentlich bleiben darf, konnte nicht gelöscht werden',
  'post.lostWithdrawn':
    'imgpiles Antwort auf das Erstellen des Posts ging verloren und der Post war nicht wiederzufinden, daher wurden die dafür hochgeladenen Dateien gelöscht; versuch es noch mal',
} satisfies TranslationOf<typeof en>;
