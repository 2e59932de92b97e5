import type { TranslationOf } from '../catalogue.js';
import type { Act, accounts as en } from '../en/accounts.js';
import { LINK_HINT, policyPhrase } from './words.js';

/** What a member asked to do as themselves: completes "você não pode …". */
const ACTS: Record<Act, string> = {
  voteCommentFollow: 'votar, comentar nem seguir',
  vote: 'votar',
  comment: 'comentar',
  follow: 'seguir',
  deleteFiles: 'excluir estes arquivos',
  deleteFile: 'excluir um arquivo',
  deletePost: 'excluir um post',
  changePost: 'alterar o seu próprio post',
  changeMedia: 'alterar a sua própria mídia',
  listOwn: 'listar a sua própria conta',
};
/** The same, after "para …" (an affirmative list). */
const TO: Record<Act, string> = { ...ACTS, voteCommentFollow: 'votar, comentar ou seguir' };

const OWN_ONLY = 'Este servidor envia para as contas do imgpile dos próprios membros';

export const accounts = {
  'account.forbiddenOwn': 'O imgpile não permitiu isso para a sua conta do imgpile.',
  'act.off': (p) =>
    `A vinculação de contas do imgpile está desativada neste bot, então você não pode ${ACTS[p.act]} aqui.`,
  'act.unlinked': (p) =>
    `Para ${TO[p.act]} com a sua conta, vincule primeiro a sua conta do imgpile: ${LINK_HINT}.`,
  'act.broken': (p) =>
    `O imgpile recusou o token da sua conta vinculada, então você não pode ${ACTS[p.act]} até vinculá-la de novo: ${LINK_HINT}.`,
  'act.unreadable': (p) =>
    `Não foi possível ler a sua conta do imgpile vinculada, então você não pode ${ACTS[p.act]}: vincule-a de novo com ${LINK_HINT}.`,
  'account.tokenRefused': `O imgpile recusou o token da sua conta vinculada, então ela foi marcada como quebrada. Vincule-a de novo com ${LINK_HINT}.`,

  'account.statusBroken': `⚠️ O imgpile recusou o token dela, então ela não é usada: seus arquivos vão para a conta do bot onde um servidor permite. Vincule-a de novo com ${LINK_HINT}.`,
  'account.statusUnreadable': `⚠️ O bot não consegue mais ler o token dela (a chave de criptografia mudou), então ela não é usada: seus arquivos vão para a conta do bot onde um servidor permite. Vincule-a de novo com ${LINK_HINT}.`,
  'account.noticeBroken': `A sua conta do imgpile vinculada não funciona mais: o imgpile recusou o token dela. Até você vinculá-la de novo (${LINK_HINT}), seus arquivos vão para a conta do imgpile do bot.`,
  'account.noticeUnreadable': `O bot não conseguiu ler a sua conta do imgpile vinculada: a chave de criptografia mudou desde que você a vinculou. Até você vinculá-la de novo (${LINK_HINT}), seus arquivos vão para a conta do imgpile do bot.`,

  'account.ownOnlyOff': `${OWN_ONLY}, mas a vinculação de contas está desativada neste bot. Nada foi enviado; um admin do servidor pode mudar \`/imgpile configurações contas\`.`,
  'account.ownOnlySender': `${OWN_ONLY}, e a de quem enviou não pôde ser usada. Nada foi enviado.`,
  'account.ownOnlyUnreadable': `O bot não conseguiu ler a sua conta do imgpile vinculada (a chave de criptografia mudou desde que você a vinculou), e este servidor envia para as contas dos próprios membros. Vincule-a de novo com ${LINK_HINT}. Nada foi enviado.`,
  'account.ownOnlyBroken': `A sua conta do imgpile vinculada não funciona mais (o imgpile recusou o token dela), e este servidor envia para as contas dos próprios membros. Vincule-a de novo com ${LINK_HINT}. Nada foi enviado.`,
  'account.ownOnlyUnlinked': `${OWN_ONLY}: vincule a sua com ${LINK_HINT} e tente de novo. Nada foi enviado.`,

  'account.off':
    'A vinculação de contas do imgpile está desativada neste bot (o operador não definiu uma chave de criptografia), então seus arquivos vão para a conta do imgpile do bot.',
  'account.unlinked':
    'A sua conta do imgpile foi desvinculada e o token esquecido. Seus arquivos vão para a conta do imgpile do bot onde um servidor permite.',
  'account.noneToUnlink': 'Nenhuma conta do imgpile estava vinculada.',
  'account.none': `Nenhuma conta do imgpile está vinculada. ${LINK_HINT} vincula a sua.`,
  'account.here': (p) => `Neste servidor: ${policyPhrase(p.accounts)}.`,
  'account.linkedSince': (p, f) =>
    `Vinculada à conta do imgpile **${p.username}** (desde ${f.relative(p.since)}). O token fica guardado criptografado e nunca é mostrado.`,

  'account.form.title': 'Vincular sua conta do imgpile',
  'account.form.username': 'Nome de usuário no imgpile',
  'account.form.token': 'Token da API do imgpile',
  'account.form.tokenHint':
    'Guardado criptografado; nunca mais mostrado. Desvincule quando quiser.',
  'account.badUsername': 'Isso não é um nome de usuário do imgpile.',
  'account.badToken': 'Isso não parece um token da API do imgpile: nada foi vinculado.',
  'account.notTheirs': (p) =>
    `Esse token não é da conta do imgpile ${p.username} (o imgpile não a mostra como dona dos posts dela): nada foi vinculado.`,
  'account.tokenNotAccepted': 'O imgpile não aceitou esse token: nada foi vinculado.',
  'account.noSuchUser': (p) =>
    `O imgpile não tem nenhum usuário chamado ${p.username}: nada foi vinculado.`,
  'account.linked': (p) =>
    `Vinculada à conta do imgpile **${p.username}**. Seus envios vão para ela onde um servidor permite (\`/imgpile configurações\`), e você pode votar, comentar e seguir com a sua conta. \`/imgpile conta desvincular\` esquece o token na hora.`,
} satisfies TranslationOf<typeof en>;
