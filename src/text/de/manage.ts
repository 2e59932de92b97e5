import type { TranslationOf } from '../catalogue.js';
import type { manage as en } from '../en/manage.js';
import { KIND_WORD, visibilityWord } from './words.js';

/** "Diese Datei", "Dieser Post"; as an object: "diese Datei", "diesen Post". */
const THIS = { media: 'Diese Datei', post: 'Dieser Post' } as const;
const THIS_OBJECT = { media: 'diese Datei', post: 'diesen Post' } as const;

export const manage = {
  'manage.notThroughBot': (p) =>
    `${THIS[p.kind]} wurde nicht über diesen Bot hochgeladen und kann daher nicht von hier aus geändert werden.`,
  'manage.notUploader': (p) =>
    `Nur wer ${THIS_OBJECT[p.kind]} hochgeladen hat oder ein Mitglied mit „Nachrichten verwalten“ auf dem Server, von dem aus hochgeladen wurde, kann das ändern.`,
  'manage.needManageServerWatch':
    'Du brauchst die Berechtigung „Server verwalten“, um zu ändern, welche Kanäle beobachtet werden.',
  'manage.needManageServerSettings':
    'Du brauchst die Berechtigung „Server verwalten“, um die Einstellungen zu ändern.',
  'manage.notASlug': 'Das ist kein imgpile-Slug (die 7 Zeichen nach /p/ in einem Link).',
  'manage.notYoursOnImgpile': (p) => `${THIS[p.kind]} gehört auf imgpile nicht dir.`,
  'manage.notYours': (p) => `${THIS[p.kind]} gehört nicht dir.`,
  'manage.deleted': (p) => `${KIND_WORD[p.kind]} \`${p.slug}\` gelöscht.`,
  'manage.nothingToChange':
    'Nichts zu ändern: Gib einen Titel, eine Beschreibung, eine Sichtbarkeit oder nsfw an.',
  'manage.nothingToChangeMedia': 'Nichts zu ändern: Gib einen Titel oder eine Beschreibung an.',
  'manage.updatedMedia': (p) => `Datei \`${p.slug}\` aktualisiert.`,
  'manage.onlyMaker':
    'Nur die Person, für die der Bot diesen Post erstellt hat, kann seine Dateien ändern (Moderatoren können ihn bearbeiten oder löschen).',
  'manage.otherAccountsPost':
    'Dieser Post gehört einem anderen imgpile-Konto, nicht dem, das du verknüpft hast: Dateien lassen sich nur zu Posts deines verknüpften Kontos hinzufügen.',
  'manage.makerOnlyPrivacy':
    'Nur die Person, für die der Bot diesen Post erstellt hat, kann seine Sichtbarkeit ändern oder die Markierung als nicht jugendfrei entfernen (Moderatoren können Titel und Beschreibung bearbeiten, ihn als nicht jugendfrei markieren oder löschen).',
  'manage.markAdultFirst':
    'Dateien aus einem altersbeschränkten Kanal oder als Spoiler markierte Dateien sind nicht jugendfrei: Markiere den Post zuerst als nicht jugendfrei (`/imgpile post bearbeiten`, nsfw = True) und füge sie dann hinzu.',
  'manage.botAccountsPost':
    'Dieser Post gehört dem imgpile-Konto des Bots, und deine Dateien gehen jetzt an das Konto, das du verknüpft hast: imgpile fügt Dateien nur zu einem Post desselben Kontos hinzu.',
  'manage.linkedAccountsPost':
    'Dieser Post gehört deinem verknüpften imgpile-Konto, aber dieser Server schickt Dateien an das Konto des Bots: imgpile fügt Dateien nur zu einem Post desselben Kontos hinzu.',
  'manage.badOrder': (p, f) =>
    `Gib Dateinummern von 1 bis ${f.num(p.count)} an, jede höchstens einmal, getrennt durch Leerzeichen oder Kommas (z. B. „3 1“).`,
  'manage.sameOrder': 'Die Dateien sind schon in dieser Reihenfolge: Es wurde nichts geändert.',
  'manage.updatedPrivate': (p) =>
    `Aktualisiert. Der Post ist privat; sein Link mit Schlüssel: ${p.url}`,
  'manage.updated': (p) => `Aktualisiert: ${p.url}`,
  'manage.pending':
    'imgpile hat diesen Post noch nicht fertig geprüft: Sieh ihn dir in einem altersbeschränkten Kanal oder später an.',
  'manage.adultPost':
    'Dieser Post ist als Inhalt für Erwachsene markiert: Sieh ihn dir in einem altersbeschränkten Kanal an.',
  'manage.adultHidden': (p, f) =>
    f.count(p.count, {
      one: '# Datei für Erwachsene wird hier nicht angezeigt.',
      other: '# Dateien für Erwachsene werden hier nicht angezeigt.',
    }),
  'manage.visibility': (p) =>
    `Sichtbarkeit: ${visibilityWord(p.visibility)}${p.keyUrl ? ` (Link mit Schlüssel: ${p.keyUrl})` : ''}`,

  'delete.unknown': 'Diese Dateien kennt der Bot nicht mehr: Hier gibt es nichts zu löschen.',
  'delete.notOwner': 'Nur wer diese Dateien hochgeladen hat, kann sie löschen.',
  'delete.notTheirs':
    'Laut imgpile gehören diese Dateien nicht deinem verknüpften Konto: Wurden sie mit einem Konto erstellt, das du früher verknüpft hattest?',
  'delete.done': 'Von imgpile gelöscht.',
  'delete.kept': 'Es wurde nichts gelöscht.',
  'delete.ask': (p, f) => {
    const files = f.count(p.files, { one: '# Datei', other: '# Dateien' });
    return `${p.post ? `Den Post und seine ${files}` : files} von imgpile löschen? Das lässt sich nicht rückgängig machen.`;
  },
  'delete.button': 'Löschen',
  'delete.cancel': 'Abbrechen',
} satisfies TranslationOf<typeof en>;
