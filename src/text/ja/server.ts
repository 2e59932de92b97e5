import type { TranslationOf } from '../catalogue.js';
import type { Permission, server as en } from '../en/server.js';
import { policyMeaning, policyPhrase, visibilityWord } from './words.js';

/** Discord's permissions by their names in its Japanese settings. */
const PERMISSIONS: Record<Permission, string> = {
  ViewChannel: 'チャンネルを見る',
  SendMessages: 'メッセージを送信',
  SendMessagesInThreads: 'スレッドでメッセージを送信',
  ReadMessageHistory: 'メッセージ履歴を読む',
  AddReactions: 'リアクションの追加',
};
const names = (missing: readonly Permission[]) =>
  missing.map((p) => `「${PERMISSIONS[p]}」`).join('、');

const REPLIES = {
  gallery: '完了したアップロードをギャラリーで表示',
  plain: '完了したアップロードをリンクだけで表示',
} as const;

const DELETED = {
  keep: 'Discord で削除された監視中のメッセージの imgpile コピーとボットの返信は残ります',
  hide: 'Discord で削除された監視中のメッセージの imgpile 投稿は限定公開になり、ボットの返信は削除されます',
  delete:
    'Discord で削除された監視中のメッセージの imgpile コピーは削除され、ボットの返信も削除されます',
} as const;

export const server = {
  'watch.serverOnly': 'チャンネルの監視は、ボットが参加しているサーバーでのみ使えます。',
  'watch.cannotSee': (p) =>
    `あなた自身が <#${p.channelId}> を見られないため、監視できません：監視はそこに投稿されたものをアップロードします。`,
  'watch.missing': (p) =>
    `ボットは <#${p.channelId}> で動作できません：そこで${names(p.missing)}の権限がありません。権限を付与してから（チャンネル設定 → 権限）、もう一度監視を追加してください。`,
  'watch.added': (p) =>
    `<#${p.channelId}> を監視しています（${p.mode} モード、${visibilityWord(p.visibility)}）：そこに投稿された画像・動画は、スレッドや投稿内のものも含めてすべてアップロードされます。`,
  'watch.privately': 'リンクは投稿者それぞれにダイレクトメッセージで送られます。',
  'watch.noContent':
    '⚠️ ボットが Message Content インテントなしで動いているため、ボットの管理者が Discord Developer Portal で「Message Content Intent」を有効にして再起動するまで、監視中のチャンネルの添付ファイルを見られません。',
  'watch.none': '監視中のチャンネルはありません。`/imgpile 監視 追加` で追加できます。',
  'watch.list': '監視中のチャンネル：',
  'watch.line': (p) => `<#${p.channelId}>：${p.mode}、${visibilityWord(p.visibility)}`,
  'watch.paused': (p) => `⏸️ 一時停止中（${p.reason}）：解決したらもう一度追加すると再開します`,
  'watch.lost': (p) => `⚠️ ボットはここで${names(p.missing)}の権限を失いました`,
  'watch.gone': '⚠️ ボットはこのチャンネルをもう見られません',
  'watch.unseen': (p, f) =>
    f.count(p.count, { other: '…ほかに、あなたが見られない監視中のチャンネルが # 件あります' }),
  'watch.removed': (p) => `<#${p.channelId}> の監視を停止しました。`,
  'watch.notWatched': (p) => `<#${p.channelId}> は監視されていませんでした。`,
  'pause.lost': (p) => `ボットが <#${p.channelId}> で${names(p.missing)}の権限を失いました`,
  'pause.refused': (p, f) =>
    `<#${p.channelId}> で 10 分間に Discord がボットを ${f.num(p.refusals)} 回拒否しました`,
  'pause.notice': (p) =>
    `<#${p.channelId}> の監視を一時停止しました：${p.reason}。ボットに必要な権限を付与してから（チャンネル設定 → 権限）、<#${p.channelId}> に対して \`/imgpile 監視 追加\` を実行すると再開します。`,

  'catchup.summary': (p, f) =>
    `ボットの停止中に、ファイル付きのメッセージが ${f.num(p.replied + p.quiet)} 件ここに投稿されました：最初の ${f.num(p.replied)} 件には返信しました。残りの ${f.num(p.quiet)} 件もアップロード済みで、返信の代わりにリアクションを付けています。`,
  'backfill.started': (p) =>
    `<#${p.channelId}> の履歴のアップロードを開始しました。進行状況はそちらに表示されます。`,
  'backfill.already': (p) =>
    `<#${p.channelId}> の履歴はすでにアップロード中です。先に \`/imgpile 監視 履歴停止\` で止めてください。`,
  'backfill.cannotRead': (p) =>
    `あなた自身が <#${p.channelId}> の履歴を読めないため、その履歴をアップロードできません：履歴のアップロードはそこに投稿されたものをアップロードします。`,
  'backfill.badSince': (p) =>
    `\`${p.since}\` は日付（2024-05-31）でも、そのチャンネルのメッセージへのリンクでもありません。`,
  'backfill.notRunning': (p) => `<#${p.channelId}> の履歴のアップロードは行われていません。`,
  'backfill.stopped': (p) => `<#${p.channelId}> の履歴のアップロードを停止しました。`,
  'backfill.heading': (p) =>
    `このチャンネルの画像・動画の**履歴アップロード**（${p.order === 'newest' ? '新しい順' : '古い順'}${p.since ? `、${p.since} まで` : ''}）`,
  'backfill.counts': (p, f) =>
    `見つかったファイル ${f.num(p.found)} 件 · アップロード ${f.num(p.queued)} 件 · スキップ ${f.num(p.skipped)} 件（アップロード済みまたは拒否）· キューの残り ${f.num(p.left)} 件`,
  'backfill.estimate': (p, f) =>
    p.minutes === 0
      ? '履歴を読み込んでいます…'
      : `キューにある分はあと約 ${f.num(p.minutes)} 分で終わります。`,
  'backfill.paused': (p, f) =>
    `⏸️ 一時停止中：このサーバーの 1 日の上限に達しました。${f.relative(p.until)}に自動で再開します。`,
  'backfill.resumed': (p, f) =>
    `▶️ サーバーの 1 日の上限がリセットされたため、${f.relative(p.at)}に再開しました。`,
  'backfill.done': '✅ 完了：指定した範囲の履歴をすべて読み込みました。',
  'backfill.stoppedNote': '⏹️ 停止しました。',
  'backfill.failed': '❌ 終了：ボットがこのチャンネルを読めなくなりました。',
  'backfill.stop': '停止',
  'settings.serverOnly': '設定はボットが参加しているサーバーのものです。',
  'settings.summary': (p) =>
    `返信：**${p.replies}**（${REPLIES[p.replies]}）\nアカウント：**${p.accounts}**（${policyMeaning(p.accounts)}）\n削除されたメッセージ：**${p.deleted}**（${DELETED[p.deleted]}）`,

  'quota.title': '今日アップロードしたファイル',
  'quota.you': 'あなた',
  'quota.server': 'このサーバー',
  'quota.botAccount': 'ボットの imgpile アカウント',
  'quota.ownAccount': (p) =>
    `あなたの imgpile アカウント（${p.username}）${p.broken ? '：使用不可' : ''}`,
  'quota.footer': '上限は UTC の午前 0 時にリセットされます',
  'quota.usage': (p, f) =>
    `${f.num(p.limit)} 件中 ${f.num(p.used)} 件（残り ${f.num(Math.max(0, p.limit - p.used))} 件）`,
  'quota.none': 'なし',
  'quota.resets': (p, f) => `${f.relative(p.at)}にリセットされます。`,
  'quota.policy': (p) => `このサーバー：${policyPhrase(p.accounts)}。`,
  'quota.refused': (p, f) => {
    const held = p.inProgress > 0 ? `、うち ${f.num(p.inProgress)} 件は取得中` : '';
    return `拒否されたファイル：${f.num(p.limit)} 件中 ${f.num(p.used)} 件（残り ${f.num(Math.max(0, p.limit - p.used))} 件${held}）。画像・動画以外のファイルや失敗したリンクが数えられ、${f.num(p.limit)} 件に達するとリセットまでアップロードが止まります。`;
  },
} satisfies TranslationOf<typeof en>;
