import type { TranslationOf } from '../catalogue.js';
import type { errors as en } from '../en/errors.js';

/** A lower layer's clause as a sentence: Japanese clauses end with 。 */
const sentence = (clause: string) => `${clause}。`;

const FOR = {
  account: 'ボットの imgpile アカウント',
  linked: 'あなた自身の imgpile アカウント',
  guild: 'このサーバー',
  user: 'あなた',
  refusals: 'あなた',
} as const;

export const errors = {
  'error.generic':
    'こちら側で問題が発生し、記録されました。しばらくしてからもう一度お試しください。',
  'error.storageDown':
    'ボットのストレージが一時的に使えないため、何もキューに入れていません。1 分後にもう一度お試しください。',
  'error.queuedOrNot':
    'リクエスト送信の直後にボットのストレージが応答しなくなったため、キューに入った可能性があります。入っていれば結果はいつも通りここに届きます。数分たっても何も届かなければ、もう一度お試しください。',
  'error.imgpileRetryIn': (p, f) =>
    `${f.say(p.reason)}。${f.num(p.seconds)} 秒後にもう一度お試しください。`,
  'error.imgpileRetry': (p, f) => `${f.say(p.reason)}。1 分後にもう一度お試しください。`,
  'error.imgpile': (p, f) => sentence(f.say(p.reason)),
  'error.staleButton': 'このボタンは古くなっています。',
  'error.unreadableRequest': 'リクエストを読み取れませんでした。何もアップロードされていません。',

  'busy.tryIn': (p, f) => `${f.say(p.busy)}${f.num(p.seconds)} 秒後にもう一度お試しください。`,
  'busy.ownShare': (p, f) =>
    `imgpile の読み取り枠を使い切りました。${f.num(p.seconds)} 秒後にもう一度お試しください。`,
  'busy.bot': 'ボットが imgpile のリクエスト上限に達しています。',
  'busy.member': 'あなたの imgpile アカウントがリクエスト上限に達しています。',
  'busy.reads': 'imgpile へのリクエスト枠を現在使い切っています。',
  'busy.feed': 'imgpile のフィードが混み合っています。',
  'busy.token': 'そのトークンはリクエスト上限に達しています。',
  'busy.linkTries': (p, f) =>
    `${f.num(p.minutes)} 分間に ${f.num(p.tries)} 回アカウントの連携を試みました。`,

  'quota.refusals': (p, f) =>
    `今日は拒否されたファイルが多すぎます（${f.num(p.limit)} 件：画像・動画以外のファイル、失敗したリンク、imgpile が受け付けなかったファイル）。${f.relative(p.resetsAt)}に再びアップロードできます。`,
  'quota.usedUp': (p, f) =>
    `${FOR[p.scope]}の 1 日 ${f.num(p.limit)} ファイルの上限に達しました。${f.relative(p.resetsAt)}にリセットされます。`,
  'quota.tooMany': (p, f) =>
    `${f.num(p.requested)} ファイルですが、${FOR[p.scope]}の 1 日 ${f.num(p.limit)} ファイルのうち残りは ${f.num(p.remaining)} です。上限は${f.relative(p.resetsAt)}にリセットされます。`,
} satisfies TranslationOf<typeof en>;
