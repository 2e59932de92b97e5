import type { TranslationOf } from '../catalogue.js';
import type { AddressClass, refusals as en } from '../en/refusals.js';
import type { Format } from '../format.js';
import { LINK_HINT } from './words.js';

/** A size as the bot's limits are said: bytes, KB (rounded), MB (one decimal unless whole). */
function size(n: number, f: Format): string {
  const MB = 1024 * 1024;
  if (n >= MB) return `${f.num(n / MB, n % MB === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${f.num(Math.round(n / 1024))} KB`;
  return `${f.num(n)} bytes`;
}

const ADDRESS: Record<AddressClass, string> = {
  unspecified: 'um endereço não especificado',
  loopback: 'um endereço de loopback',
  private: 'um endereço de rede privada',
  shared: 'um endereço de NAT de operadora',
  'link-local': 'um endereço link-local',
  metadata: 'um endereço de metadados de nuvem',
  multicast: 'um endereço multicast',
  broadcast: 'um endereço de broadcast',
  documentation: 'um endereço de documentação',
  benchmarking: 'um endereço de benchmarking',
  reserved: 'um endereço reservado',
};

export const refusals = {
  'refusal.tooLarge': (p, f) => `o arquivo é maior que ${size(p.limit, f)}`,
  'refusal.largerThanAnnounced': 'o arquivo é maior que o tamanho anunciado',
  'refusal.empty': 'o arquivo está vazio',
  'refusal.notMedia': 'esse tipo de arquivo não é aceito (só imagens e vídeos)',
  'refusal.notDiscordAttachment': 'esse link não é um anexo do Discord',
  'refusal.expired': 'o link do Discord expirou e não pôde ser renovado',
  'refusal.cdnRefused': (p, f) => `a CDN do Discord recusou o download (HTTP ${f.num(p.status)})`,
  'refusal.retriesExhausted':
    'não pôde ser enviado depois de várias tentativas (o imgpile ou o Discord estava fora do ar); tente mais tarde',
  'refusal.refusalsSpent':
    'não baixado: muitos arquivos seus foram recusados hoje (zera à meia-noite UTC)',
  'refusal.siteUnreachable': 'o site do link não respondeu depois de várias tentativas',
  'refusal.linksOff': 'o envio de links está desativado neste bot (URL_REHOST)',
  'refusal.withdrawn': 'excluído junto com o post, que não pôde ser criado como pedido',

  'refusal.invalidLink': 'isso não é um link válido',
  'refusal.httpOnly': 'só links http e https podem ser enviados',
  'refusal.httpsOnly': 'só links https podem ser enviados',
  'refusal.credentials': 'links com nome de usuário ou senha não são aceitos',
  'refusal.siteNotAccepted': 'links para esse site não são aceitos aqui',
  'refusal.address': (p) => `esse link aponta para ${ADDRESS[p.class]}, o que não é permitido`,
  'refusal.siteNotFound': 'o site desse link não foi encontrado',
  'refusal.nameServerSilent': 'o site desse link não respondeu: o servidor de nomes dele está mudo',
  'refusal.tooSlowTotal': (p, f) =>
    `o site é lento demais: o download levou mais de ${f.num(p.minutes)} minutos`,
  'refusal.tooSlowRate': (p, f) =>
    `o site é lento demais: mandava menos de ${f.num(p.kbPerSecond)} KB por segundo`,
  'refusal.badCertificate': 'o certificado HTTPS do site não é válido',
  'refusal.siteRefused': (p, f) => `o site recusou o download (HTTP ${f.num(p.status)})`,
  'refusal.redirectToNowhere': 'o site respondeu com um redirecionamento para lugar nenhum',
  'refusal.redirectInvalid': 'o site redirecionou para um link inválido',
  'refusal.tooManyRedirects': (p, f) => `o link redireciona mais de ${f.num(p.max)} vezes`,

  'refusal.accountOff':
    'a vinculação de contas do imgpile foi desativada neste bot antes de este arquivo ser enviado',
  'refusal.accountUnlinked':
    'a sua conta do imgpile foi desvinculada antes de este arquivo ser enviado',
  'refusal.accountBroken': `o imgpile recusou o token da sua conta vinculada; vincule-a de novo com ${LINK_HINT}`,
  'refusal.accountUnreadable': `não foi possível ler a sua conta do imgpile vinculada (a chave de criptografia do bot mudou); vincule-a de novo com ${LINK_HINT}`,
  'refusal.linkedTokenRefused': 'o imgpile recusou o token da conta vinculada',
  'refusal.senderAccountUnusable': 'a conta do imgpile vinculada de quem enviou não pôde ser usada',

  'imgpile.banned': 'o imgpile recusou este arquivo (ele corresponde a um arquivo banido)',
  'imgpile.typeNotAccepted': 'o imgpile não aceita esse tipo de arquivo',
  'imgpile.tooLarge': 'o arquivo é grande demais para o imgpile',
  'imgpile.rejected': (p) => `o imgpile recusou isto: ${p.detail}`,
  'imgpile.tokenRefused':
    'o bot não consegue acessar o imgpile agora; o operador dele já foi avisado',
  'imgpile.notOwner': 'o imgpile não permitiu: isso não é da conta do bot',
  'imgpile.forbiddenOwn': 'o imgpile não permitiu isso para a sua própria conta do imgpile',
  'imgpile.notFound': 'o imgpile não tem nada com esse slug (ou é privado e precisa da chave)',
  'imgpile.invalidInput': 'isso não é um slug, id ou chave válido do imgpile (nada foi enviado)',
  'imgpile.unexpected': 'o imgpile deu uma resposta inesperada',
  'imgpile.slowDown': 'o imgpile pediu para o bot ir mais devagar',
  'imgpile.interrupted': 'a requisição ao imgpile foi interrompida',
  'imgpile.unreachable': 'o imgpile não pôde ser acessado',

  'post.inAnotherPost':
    'esses arquivos já estão em outro post no imgpile, que mantém cada arquivo em um só post',
  'post.withdrawn': (p) => {
    const as = p.visibility
      ? `${p.visibility === 'private' ? 'privado' : 'oculto'}${p.nsfw ? ' e só para adultos' : ''}`
      : 'só para adultos';
    return `o imgpile não quis deixar o post ${as}, então ele foi excluído, junto com os arquivos enviados para ele`;
  },
  'post.noMediaIds': 'o imgpile não devolveu ids de mídia, então nenhum post pôde ser criado',
  'post.tryLater': (p, f) => `${f.say(p.reason)}; tente mais tarde`,
  'retry.download': 'o arquivo não pôde ser baixado',
  'retry.cannotWithdraw': 'um post que não pode ficar público não pôde ser excluído',
  'post.lostWithdrawn':
    'a resposta do imgpile ao criar o post se perdeu e o post criado não foi encontrado, então os arquivos enviados para ele foram excluídos; tente de novo',
} satisfies TranslationOf<typeof en>;
