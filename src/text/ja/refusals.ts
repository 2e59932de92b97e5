import type { TranslationOf } from '../catalogue.js';
import type { AddressClass, refusals as en } from '../en/refusals.js';
import type { Format } from '../format.js';
import { LINK_HINT } from './words.js';

/** A size as the bot's limits are said: バイト, KB (rounded), MB (one decimal unless whole). */
function size(n: number, f: Format): string {
  const MB = 1024 * 1024;
  if (n >= MB) return `${f.num(n / MB, n % MB === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${f.num(Math.round(n / 1024))} KB`;
  return `${f.num(n)} バイト`;
}

const ADDRESS: Record<AddressClass, string> = {
  unspecified: '未指定アドレス',
  loopback: 'ループバックアドレス',
  private: 'プライベートネットワークのアドレス',
  shared: 'キャリアグレード NAT のアドレス',
  'link-local': 'リンクローカルアドレス',
  metadata: 'クラウドのメタデータアドレス',
  multicast: 'マルチキャストアドレス',
  broadcast: 'ブロードキャストアドレス',
  documentation: 'ドキュメント用アドレス',
  benchmarking: 'ベンチマーク用アドレス',
  reserved: '予約済みアドレス',
};

/**
 * Why a file or a post was not made: clauses without a final 。, shown after the file's name
 * (and made a sentence by `error.imgpile`).
 */
export const refusals = {
  'refusal.tooLarge': (p, f) => `ファイルが ${size(p.limit, f)} を超えています`,
  'refusal.largerThanAnnounced': 'ファイルが申告されたサイズより大きいです',
  'refusal.empty': 'ファイルが空です',
  'refusal.notMedia': 'このファイル形式は受け付けていません（画像と動画のみ）',
  'refusal.notDiscordAttachment': 'このリンクは Discord の添付ファイルではありません',
  'refusal.expired': 'Discord のリンクが期限切れで、更新できませんでした',
  'refusal.cdnRefused': (p, f) =>
    `Discord の CDN がダウンロードを拒否しました（HTTP ${f.num(p.status)}）`,
  'refusal.retriesExhausted':
    '何度か試しましたがアップロードできませんでした（imgpile か Discord に接続できませんでした）。あとでもう一度お試しください',
  'refusal.refusalsSpent':
    '取得していません：今日は拒否されたファイルが多すぎます（UTC の午前 0 時にリセット）',
  'refusal.siteUnreachable': '何度か試しましたがリンク先のサイトに接続できませんでした',
  'refusal.linksOff': 'このボットではリンクのアップロードが無効です（URL_REHOST）',
  'refusal.withdrawn': '指定どおりに作成できなかった投稿とともに削除されました',

  'refusal.invalidLink': '有効なリンクではありません',
  'refusal.httpOnly': 'アップロードできるのは http と https のリンクだけです',
  'refusal.httpsOnly': 'アップロードできるのは https のリンクだけです',
  'refusal.credentials': 'ユーザー名やパスワードを含むリンクは受け付けていません',
  'refusal.siteNotAccepted': 'このサイトへのリンクはここでは受け付けていません',
  'refusal.address': (p) => `このリンクは${ADDRESS[p.class]}を指しているため、許可されていません`,
  'refusal.siteNotFound': 'このリンク先のサイトが見つかりませんでした',
  'refusal.nameServerSilent':
    'このリンク先のサイトが応答しませんでした：ネームサーバーが応答しません',
  'refusal.tooSlowTotal': (p, f) =>
    `サイトが遅すぎます：ダウンロードに ${f.num(p.minutes)} 分以上かかりました`,
  'refusal.tooSlowRate': (p, f) =>
    `サイトが遅すぎます：毎秒 ${f.num(p.kbPerSecond)} KB 未満しか送られてきませんでした`,
  'refusal.badCertificate': 'サイトの HTTPS 証明書が無効です',
  'refusal.siteRefused': (p, f) => `サイトがダウンロードを拒否しました（HTTP ${f.num(p.status)}）`,
  'refusal.redirectToNowhere': 'サイトが行き先のないリダイレクトを返しました',
  'refusal.redirectInvalid': 'サイトが無効なリンクにリダイレクトしました',
  'refusal.tooManyRedirects': (p, f) => `リンクのリダイレクトが ${f.num(p.max)} 回を超えています`,

  'refusal.accountOff':
    'このファイルの送信前に、このボットで imgpile アカウントの連携が無効になりました',
  'refusal.accountUnlinked': 'このファイルの送信前に imgpile アカウントの連携が解除されました',
  'refusal.accountBroken': `imgpile が連携アカウントのトークンを拒否しました。${LINK_HINT} で連携し直してください`,
  'refusal.accountUnreadable': `連携した imgpile アカウントを読み取れませんでした（ボットの暗号鍵が変わりました）。${LINK_HINT} で連携し直してください`,
  'refusal.linkedTokenRefused': 'imgpile が連携アカウントのトークンを拒否しました',
  'refusal.senderAccountUnusable': '送信者の連携 imgpile アカウントを使えませんでした',

  'imgpile.banned': 'imgpile がこのファイルを拒否しました（禁止されたファイルと一致します）',
  'imgpile.typeNotAccepted': 'このファイル形式は imgpile では受け付けていません',
  'imgpile.tooLarge': 'ファイルが imgpile には大きすぎます',
  'imgpile.rejected': (p) => `imgpile がこれを拒否しました：${p.detail}`,
  'imgpile.tokenRefused': 'ボットは現在 imgpile に接続できません。運営者には通知済みです',
  'imgpile.notOwner': 'imgpile が許可しませんでした：ボットのアカウントのものではありません',
  'imgpile.forbiddenOwn':
    'imgpile が許可しませんでした：あなた自身の imgpile アカウントでは認められていません',
  'imgpile.notFound': 'imgpile にそのスラッグのものはありません（または非公開でキーが必要です）',
  'imgpile.invalidInput':
    '有効な imgpile のスラッグ、ID、キーではありません（何も送信していません）',
  'imgpile.unexpected': 'imgpile から予期しない応答がありました',
  'imgpile.slowDown': 'imgpile からペースを落とすよう求められました',
  'imgpile.interrupted': 'imgpile へのリクエストが中断されました',
  'imgpile.unreachable': 'imgpile に接続できませんでした',

  'post.inAnotherPost':
    'これらのファイルはすでに imgpile の別の投稿に含まれています（imgpile では各ファイルは 1 つの投稿にしか入りません）',
  'post.withdrawn': (p) => {
    const as = p.visibility
      ? `${p.visibility === 'private' ? '非公開' : '限定公開'}${p.nsfw ? 'かつ成人向け' : ''}`
      : '成人向け';
    return `imgpile が投稿を${as}にできなかったため、投稿はそのためにアップロードしたファイルとともに削除されました`;
  },
  'post.noMediaIds': 'imgpile がメディア ID を返さなかったため、投稿を作成できませんでした',
  'post.tryLater': (p, f) => `${f.say(p.reason)}。あとでもう一度お試しください`,
  'retry.download': 'ファイルをダウンロードできませんでした',
  'retry.cannotWithdraw': '公開のままにしてはいけない投稿を削除できませんでした',
  'post.lostWithdrawn':
    '投稿作成に対する imgpile の応答が失われ、作成された投稿も見つからなかったため、そのためにアップロードしたファイルを削除しました。もう一度お試しください',
} satisfies TranslationOf<typeof en>;
