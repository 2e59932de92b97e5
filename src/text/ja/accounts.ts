import type { TranslationOf } from '../catalogue.js';
import type { Act, accounts as en } from '../en/accounts.js';
import { LINK_HINT, policyPhrase } from './words.js';

/** What a member asked to do as themselves: completes "…できません". */
const ACTS: Record<Act, string> = {
  voteCommentFollow: '投票・コメント・フォロー',
  vote: '投票',
  comment: 'コメント',
  follow: 'フォロー',
  deleteFiles: 'これらのファイルの削除',
  deleteFile: 'ファイルの削除',
  deletePost: '投稿の削除',
  changePost: '自分の投稿の変更',
  changeMedia: '自分のメディアの変更',
  listOwn: '自分のアカウントの一覧表示',
};

const OWN_ONLY = 'このサーバーはメンバー自身の imgpile アカウントにアップロードします';

export const accounts = {
  'account.forbiddenOwn': 'imgpile はあなたの imgpile アカウントでのこの操作を許可しませんでした。',
  'act.off': (p) =>
    `このボットでは imgpile アカウントの連携が無効になっているため、ここでは${ACTS[p.act]}はできません。`,
  'act.unlinked': (p) =>
    `自分として${ACTS[p.act]}するには、まず imgpile アカウントを連携してください：${LINK_HINT}`,
  'act.broken': (p) =>
    `imgpile が連携アカウントのトークンを拒否したため、連携し直すまで${ACTS[p.act]}はできません：${LINK_HINT}`,
  'act.unreadable': (p) =>
    `連携した imgpile アカウントを読み取れなかったため、${ACTS[p.act]}はできません。${LINK_HINT} で連携し直してください。`,
  'account.tokenRefused': `imgpile が連携アカウントのトークンを拒否したため、アカウントは故障中としてマークされました。${LINK_HINT} で連携し直してください。`,

  'account.statusBroken': `⚠️ imgpile がトークンを拒否したため、このアカウントは使われません。サーバーが許可していれば、ファイルはボットのアカウントに保存されます。${LINK_HINT} で連携し直してください。`,
  'account.statusUnreadable': `⚠️ ボットがトークンを読み取れなくなった（暗号鍵が変わった）ため、このアカウントは使われません。サーバーが許可していれば、ファイルはボットのアカウントに保存されます。${LINK_HINT} で連携し直してください。`,
  'account.noticeBroken': `連携した imgpile アカウントが使えなくなりました：imgpile がトークンを拒否しました。連携し直すまで（${LINK_HINT}）、ファイルはボットの imgpile アカウントに保存されます。`,
  'account.noticeUnreadable': `ボットが連携済みの imgpile アカウントを読み取れませんでした：連携後に暗号鍵が変わりました。連携し直すまで（${LINK_HINT}）、ファイルはボットの imgpile アカウントに保存されます。`,

  'account.ownOnlyOff': `${OWN_ONLY}が、このボットではアカウント連携が無効です。何もアップロードされていません。サーバー管理者は \`/imgpile 設定 アカウント\` を変更できます。`,
  'account.ownOnlySender': `${OWN_ONLY}が、送信者のアカウントを使えませんでした。何もアップロードされていません。`,
  'account.ownOnlyUnreadable': `ボットが連携済みの imgpile アカウントを読み取れず（連携後に暗号鍵が変わりました）、このサーバーはメンバー自身のアカウントにアップロードします。${LINK_HINT} で連携し直してください。何もアップロードされていません。`,
  'account.ownOnlyBroken': `連携した imgpile アカウントが使えなくなっており（imgpile がトークンを拒否しました）、このサーバーはメンバー自身のアカウントにアップロードします。${LINK_HINT} で連携し直してください。何もアップロードされていません。`,
  'account.ownOnlyUnlinked': `${OWN_ONLY}。${LINK_HINT} でアカウントを連携してから、もう一度お試しください。何もアップロードされていません。`,

  'account.off':
    'このボットでは imgpile アカウントの連携が無効です（運営者が暗号鍵を設定していません）。ファイルはボットの imgpile アカウントに保存されます。',
  'account.unlinked':
    'imgpile アカウントの連携を解除し、トークンを破棄しました。サーバーが許可していれば、ファイルはボットの imgpile アカウントに保存されます。',
  'account.noneToUnlink': '連携している imgpile アカウントはありませんでした。',
  'account.none': `imgpile アカウントは連携されていません。${LINK_HINT} で連携できます。`,
  'account.here': (p) => `このサーバーの設定：${policyPhrase(p.accounts)}。`,
  'account.linkedSince': (p, f) =>
    `imgpile アカウント **${p.username}** と連携しています（${f.relative(p.since)}から）。トークンは暗号化して保存され、表示されることはありません。`,

  'account.form.title': 'imgpile アカウントを連携',
  'account.form.username': 'imgpile のユーザー名',
  'account.form.token': 'imgpile の API トークン',
  'account.form.tokenHint': '暗号化して保存され、二度と表示されません。いつでも解除できます。',
  'account.badUsername': 'imgpile のユーザー名ではありません。',
  'account.badToken': 'imgpile の API トークンではないようです。何も連携されていません。',
  'account.notTheirs': (p) =>
    `そのトークンは imgpile アカウント ${p.username} のものではありません（imgpile がその投稿の所有者として示していません）。何も連携されていません。`,
  'account.tokenNotAccepted':
    'imgpile がそのトークンを受け付けませんでした。何も連携されていません。',
  'account.noSuchUser': (p) =>
    `imgpile に ${p.username} というユーザーはいません。何も連携されていません。`,
  'account.linked': (p) =>
    `imgpile アカウント **${p.username}** と連携しました。サーバーが許可していれば、アップロードはこのアカウントに保存され（\`/imgpile 設定\`）、自分として投票・コメント・フォローができます。\`/imgpile アカウント 連携解除\` でトークンはすぐに破棄されます。`,
} satisfies TranslationOf<typeof en>;
