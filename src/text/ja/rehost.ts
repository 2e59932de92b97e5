import type { TranslationOf } from '../catalogue.js';
import type { rehost as en } from '../en/rehost.js';

const PRIVATE_POST = {
  keySent: '（非公開：キー付きリンクはあなたに送信しました）',
  keyInView: '（非公開：アップロードした人は `/imgpile 投稿 表示` でキーを確認できます）',
} as const;

export const rehost = {
  'upload.notALink': (p) => `リンクではありません：\`${p.link}\``,
  'upload.nothing': 'アップロードするファイルかリンクを指定してください。',
  'upload.tooMany': (p, f) =>
    `ファイルとリンクが ${f.num(p.count)} 件あります。一度に指定できるのは最大 ${f.num(p.max)} 件です。`,
  'menu.nothing': 'そのメッセージにはアップロードできる添付ファイルや画像リンクがありません。',

  'rehost.queued': (p, f) => `⏳ ${f.num(p.count)} 件のファイルをアップロード中…`,
  'rehost.nothing': '何もアップロードされませんでした：',
  'rehost.noFallback':
    '-# Discord ではボットがこの返信を更新できるのは 15 分間だけです。それより長くかかった場合は `/imgpile 自分のアップロード` で結果を確認してください。',
  'rehost.progress': (p, f) =>
    `⏳ ${p.name} をアップロード中${p.total > 1 ? `（${f.num(p.index + 1)} / ${f.num(p.total)} 件目）` : ''}：${f.num(p.percent)}%`,
  'rehost.refused': (p) => `✖ ${p.name}：${p.reason}`,
  'rehost.moreLines': (p, f) => `…ほか ${f.num(p.count)} 行`,
  'rehost.moreFiles': (p, f) => `…ほか ${f.num(p.count)} 件のファイル`,

  'result.noneOne': 'ファイルをアップロードできませんでした。',
  'result.none': 'どのファイルもアップロードできませんでした。',
  'result.all': (p, f) =>
    f.count(p.count, {
      '=1': 'imgpile にアップロードしました：',
      other: '# 件のファイルを imgpile にアップロードしました：',
    }),
  'result.some': (p, f) =>
    `${f.num(p.total)} 件中 ${f.num(p.uploaded)} 件のファイルを imgpile にアップロードしました：`,
  'result.heading': (p, f) =>
    p.uploaded === p.total
      ? f.count(p.uploaded, {
          '=1': 'imgpile にアップロードしました',
          other: '# 件のファイルを imgpile にアップロードしました',
        })
      : `${f.num(p.total)} 件中 ${f.num(p.uploaded)} 件のファイルを imgpile にアップロードしました`,
  'result.post': (p) => `**投稿：** ${p.url}${p.private ? PRIVATE_POST[p.private] : ''}`,
  'result.noPost': (p) => `投稿は作成されませんでした：${p.reason}。`,
  'result.firstShown': (p, f) => `-# 最初の ${f.num(p.count)} 件を表示しています。`,
  'result.openPost': '投稿を開く',
  'result.delete': '削除',

  'delivery.privateSent': (p) =>
    `非公開でアップロードしました：リンクは <@${p.userId}> さんにダイレクトメッセージで送りました。`,
  'delivery.privateNotSent': (p) =>
    `非公開でアップロードしましたが、Discord の設定で <@${p.userId}> さんにダイレクトメッセージを送れませんでした。\`/imgpile 自分のアップロード\` で確認してください。`,
  'delivery.finished': (p) => `<@${p.userId}> さん、アップロードが完了しました。`,
  'delivery.finishedPrivateSent': (p) =>
    `<@${p.userId}> さん、アップロードが完了しました。非公開のため、リンクはダイレクトメッセージで送りました。`,
  'delivery.finishedPrivateNotSent': (p) =>
    `<@${p.userId}> さん、アップロードが完了しましたが、非公開のうえ Discord の設定でダイレクトメッセージを送れませんでした。\`/imgpile 自分のアップロード\` で確認してください。`,
  'delivery.dm': 'アップロードが完了しました。',
  'delivery.key': (p) => `あなたの非公開投稿：${p.url}`,
  'result.removedByImgpile': (p) =>
    `${p.name}：imgpile のモデレーションにより削除されました。リンクはもう使えません。`,
  'find.notALink':
    'Discord の添付ファイルのリンクでもメッセージのリンクでもありません。ファイルのリンク（右クリック → リンクをコピー）かメッセージのリンク（メッセージリンクをコピー）を貼り付けてください。',
  'find.none':
    'ボットはそれの imgpile コピーを作っていません。ここで尋ねても何もアップロードされません。アップロードするには、メッセージメニュー **imgpile にアップロード** か `/imgpile アップロード リンク:` を使ってください。',
  'find.noneYouCanSee': 'あなたが見られる imgpile のコピーはありません。',
  'find.adultElsewhere':
    'そのコピーは成人向けです（年齢制限のあるチャンネルのものです）：年齢制限のあるチャンネルで聞いてください。',
  'find.found': (p) => `ボットが作った imgpile のコピー：\n${p.links}`,
  'find.offer':
    'ボットはそれの imgpile コピーを作っていません。尋ねただけでは何もアップロードされません。今すぐ元のファイルをアップロードするには **アップロードする** を押してください。',
  'find.rehostButton': 'アップロードする',
  'find.notYourButton': 'このボタンは尋ねたメンバーだけが使えます。',
  'find.gone': 'そのファイルまたはメッセージはもう Discord にないため、アップロードできません。',
  'find.rehosting': '元のファイルをアップロードしています…',
  'sizes.xs': 'リンク：xs',
  'sizes.sm': 'sm',
  'sizes.md': 'md',
  'sizes.lg': 'lg',
  'sizes.xl': 'xl',
  'sizes.links': (p) =>
    `${p.size} サイズの直リンク（動画は静止画のサムネイルになります。各サイズは imgpile がアップロード後まもなく作成します）：\n${p.links}`,
  'sizes.none': 'このメッセージには imgpile ファイルの直リンクがありません。',
} satisfies TranslationOf<typeof en>;
