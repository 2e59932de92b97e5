import type { TranslationOf } from '../catalogue.js';
import type { Permission, server as en } from '../en/server.js';
import { policyMeaning, policyPhrase, visibilityWord } from './words.js';

/** Discord's permissions by their names in its German settings. */
const PERMISSIONS: Record<Permission, string> = {
  ViewChannel: 'Kanal ansehen',
  SendMessages: 'Nachrichten senden',
  SendMessagesInThreads: 'Nachrichten in Threads senden',
  ReadMessageHistory: 'Nachrichtenverlauf anzeigen',
  AddReactions: 'Reaktionen hinzufügen',
};
const names = (missing: readonly Permission[]) => missing.map((p) => PERMISSIONS[p]).join(', ');

const REPLIES = {
  gallery: 'fertige Uploads werden als Galerie gezeigt',
  plain: 'fertige Uploads werden als einfache Links gezeigt',
} as const;

const DELETED = {
  keep: 'eine beobachtete, auf Discord gelöschte Nachricht behält ihre imgpile-Kopien und die Antwort des Bots',
  hide: 'bei einer beobachteten, auf Discord gelöschten Nachricht wird der imgpile-Post versteckt und die Antwort des Bots entfernt',
  delete:
    'bei einer beobachteten, auf Discord gelöschten Nachricht werden die imgpile-Kopien gelöscht und die Antwort des Bots entfernt',
} as const;

export const server = {
  'watch.serverOnly': 'Kanäle beobachten geht nur auf Servern, auf denen der Bot ist.',
  'watch.cannotSee': (p) =>
    `Du kannst <#${p.channelId}> selbst nicht sehen, daher kannst du ihn nicht beobachten: Eine Beobachtung lädt hoch, was dort gepostet wird.`,
  'watch.missing': (p) =>
    `Der Bot kann in <#${p.channelId}> nicht arbeiten: Ihm fehlt dort ${names(p.missing)}. Gib ihm das (Kanaleinstellungen → Berechtigungen) und füge die Beobachtung dann erneut hinzu.`,
  'watch.added': (p) =>
    `<#${p.channelId}> wird beobachtet (Modus ${p.mode}, ${visibilityWord(p.visibility)}): Jedes Bild und Video, das dort gepostet wird, auch in Threads und Posts, wird hochgeladen.`,
  'watch.privately': 'Die Links gehen per Direktnachricht an die jeweilige Person.',
  'watch.noContent':
    '⚠️ Der Bot läuft ohne den Message Content Intent und sieht daher keine Anhänge in beobachteten Kanälen, bis ein Admin des Bots im Discord Developer Portal „Message Content Intent“ einschaltet und ihn neu startet.',
  'watch.none':
    'Es wird kein Kanal beobachtet. Füge einen mit `/imgpile beobachten hinzufügen` hinzu.',
  'watch.list': 'Beobachtete Kanäle:',
  'watch.line': (p) => `<#${p.channelId}>: ${p.mode}, ${visibilityWord(p.visibility)}`,
  'watch.paused': (p) =>
    `⏸️ pausiert (${p.reason}): Füge ihn erneut hinzu, um fortzufahren, sobald es behoben ist`,
  'watch.lost': (p) => `⚠️ dem Bot fehlt dort jetzt ${names(p.missing)}`,
  'watch.gone': '⚠️ der Bot kann diesen Kanal nicht mehr sehen',
  'watch.unseen': (p, f) =>
    f.count(p.count, {
      one: '…und # beobachteter Kanal, den du nicht sehen kannst',
      other: '…und # beobachtete Kanäle, die du nicht sehen kannst',
    }),
  'watch.removed': (p) => `<#${p.channelId}> wird nicht mehr beobachtet.`,
  'watch.notWatched': (p) => `<#${p.channelId}> wurde nicht beobachtet.`,
  'pause.lost': (p) => `dem Bot fehlt jetzt ${names(p.missing)} in <#${p.channelId}>`,
  'pause.refused': (p, f) =>
    `Discord hat den Bot in <#${p.channelId}> in 10 Minuten ${f.num(p.refusals)}-mal abgewiesen`,
  'pause.notice': (p) =>
    `Ich habe die Beobachtung von <#${p.channelId}> pausiert: ${p.reason}. Gib dem Bot dort, was er braucht (Kanaleinstellungen → Berechtigungen), und führe dann \`/imgpile beobachten hinzufügen\` für <#${p.channelId}> aus, um fortzufahren.`,

  'catchup.summary': (p, f) =>
    `Während der Bot weg war, wurden hier ${f.num(p.replied + p.quiet)} Nachrichten mit Dateien gepostet: Auf die ersten ${f.num(p.replied)} hat er geantwortet; ` +
    f.count(p.quiet, {
      '=1': 'eine weitere ist ebenfalls hochgeladen und statt mit einer Antwort mit einer Reaktion markiert.',
      other:
        'die # weiteren sind ebenfalls hochgeladen und statt mit einer Antwort mit einer Reaktion markiert.',
    }),
  'backfill.started': (p) =>
    `Das Hochladen des Verlaufs von <#${p.channelId}> hat begonnen: Der Fortschritt wird dort angezeigt.`,
  'backfill.already': (p) =>
    `Der Verlauf von <#${p.channelId}> wird bereits hochgeladen: Stoppe das zuerst mit \`/imgpile beobachten verlauf-stoppen\`.`,
  'backfill.cannotRead': (p) =>
    `Du kannst den Verlauf von <#${p.channelId}> selbst nicht lesen, daher kannst du ihn nicht hochladen lassen: Das Hochladen des Verlaufs lädt hoch, was dort gepostet wurde.`,
  'backfill.badSince': (p) =>
    `\`${p.since}\` ist weder ein Datum (2024-05-31) noch ein Link zu einer Nachricht in diesem Kanal.`,
  'backfill.notRunning': (p) => `Der Verlauf von <#${p.channelId}> wird gerade nicht hochgeladen.`,
  'backfill.stopped': (p) => `Das Hochladen des Verlaufs von <#${p.channelId}> ist gestoppt.`,
  'backfill.heading': (p) =>
    `**Verlauf hochladen**: Bilder und Videos dieses Kanals, ${p.order === 'newest' ? 'neueste zuerst' : 'älteste zuerst'}${p.since ? `, zurück bis ${p.since}` : ''}`,
  'backfill.counts': (p, f) =>
    `${f.num(p.found)} Dateien gefunden · ${f.num(p.queued)} hochgeladen · ${f.num(p.skipped)} übersprungen (schon hochgeladen oder abgelehnt) · ${f.num(p.left)} noch in der Warteschlange`,
  'backfill.estimate': (p, f) =>
    f.count(p.minutes, {
      '=0': 'Der Verlauf wird noch gelesen…',
      one: 'Noch etwa # Minute für das, was in der Warteschlange ist.',
      other: 'Noch etwa # Minuten für das, was in der Warteschlange ist.',
    }),
  'backfill.paused': (p, f) =>
    `⏸️ Pausiert: Das Tageskontingent dieses Servers ist aufgebraucht. Es geht ${f.relative(p.until)} von selbst weiter.`,
  'backfill.resumed': (p, f) =>
    `▶️ ${f.relative(p.at)} fortgesetzt, als das Tageskontingent des Servers neu begann.`,
  'backfill.done': '✅ Fertig: Der gesamte gewünschte Verlauf wurde gelesen.',
  'backfill.stoppedNote': '⏹️ Gestoppt.',
  'backfill.failed': '❌ Beendet: Der Bot kann diesen Kanal nicht mehr lesen.',
  'backfill.stop': 'Stoppen',
  'settings.serverOnly': 'Einstellungen gehören zu Servern, auf denen der Bot ist.',
  'settings.summary': (p) =>
    `Antworten: **${p.replies}** (${REPLIES[p.replies]}).\nKonten: **${p.accounts}** (${policyMeaning(p.accounts)}).\nGelöschte Nachrichten: **${p.deleted}** (${DELETED[p.deleted]}).`,

  'quota.title': 'Heute hochgeladene Dateien',
  'quota.you': 'Du',
  'quota.server': 'Dieser Server',
  'quota.botAccount': 'Das imgpile-Konto des Bots',
  'quota.ownAccount': (p) =>
    `Dein imgpile-Konto (${p.username})${p.broken ? ', funktioniert nicht' : ''}`,
  'quota.footer': 'Limits werden um Mitternacht UTC zurückgesetzt',
  'quota.usage': (p, f) =>
    `${f.num(p.used)} von ${f.num(p.limit)} (${f.num(Math.max(0, p.limit - p.used))} übrig)`,
  'quota.none': 'k. A.',
  'quota.resets': (p, f) => `Zurückgesetzt ${f.relative(p.at)}.`,
  'quota.policy': (p) => `Dieser Server: ${policyPhrase(p.accounts)}.`,
  'quota.refused': (p, f) => {
    const held = p.inProgress > 0 ? `; ${f.num(p.inProgress)} werden gerade abgerufen` : '';
    return `Abgelehnte Dateien: ${f.num(p.used)} von ${f.num(p.limit)} (${f.num(Math.max(0, p.limit - p.used))} übrig${held}). Dateien, die keine Bilder oder Videos sind, und fehlgeschlagene Links zählen: Bei ${f.num(p.limit)} stoppen deine Uploads bis zur Zurücksetzung.`;
  },
} satisfies TranslationOf<typeof en>;
