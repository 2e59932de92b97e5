import type { TranslationOf } from '../catalogue.js';
import type { errors as en } from '../en/errors.js';

/** A lower layer's clause as a sentence: imgpile keeps its lower-case name, all else is capitalised. */
const sentence = (clause: string) =>
  clause.startsWith('imgpile') ? `${clause}.` : `${clause[0]!.toUpperCase()}${clause.slice(1)}.`;

const FOR = {
  account: 'a conta do imgpile do bot',
  linked: 'a sua própria conta do imgpile',
  guild: 'este servidor',
  user: 'você',
  refusals: 'você',
} as const;

export const errors = {
  'error.generic': 'Algo deu errado do nosso lado e foi registrado. Tente de novo mais tarde.',
  'error.storageDown':
    'O armazenamento do bot está indisponível no momento, então nada entrou na fila. Tente de novo em um minuto.',
  'error.queuedOrNot':
    'O armazenamento do bot parou de responder bem quando seu pedido foi enviado, então ele pode ter entrado na fila. Se entrou, o resultado chega aqui como sempre; se nada chegar em alguns minutos, tente de novo.',
  'error.imgpileRetryIn': (p, f) =>
    `${f.say(p.reason)}. Tente de novo em ${f.num(p.seconds)} segundos.`,
  'error.imgpileRetry': (p, f) => `${f.say(p.reason)}. Tente de novo em um minuto.`,
  'error.imgpile': (p, f) => sentence(f.say(p.reason)),
  'error.staleButton': 'Esse botão está desatualizado.',
  'error.unreadableRequest': 'Não foi possível ler esse pedido: nada foi enviado.',

  'busy.tryIn': (p, f) => `${f.say(p.busy)} Tente de novo em ${f.num(p.seconds)} segundos.`,
  'busy.ownShare': (p, f) =>
    `Você usou a sua parte de leituras do imgpile por enquanto. Tente de novo em ${f.num(p.seconds)} segundos.`,
  'busy.bot': 'O bot chegou ao limite de requisições do imgpile.',
  'busy.member': 'A sua conta do imgpile chegou ao limite de requisições.',
  'busy.reads': 'O orçamento de requisições ao imgpile acabou por enquanto.',
  'busy.feed': 'O feed do imgpile está ocupado.',
  'busy.token': 'Esse token chegou ao limite de requisições.',
  'busy.linkTries': (p, f) =>
    `Você tentou vincular uma conta ${f.num(p.tries)} vezes em ${f.num(p.minutes)} minutos.`,

  'quota.refusals': (p, f) =>
    `Muitos arquivos seus foram recusados hoje (${f.num(p.limit)}: arquivos que não são imagens nem vídeos, links que falham ou arquivos que o imgpile não aceita). Você poderá enviar de novo ${f.relative(p.resetsAt)}.`,
  'quota.usedUp': (p, f) =>
    `O limite diário de ${f.num(p.limit)} arquivos para ${FOR[p.scope]} acabou. Ele é zerado ${f.relative(p.resetsAt)}.`,
  'quota.tooMany': (p, f) =>
    `São ${f.num(p.requested)} arquivos, mas só restam ${f.num(p.remaining)} dos ${f.num(p.limit)} diários para ${FOR[p.scope]}. O limite é zerado ${f.relative(p.resetsAt)}.`,
} satisfies TranslationOf<typeof en>;
