import type { TranslationOf } from '../catalogue.js';
import type { links as en } from '../en/links.js';

export const links = {
  'links.tooLong': 'Das ist zu lang für einen Slug oder einen imgpile-Link.',
  'links.notAscii':
    'Slugs und imgpile-Links bestehen nur aus Buchstaben und Ziffern: Dieser enthält andere Zeichen.',
  'links.notALink': 'Das ist weder ein imgpile-Slug noch ein Link, den der Bot lesen kann.',
  'links.otherHost': (p) =>
    `Hier funktionieren nur imgpiles eigene Links (${p.site}/p/… oder ${p.cdn}/f/…) oder ein einfacher Slug.`,
  'links.credentials':
    'Dieser Link enthält einen Benutzernamen oder ein Passwort: imgpile-Links tun das nie.',
  'links.badPath':
    'Dieser Link zeigt weder auf eine Post-Seite (/p/<slug>) noch auf eine Datei (/f/<slug>.<ext>).',
  'links.badKey': 'Der Schlüssel in diesem Link ist kein gültiger Zugriffsschlüssel.',
  'links.twoKeys':
    'Der Link enthält einen anderen Schlüssel als die Option schlüssel: Gib nur einen an.',
  'links.wrongKind': (p) =>
    p.want === 'post'
      ? 'Das ist ein Link zu einer Datei, nicht zu einem Post: Nutze `/imgpile medien` für Dateien oder gib den Post-Link an.'
      : 'Das ist ein Link zu einem Post, nicht zu einer Datei: Gib den Datei-Link oder ihren Slug an.',
  'complete.post': (p) => (p.title ? `${p.slug} · Post · ${p.title}` : `${p.slug} · Post`),
  'complete.media': (p) => (p.title ? `${p.slug} · Datei · ${p.title}` : `${p.slug} · Datei`),
  'complete.channel': (p) => `#${p.name}`,
  'complete.goneChannel': (p) => `${p.channelId} (Kanal nicht gefunden)`,
  'def.watch.remove.watched': 'Oder ein beobachteter Kanal aus der Liste (auch ein gelöschter)',
  'watch.removeWhich':
    'Gib den Kanal an oder wähle einen der beobachteten Kanäle: eins von beiden.',
} satisfies TranslationOf<typeof en>;
