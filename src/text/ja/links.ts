import type { TranslationOf } from '../catalogue.js';
import type { links as en } from '../en/links.js';

export const links = {
  'links.tooLong': 'スラッグや imgpile のリンクとしては長すぎます。',
  'links.notAscii':
    'スラッグと imgpile のリンクは英数字だけでできています。これにはそれ以外の文字が含まれています。',
  'links.notALink': 'imgpile のスラッグでも、ボットが読めるリンクでもありません。',
  'links.otherHost': (p) =>
    `ここで使えるのは imgpile 自身のリンク（${p.site}/p/… または ${p.cdn}/f/…）かスラッグだけです。`,
  'links.credentials':
    'そのリンクにはユーザー名かパスワードが含まれています。imgpile のリンクには含まれません。',
  'links.badPath':
    'そのリンクは投稿ページ（/p/<slug>）もファイル（/f/<slug>.<ext>）も指していません。',
  'links.badKey': 'そのリンクのキーは有効なアクセスキーではありません。',
  'links.twoKeys': 'リンクのキーがキーオプションと異なります。どちらか一方だけを指定してください。',
  'links.wrongKind': (p) =>
    p.want === 'post'
      ? 'それは投稿ではなくファイルへのリンクです。ファイルには `/imgpile メディア` を使うか、投稿のリンクを指定してください。'
      : 'それはファイルではなく投稿へのリンクです。ファイルのリンクかスラッグを指定してください。',
  'complete.post': (p) => (p.title ? `${p.slug} · 投稿 · ${p.title}` : `${p.slug} · 投稿`),
  'complete.media': (p) => (p.title ? `${p.slug} · ファイル · ${p.title}` : `${p.slug} · ファイル`),
  'complete.channel': (p) => `#${p.name}`,
  'complete.goneChannel': (p) => `${p.channelId}（チャンネルが見つかりません）`,
  'def.watch.remove.watched': 'または一覧から監視中のチャンネル（削除されたものも選べます）',
  'watch.removeWhich':
    'チャンネルを指定するか、監視中のチャンネルから 1 つ選んでください（どちらか一方）。',
} satisfies TranslationOf<typeof en>;
