import type { TranslationOf } from '../catalogue.js';
import type { manage as en } from '../en/manage.js';
import { KIND_WORD, visibilityWord } from './words.js';

export const manage = {
  'manage.notThroughBot': (p) =>
    `その${KIND_WORD[p.kind]}はこのボット経由でアップロードされたものではないため、ここからは変更できません。`,
  'manage.notUploader': (p) =>
    `その${KIND_WORD[p.kind]}を変更できるのは、アップロードした本人か、アップロード元のサーバーで「メッセージの管理」権限を持つメンバーだけです。`,
  'manage.needManageServerWatch':
    '監視するチャンネルを変更するには「サーバー管理」権限が必要です。',
  'manage.needManageServerSettings': '設定を変更するには「サーバー管理」権限が必要です。',
  'manage.notASlug': 'imgpile のスラッグではありません（リンクの /p/ の後ろの 7 文字です）。',
  'manage.notYoursOnImgpile': (p) =>
    `その${KIND_WORD[p.kind]}は imgpile 上であなたのものではありません。`,
  'manage.notYours': (p) => `その${KIND_WORD[p.kind]}はあなたのものではありません。`,
  'manage.deleted': (p) => `${KIND_WORD[p.kind]} \`${p.slug}\` を削除しました。`,
  'manage.nothingToChange':
    '変更する内容がありません。タイトル、説明、公開範囲、nsfw のいずれかを指定してください。',
  'manage.nothingToChangeMedia': '変更する内容がありません。タイトルか説明を指定してください。',
  'manage.updatedMedia': (p) => `ファイル \`${p.slug}\` を更新しました。`,
  'manage.onlyMaker':
    'その投稿のファイルを変更できるのは、ボットがその投稿を作成した相手だけです（モデレーターは編集や削除ができます）。',
  'manage.otherAccountsPost':
    'その投稿は、あなたが連携したものとは別の imgpile アカウントのものです。ファイルを追加できるのは、連携したアカウント自身の投稿だけです。',
  'manage.makerOnlyPrivacy':
    'その投稿の公開範囲を変更したり成人向けの印を外したりできるのは、ボットがその投稿を作成した相手だけです（モデレーターはタイトルと説明の編集、成人向けの印付け、削除ができます）。',
  'manage.markAdultFirst':
    '年齢制限のあるチャンネルのファイルやスポイラー指定のファイルは成人向けです：先に投稿を成人向けにしてから（`/imgpile 投稿 編集`, nsfw = True）追加してください。',
  'manage.botAccountsPost':
    'その投稿はボットの imgpile アカウントのものですが、あなたのファイルは今は連携したアカウントに送られます：imgpile は同じアカウントの投稿にしかファイルを追加しません。',
  'manage.linkedAccountsPost':
    'その投稿はあなたが連携した imgpile アカウントのものですが、このサーバーではファイルはボットのアカウントに送られます：imgpile は同じアカウントの投稿にしかファイルを追加しません。',
  'manage.badOrder': (p, f) =>
    `1 から ${f.num(p.count)} までのファイル番号を、それぞれ 1 回までにして、スペースかカンマで区切って指定してください（例：「3 1」）。`,
  'manage.sameOrder': 'ファイルはすでにその順番です。何も変更していません。',
  'manage.updatedPrivate': (p) => `更新しました。この投稿は非公開です。キー付きリンク：${p.url}`,
  'manage.updated': (p) => `更新しました：${p.url}`,
  'manage.pending':
    'imgpile はまだこの投稿を確認中です。年齢制限のあるチャンネルで見るか、あとでもう一度お試しください。',
  'manage.adultPost':
    'この投稿は成人向けコンテンツとしてマークされています。年齢制限のあるチャンネルで見てください。',
  'manage.adultHidden': (p, f) => `成人向けファイル ${f.num(p.count)} 件はここには表示されません。`,
  'manage.visibility': (p) =>
    `公開範囲：${visibilityWord(p.visibility)}${p.keyUrl ? `（キー付きリンク：${p.keyUrl}）` : ''}`,

  'delete.unknown':
    'ボットはこれらのファイルをもう把握していません。ここで削除するものはありません。',
  'delete.notOwner': 'これらのファイルを削除できるのはアップロードした本人だけです。',
  'delete.notTheirs':
    'imgpile によると、これらのファイルは連携中のアカウントのものではありません。以前に連携していた別のアカウントで作成されたものではありませんか？',
  'delete.done': 'imgpile から削除しました。',
  'delete.kept': '何も削除していません。',
  'delete.ask': (p, f) => {
    const files = `${f.num(p.files)} 件のファイル`;
    return `${p.post ? `投稿とその ${files}` : files}を imgpile から削除しますか？この操作は取り消せません。`;
  },
  'delete.button': '削除',
  'delete.cancel': 'キャンセル',
} satisfies TranslationOf<typeof en>;
