import type { TranslationOf } from '../catalogue.js';
import type { browse as en } from '../en/browse.js';
import { KIND_THE, KIND_WORD } from './words.js';

const WHOSE = { own: 'in deinem imgpile-Konto', bot: 'mit dem imgpile-Konto des Bots' } as const;

export const browse = {
  'nav.previous': 'Zurück',
  'nav.next': 'Weiter',

  'post.untitled': 'Ohne Titel',
  'post.by': (p) => `von ${p.name}`,
  'post.score': (p, f) => `Punkte ${f.num(p.score)}`,
  'post.views': (p, f) => f.count(p.count, { one: '# Aufruf', other: '# Aufrufe' }),
  'post.files': (p, f) => f.count(p.count, { one: '# Datei', other: '# Dateien' }),
  'post.hiddenFiles': (p, f) =>
    `-# ${f.count(p.count, { one: '# Datei wird', other: '# Dateien werden' })} hier nicht angezeigt.`,
  'post.previewHidden': '-# Vorschau hier nicht angezeigt.',
  'post.moreLinks': (p, f) =>
    f.count(p.count, { one: '…und # weiterer Link', other: '…und # weitere Links' }),
  'post.open': 'Auf imgpile öffnen',
  'post.filesPage': (p, f) => `-# Dateien, Seite ${f.num(p.page)} von ${f.num(p.lastPage)}`,
  'post.viewExpired': 'Diese Ansicht ist abgelaufen. Führe `/imgpile post ansehen` erneut aus.',
  'post.viewNotYours':
    'Nur wer diese Ansicht geöffnet hat, kann darin blättern. Führe `/imgpile post ansehen` für deine eigene aus.',
  'feed.empty': 'Keine passenden Posts.',
  'feed.page': (p, f) => `Seite ${f.num(p.page)} von ${f.num(p.lastPage)}`,
  'feed.adultHere':
    'Inhalte für Erwachsene können nur in altersbeschränkten Kanälen gezeigt werden. Ruf den Feed hier ohne `nsfw` auf.',
  'feed.expired': 'Dieser Feed ist abgelaufen. Führe `/imgpile feed` erneut aus.',
  'feed.notYours':
    'Nur wer diesen Feed geöffnet hat, kann darin blättern. Führe `/imgpile feed` für deinen eigenen aus.',

  'profile.noUser': (p) => `Bei imgpile gibt es niemanden namens ${p.username}.`,
  'profile.posts': 'Posts',
  'profile.followers': 'Follower',
  'profile.following': 'Folgt',
  'profile.noPosts': 'Keine öffentlichen Posts.',
  'profile.media': 'Medien',
  'profile.emptyList': 'Hier ist nichts.',
  'profile.mediaLine': (p, f) => `${f.num(p.n)}. **${p.title}** · ${p.url}`,
  'profile.userLine': (p, f) => `${f.num(p.n)}. ${p.name}`,
  'profile.line': (p, f) => `${f.num(p.n)}. **${p.title}** · Punkte ${f.num(p.score)} · ${p.url}`,
  'profile.footer': (p, f) => `Neueste Posts, Seite ${f.num(p.page)} von ${f.num(p.lastPage)}`,

  'social.panel': (p, f) => {
    const mine =
      p.vote === 'up'
        ? ' Du hast hochgevotet.'
        : p.vote === 'down'
          ? ' Du hast runtergevotet.'
          : '';
    return `**${p.title}**${p.by === null ? '' : ` von ${p.by}`} · Punkte ${f.num(p.score)}.${mine}\n${p.url}`;
  },
  'social.voteBusy': 'Deine Stimme für diesen Post wird bereits gezählt.',
  'social.voteUnknown':
    'imgpile hat nicht verraten, ob du für diesen Post schon abgestimmt hast, daher wurde keine Stimme gesendet. Versuch es später noch mal.',
  'social.alreadyVoted': (p, f) =>
    `Du hast diesen Post bereits ${p.up ? 'hochgevotet' : 'runtergevotet'}; er hat ${f.num(p.score)} Punkte.`,
  'social.voted': (p, f) =>
    `${p.up ? 'Hochgevotet' : 'Runtergevotet'}: Der Post hat jetzt ${p.score === null ? '?' : f.num(p.score)} Punkte.`,
  'social.notVoted': (p, f) =>
    `Du hast keinen ${p.up ? 'Upvote' : 'Downvote'} auf diesem Post, den du zurücknehmen könntest; er hat ${f.num(p.score)} Punkte.`,
  'social.tookBack': (p, f) =>
    `Dein ${p.up ? 'Upvote' : 'Downvote'} ist zurückgenommen: Der Post hat jetzt ${p.score === null ? '?' : f.num(p.score)} Punkte.`,
  'social.follows': (p) => `Du folgst ${p.name} auf imgpile.`,
  'social.unfollowed': (p) => `Du folgst ${p.name} auf imgpile nicht mehr.`,
  'social.form.title': 'Auf imgpile kommentieren',
  'social.form.label': 'Dein Kommentar',
  'social.emptyComment': 'Ein leerer Kommentar wurde nicht gepostet.',
  'social.commented': (p) => `Dein Kommentar ist gepostet: ${p.url}`,
  'social.upvote': '▲ Hochvoten',
  'social.downvote': '▼ Runtervoten',
  'social.takeBackUp': '▲ Upvote zurücknehmen',
  'social.takeBackDown': '▼ Downvote zurücknehmen',
  'social.comment': '💬 Kommentieren',
  'social.open': 'Abstimmen, kommentieren',
  'social.follow': (p) => `${p.username} folgen`,
  'social.unfollow': (p) => `${p.username} entfolgen`,

  'comments.button': '💬 Kommentare',
  'comments.none': 'Zu diesem Post wurden noch keine Kommentare über diesen Bot geschrieben.',
  'comments.head': (p, f) =>
    `Über diesen Bot geschriebene Kommentare, neueste zuerst (Seite ${f.num(p.page)} von ${f.num(p.lastPage)}):`,
  'comments.line': (p, f) => `${f.num(p.n)}. ${p.author}: ${p.content}`,
  'comments.upvote': (p, f) => `▲ ${f.num(p.n)}`,
  'comments.downvote': (p, f) => `▼ ${f.num(p.n)}`,
  'comments.delete': (p, f) => `Meinen Kommentar ${f.num(p.n)} löschen`,
  'comments.noPost':
    'Dieser Post ist nicht öffentlich lesbar, daher werden seine Kommentare hier nicht angezeigt.',
  'comments.unknown': 'Diesen Kommentar kennt der Bot nicht mehr.',
  'comments.notYours': 'Nur wer diesen Kommentar geschrieben hat, kann ihn löschen.',
  'comments.notYoursOnImgpile':
    'Laut imgpile gehört dieser Kommentar nicht zu deinem verknüpften Konto.',
  'comments.deleted': 'Dein Kommentar ist gelöscht.',
  'comments.voted': (p, f) =>
    `Kommentar ${p.up ? 'hochgevotet' : 'runtergevotet'}${p.score === null ? '' : `: Er hat jetzt ${f.num(p.score)} Punkte`}. Drück noch mal, um die Stimme zurückzunehmen.`,
  'comments.tookBack': (p, f) =>
    `Dein ${p.up ? 'Upvote' : 'Downvote'} auf den Kommentar ist zurückgenommen${p.score === null ? '' : `: Er hat jetzt ${f.num(p.score)} Punkte`}.`,
  'mine.empty': (p) =>
    `${p.later ? 'Auf dieser Seite' : 'Bisher'} nichts ${WHOSE[p.source]} hochgeladen.`,
  'mine.head': (p, f) =>
    `Was du ${WHOSE[p.source]} hochgeladen hast, neueste zuerst (Seite ${f.num(p.page)} von ${f.num(p.lastPage)}):`,
  'mine.line': (p, f) =>
    `${f.num(p.n)}. ${p.kind === 'post' ? 'Post' : 'Datei'}${p.title === null ? '' : ` **${p.title}**`} ${p.url}${p.at === null ? '' : ` · ${f.relative(p.at)}`}`,
  'mine.deleteN': (p, f) => `${f.num(p.n)} löschen`,
  'mine.ask': (p) =>
    `${KIND_THE[p.kind][0]!.toUpperCase()}${KIND_THE[p.kind].slice(1)} \`${p.slug}\` von imgpile löschen? Das lässt sich nicht rückgängig machen.`,
  'mine.deleteThe': (p) => `${KIND_WORD[p.kind]} löschen`,
  'mine.keep': 'Behalten',
  'mine.stale': 'Dieser Button ist veraltet. Führe `/imgpile meine` erneut aus.',
} satisfies TranslationOf<typeof en>;
