import type { TranslationOf } from '../catalogue.js';
import type { browse as en } from '../en/browse.js';
import { KIND_WORD } from './words.js';

const WHOSE = {
  own: 'あなたの imgpile アカウントに',
  bot: 'ボットの imgpile アカウントで',
} as const;

export const browse = {
  'nav.previous': '前へ',
  'nav.next': '次へ',

  'post.untitled': '無題',
  'post.by': (p) => `投稿者：${p.name}`,
  'post.score': (p, f) => `スコア ${f.num(p.score)}`,
  'post.views': (p, f) => `${f.num(p.count)} 回表示`,
  'post.files': (p, f) => `${f.num(p.count)} ファイル`,
  'post.hiddenFiles': (p, f) => `-# ${f.num(p.count)} 件のファイルはここには表示されません。`,
  'post.previewHidden': '-# プレビューはここには表示されません。',
  'post.moreLinks': (p, f) => `…ほか ${f.num(p.count)} 件のリンク`,
  'post.open': 'imgpile で開く',
  'post.filesPage': (p, f) => `-# ファイル ${f.num(p.page)} / ${f.num(p.lastPage)} ページ`,
  'post.viewExpired': 'この表示は期限切れです。もう一度 `/imgpile 投稿 表示` を実行してください。',
  'post.viewNotYours':
    'この表示をめくれるのは開いた人だけです。自分用には `/imgpile 投稿 表示` を実行してください。',
  'feed.empty': '該当する投稿はありません。',
  'feed.page': (p, f) => `${f.num(p.page)} / ${f.num(p.lastPage)} ページ`,
  'feed.adultHere':
    '成人向けコンテンツは年齢制限のあるチャンネルでのみ表示できます。ここでは `nsfw` なしでフィードを使ってください。',
  'feed.expired': 'このフィードは期限切れです。もう一度 `/imgpile フィード` を実行してください。',
  'feed.notYours':
    'このフィードをめくれるのは開いた人だけです。自分用には `/imgpile フィード` を実行してください。',

  'profile.noUser': (p) => `imgpile に ${p.username} というユーザーはいません。`,
  'profile.posts': '投稿',
  'profile.followers': 'フォロワー',
  'profile.following': 'フォロー中',
  'profile.noPosts': '公開投稿はありません。',
  'profile.media': 'メディア',
  'profile.emptyList': 'ここには何もありません。',
  'profile.mediaLine': (p, f) => `${f.num(p.n)}. **${p.title}** · ${p.url}`,
  'profile.userLine': (p, f) => `${f.num(p.n)}. ${p.name}`,
  'profile.line': (p, f) => `${f.num(p.n)}. **${p.title}** · スコア ${f.num(p.score)} · ${p.url}`,
  'profile.footer': (p, f) => `最近の投稿 ${f.num(p.page)} / ${f.num(p.lastPage)} ページ`,

  'social.panel': (p, f) => {
    const mine = p.vote === 'up' ? '高評価済みです。' : p.vote === 'down' ? '低評価済みです。' : '';
    return `**${p.title}**${p.by === null ? '' : `（${p.by}）`} · スコア ${f.num(p.score)}。${mine}\n${p.url}`;
  },
  'social.voteBusy': 'この投稿へのあなたの投票はすでに集計中です。',
  'social.voteUnknown':
    'この投稿に投票済みかどうか imgpile が返さなかったため、投票は送信されていません。あとでもう一度お試しください。',
  'social.alreadyVoted': (p, f) =>
    `この投稿にはすでに${p.up ? '高評価' : '低評価'}しています。スコアは ${f.num(p.score)} です。`,
  'social.voted': (p, f) =>
    `${p.up ? '高評価' : '低評価'}しました：投稿のスコアは ${p.score === null ? '?' : f.num(p.score)} になりました。`,
  'social.notVoted': (p, f) =>
    `この投稿に取り消せる${p.up ? '高評価' : '低評価'}はありません。スコアは ${f.num(p.score)} です。`,
  'social.tookBack': (p, f) =>
    `${p.up ? '高評価' : '低評価'}を取り消しました：投稿のスコアは ${p.score === null ? '?' : f.num(p.score)} になりました。`,
  'social.follows': (p) => `imgpile で ${p.name} をフォローしました。`,
  'social.unfollowed': (p) => `imgpile で ${p.name} のフォローを解除しました。`,
  'social.form.title': 'imgpile にコメント',
  'social.form.label': 'コメント',
  'social.emptyComment': '空のコメントは投稿されませんでした。',
  'social.commented': (p) => `コメントを投稿しました：${p.url}`,
  'social.upvote': '▲ 高評価',
  'social.downvote': '▼ 低評価',
  'social.takeBackUp': '▲ 高評価を取り消す',
  'social.takeBackDown': '▼ 低評価を取り消す',
  'social.comment': '💬 コメント',
  'social.open': '投票・コメント',
  'social.follow': (p) => `${p.username} をフォロー`,
  'social.unfollow': (p) => `${p.username} のフォローを解除`,

  'comments.button': '💬 コメント',
  'comments.none': 'この投稿にこのボット経由で書かれたコメントはまだありません。',
  'comments.head': (p, f) =>
    `このボット経由で書かれたコメント（新しい順、${f.num(p.page)} / ${f.num(p.lastPage)} ページ）：`,
  'comments.line': (p, f) => `${f.num(p.n)}. ${p.author}：${p.content}`,
  'comments.upvote': (p, f) => `▲ ${f.num(p.n)}`,
  'comments.downvote': (p, f) => `▼ ${f.num(p.n)}`,
  'comments.delete': (p, f) => `自分のコメント ${f.num(p.n)} を削除`,
  'comments.noPost': 'その投稿は公開されていないため、コメントはここには表示されません。',
  'comments.unknown': 'そのコメントはボットにはもう記録されていません。',
  'comments.notYours': 'そのコメントを削除できるのは書いたメンバーだけです。',
  'comments.notYoursOnImgpile':
    'imgpile によると、そのコメントはあなたの連携アカウントのものではありません。',
  'comments.deleted': 'コメントを削除しました。',
  'comments.voted': (p, f) =>
    `コメントを${p.up ? '高評価' : '低評価'}しました${p.score === null ? '' : `：スコアは ${f.num(p.score)} になりました`}。もう一度押すと取り消せます。`,
  'comments.tookBack': (p, f) =>
    `コメントへの${p.up ? '高評価' : '低評価'}を取り消しました${p.score === null ? '' : `：スコアは ${f.num(p.score)} になりました`}。`,
  'mine.empty': (p) =>
    `${p.later ? 'このページには' : 'まだ'}${WHOSE[p.source]}アップロードしたものはありません。`,
  'mine.head': (p, f) =>
    `${WHOSE[p.source]}アップロードしたもの（新しい順、${f.num(p.page)} / ${f.num(p.lastPage)} ページ）：`,
  'mine.line': (p, f) =>
    `${f.num(p.n)}. ${p.kind === 'post' ? '投稿' : 'ファイル'}${p.title === null ? '' : ` **${p.title}**`} ${p.url}${p.at === null ? '' : ` · ${f.relative(p.at)}`}`,
  'mine.deleteN': (p, f) => `${f.num(p.n)} を削除`,
  'mine.ask': (p) =>
    `${KIND_WORD[p.kind]} \`${p.slug}\` を imgpile から削除しますか？この操作は取り消せません。`,
  'mine.deleteThe': (p) => `${KIND_WORD[p.kind]}を削除`,
  'mine.keep': '残す',
  'mine.stale':
    'このボタンは古くなっています。もう一度 `/imgpile 自分のアップロード` を実行してください。',
} satisfies TranslationOf<typeof en>;
