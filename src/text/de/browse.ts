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
  'social.follows': (p) => `Du folgst ${p.name} auf imgpile.`,
  'social.unfollowed': (p) => `Du folgst ${p.name} auf imgpile nicht mehr.`,
  'social.form.title': 'Auf imgpile kommentieren',
  'social.form.label': 'Dein Kommentar',
  'social.emptyComment': 'Ein leerer Kommentar wurde nicht gepostet.',
  'social.commented': (p) => `Dein Kommentar ist gepostet: ${p.url}`,
  'social.upvote': '▲ Hochvoten',
  'social.downvote': '▼ Runtervoten',
  'social.comment': '💬 Kommentieren',
  'social.open': 'Abstimmen, kommentieren',
  'social.follow': (p) => `${p.username} folgen`,
  'social.unfollow': (p) => `${p.username} entfolgen`,

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
