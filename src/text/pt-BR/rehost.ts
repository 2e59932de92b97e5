import type { TranslationOf } from '../catalogue.js';
import type { rehost as en } from '../en/rehost.js';

const PRIVATE_POST = {
  keySent: ' (privado: o link com a chave foi enviado para você)',
  keyInView: ' (privado: quem enviou vê a chave com `/imgpile post ver`)',
} as const;

export const rehost = {
  'upload.notALink': (p) => `Isso não é um link: \`${p.link}\`.`,
  'upload.nothing': 'Informe um arquivo ou um link para enviar.',
  'upload.tooMany': (p, f) =>
    `São ${f.num(p.count)} arquivos e links: no máximo ${f.num(p.max)} de uma vez.`,
  'menu.nothing': 'Essa mensagem não tem anexos nem links de imagem para enviar.',

  'rehost.queued': (p, f) =>
    f.count(p.count, { '=1': '⏳ Enviando # arquivo…', other: '⏳ Enviando # arquivos…' }),
  'rehost.nothing': 'Nada foi enviado:',
  'rehost.noFallback':
    '-# O Discord só deixa o bot atualizar esta resposta por 15 minutos: se demorar mais, encontre o resultado com `/imgpile meus-envios`.',
  'rehost.progress': (p, f) =>
    `⏳ Enviando ${p.name}${p.total > 1 ? ` (arquivo ${f.num(p.index + 1)} de ${f.num(p.total)})` : ''}: ${f.num(p.percent)}%`,
  'rehost.refused': (p) => `✖ ${p.name}: ${p.reason}`,
  'rehost.moreLines': (p, f) =>
    f.count(p.count, { one: '…e mais # linha', other: '…e mais # linhas' }),
  'rehost.moreFiles': (p, f) =>
    f.count(p.count, { one: '…e mais # arquivo', other: '…e mais # arquivos' }),

  'result.noneOne': 'O arquivo não pôde ser enviado.',
  'result.none': 'Nenhum dos arquivos pôde ser enviado.',
  'result.all': (p, f) =>
    f.count(p.count, {
      '=1': 'Enviado para o imgpile:',
      other: '# arquivos enviados para o imgpile:',
    }),
  'result.some': (p, f) =>
    `${f.num(p.uploaded)} de ${f.num(p.total)} arquivos enviados para o imgpile:`,
  'result.heading': (p, f) =>
    p.uploaded === p.total
      ? f.count(p.uploaded, {
          '=1': 'Enviado para o imgpile',
          other: '# arquivos enviados para o imgpile',
        })
      : `${f.num(p.uploaded)} de ${f.num(p.total)} arquivos enviados para o imgpile`,
  'result.post': (p) => `**Post:** ${p.url}${p.private ? PRIVATE_POST[p.private] : ''}`,
  'result.noPost': (p) => `Nenhum post foi criado: ${p.reason}.`,
  'result.firstShown': (p, f) => `-# Os ${f.num(p.count)} primeiros são mostrados.`,
  'result.openPost': 'Abrir post',
  'result.delete': 'Excluir',

  'delivery.privateSent': (p) =>
    `Enviado de forma privada: os links foram mandados para <@${p.userId}> por mensagem direta.`,
  'delivery.privateNotSent': (p) =>
    `Enviado de forma privada, mas o Discord não me deixa mandar mensagem direta para <@${p.userId}>: encontre com \`/imgpile meus-envios\`.`,
  'delivery.finished': (p) => `<@${p.userId}>, seu envio terminou.`,
  'delivery.finishedPrivateSent': (p) =>
    `<@${p.userId}>, seu envio terminou: ele é privado, então os links foram mandados para você por mensagem direta.`,
  'delivery.finishedPrivateNotSent': (p) =>
    `<@${p.userId}>, seu envio terminou, mas ele é privado e o Discord não me deixa mandar mensagem direta para você: encontre com \`/imgpile meus-envios\`.`,
  'delivery.dm': 'Seu envio terminou.',
  'delivery.key': (p) => `Seu post privado: ${p.url}`,
  'result.removedByImgpile': (p) =>
    `${p.name}: a moderação do imgpile removeu o arquivo; o link dele não funciona mais.`,
  'find.notALink':
    'Isso não é um link de anexo do Discord nem um link de mensagem. Cole o link de um arquivo (clique direito → Copiar link) ou de uma mensagem (Copiar link da mensagem).',
  'find.none':
    'O bot não fez nenhuma cópia disso no imgpile. Perguntar não envia nada: use o menu da mensagem **Enviar para o imgpile** ou `/imgpile enviar link:` para enviar.',
  'find.noneYouCanSee': 'Não há nenhuma cópia disso no imgpile que você possa ver.',
  'find.adultElsewhere':
    'Essa cópia é conteúdo adulto (vem de um canal com restrição de idade): pergunte em um canal com restrição de idade.',
  'find.found': (p) => `A cópia no imgpile que o bot fez:\n${p.links}`,
  'find.offer':
    'O bot não fez nenhuma cópia disso no imgpile. Perguntar não envia nada; aperte **Enviar agora** para enviar o original agora.',
  'find.rehostButton': 'Enviar agora',
  'find.notYourButton': 'Só o membro que perguntou pode usar este botão.',
  'find.gone': 'Esse arquivo ou mensagem não está mais no Discord, então não pode ser enviado.',
  'find.rehosting': 'Enviando o original…',
  'sizes.xs': 'Links: xs',
  'sizes.sm': 'sm',
  'sizes.md': 'md',
  'sizes.lg': 'lg',
  'sizes.xl': 'xl',
  'sizes.links': (p) =>
    `Links diretos em ${p.size} (um vídeo dá a miniatura estática; o imgpile gera os tamanhos logo após o envio):\n${p.links}`,
  'sizes.none': 'Esta mensagem não tem links diretos de arquivos do imgpile.',
} satisfies TranslationOf<typeof en>;
