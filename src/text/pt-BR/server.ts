import type { TranslationOf } from '../catalogue.js';
import type { Permission, server as en } from '../en/server.js';
import { policyMeaning, policyPhrase, visibilityWord } from './words.js';

/** Discord's permissions by their names in its Brazilian Portuguese settings. */
const PERMISSIONS: Record<Permission, string> = {
  ViewChannel: 'Ver canal',
  SendMessages: 'Enviar mensagens',
  SendMessagesInThreads: 'Enviar mensagens em tópicos',
  ReadMessageHistory: 'Ver histórico de mensagens',
  AddReactions: 'Adicionar reações',
};
const names = (missing: readonly Permission[]) => missing.map((p) => PERMISSIONS[p]).join(', ');

const REPLIES = {
  gallery: 'os envios concluídos aparecem como galeria',
  plain: 'os envios concluídos aparecem como links simples',
} as const;

const DELETED = {
  keep: 'uma mensagem monitorada apagada no Discord mantém as cópias no imgpile e a resposta do bot',
  hide: 'uma mensagem monitorada apagada no Discord tem o post no imgpile ocultado e a resposta do bot removida',
  delete:
    'uma mensagem monitorada apagada no Discord tem as cópias excluídas do imgpile e a resposta do bot removida',
} as const;

export const server = {
  'watch.serverOnly': 'Monitorar canais só funciona em servidores onde o bot está.',
  'watch.cannotSee': (p) =>
    `Você mesmo não consegue ver <#${p.channelId}>, então não pode monitorá-lo: um monitoramento envia o que é postado lá.`,
  'watch.missing': (p) =>
    `O bot não consegue trabalhar em <#${p.channelId}>: falta a ele ${names(p.missing)} lá. Dê isso a ele (configurações do canal → Permissões) e adicione o monitoramento de novo.`,
  'watch.added': (p) =>
    `Monitorando <#${p.channelId}> (modo ${p.mode}, ${visibilityWord(p.visibility)}): toda imagem e vídeo postado lá, inclusive nos tópicos e posts, será enviado.`,
  'watch.privately': 'Os links vão para cada autor por mensagem direta.',
  'watch.noContent':
    '⚠️ O bot roda sem a intent Message Content, então não vê anexos nos canais monitorados até que um admin do bot ative "Message Content Intent" no portal de desenvolvedores do Discord e o reinicie.',
  'watch.none': 'Nenhum canal é monitorado. Adicione um com `/imgpile monitorar adicionar`.',
  'watch.list': 'Canais monitorados:',
  'watch.line': (p) => `<#${p.channelId}>: ${p.mode}, ${visibilityWord(p.visibility)}`,
  'watch.paused': (p) => `⏸️ pausado (${p.reason}): adicione de novo para retomar quando resolver`,
  'watch.lost': (p) => `⚠️ o bot perdeu ${names(p.missing)} lá`,
  'watch.gone': '⚠️ o bot não consegue mais ver este canal',
  'watch.unseen': (p, f) =>
    f.count(p.count, {
      one: '…e # canal monitorado que você não pode ver',
      other: '…e # canais monitorados que você não pode ver',
    }),
  'watch.removed': (p) => `Parei de monitorar <#${p.channelId}>.`,
  'watch.notWatched': (p) => `<#${p.channelId}> não estava sendo monitorado.`,
  'pause.lost': (p) => `o bot perdeu ${names(p.missing)} em <#${p.channelId}>`,
  'pause.refused': (p, f) =>
    `o Discord recusou o bot ${f.num(p.refusals)} vezes em 10 minutos em <#${p.channelId}>`,
  'pause.notice': (p) =>
    `Pausei o monitoramento de <#${p.channelId}>: ${p.reason}. Dê ao bot o que ele precisa lá (configurações do canal → Permissões) e use \`/imgpile monitorar adicionar\` para <#${p.channelId}> para retomar.`,

  'catchup.summary': (p, f) =>
    `Enquanto o bot estava fora, ${f.num(p.replied + p.quiet)} mensagens com arquivos foram postadas aqui: ele respondeu às primeiras ${f.num(p.replied)}; ` +
    f.count(p.quiet, {
      '=1': 'a outra também foi enviada, marcada com uma reação em vez de uma resposta.',
      other: 'as # outras também foram enviadas, marcadas com uma reação em vez de uma resposta.',
    }),
  'backfill.started': (p) =>
    `O envio do histórico de <#${p.channelId}> começou: o progresso aparece lá.`,
  'backfill.already': (p) =>
    `O histórico de <#${p.channelId}> já está sendo enviado: pare primeiro com \`/imgpile monitorar parar-histórico\`.`,
  'backfill.cannotRead': (p) =>
    `Você mesmo não consegue ler o histórico de <#${p.channelId}>, então não pode enviá-lo: o envio do histórico envia o que foi postado lá.`,
  'backfill.badSince': (p) =>
    `\`${p.since}\` não é uma data (2024-05-31) nem um link para uma mensagem desse canal.`,
  'backfill.notRunning': (p) => `O histórico de <#${p.channelId}> não está sendo enviado.`,
  'backfill.stopped': (p) => `O envio do histórico de <#${p.channelId}> foi interrompido.`,
  'backfill.heading': (p) =>
    `**Histórico** de imagens e vídeos deste canal, ${p.order === 'newest' ? 'os mais recentes primeiro' : 'os mais antigos primeiro'}${p.since ? `, até ${p.since}` : ''}`,
  'backfill.counts': (p, f) =>
    `${f.num(p.found)} arquivos encontrados · ${f.num(p.queued)} enviados · ${f.num(p.skipped)} pulados (já enviados ou recusados) · ${f.num(p.left)} ainda na fila`,
  'backfill.estimate': (p, f) =>
    f.count(p.minutes, {
      '=0': 'Ainda lendo o histórico…',
      one: 'Falta cerca de # minuto para o que está na fila.',
      other: 'Faltam cerca de # minutos para o que está na fila.',
    }),
  'backfill.paused': (p, f) =>
    `⏸️ Pausado: a cota diária deste servidor acabou. Retoma sozinho ${f.relative(p.until)}.`,
  'backfill.resumed': (p, f) =>
    `▶️ Retomado ${f.relative(p.at)}, quando a cota diária do servidor foi renovada.`,
  'backfill.done': '✅ Pronto: todo o histórico pedido foi lido.',
  'backfill.stoppedNote': '⏹️ Interrompido.',
  'backfill.failed': '❌ Encerrado: o bot não consegue mais ler este canal.',
  'backfill.stop': 'Parar',
  'settings.serverOnly': 'As configurações são de servidores onde o bot está.',
  'settings.summary': (p) =>
    `Respostas: **${p.replies}** (${REPLIES[p.replies]}).\nContas: **${p.accounts}** (${policyMeaning(p.accounts)}).\nMensagens apagadas: **${p.deleted}** (${DELETED[p.deleted]}).`,

  'quota.title': 'Arquivos enviados hoje',
  'quota.you': 'Você',
  'quota.server': 'Este servidor',
  'quota.botAccount': 'A conta do imgpile do bot',
  'quota.ownAccount': (p) =>
    `Sua conta do imgpile (${p.username})${p.broken ? ', sem funcionar' : ''}`,
  'quota.footer': 'Os limites zeram à meia-noite UTC',
  'quota.usage': (p, f) =>
    `${f.num(p.used)} de ${f.num(p.limit)} (restam ${f.num(Math.max(0, p.limit - p.used))})`,
  'quota.none': 'n/d',
  'quota.resets': (p, f) => `Zera ${f.relative(p.at)}.`,
  'quota.policy': (p) => `Este servidor: ${policyPhrase(p.accounts)}.`,
  'quota.refused': (p, f) => {
    const held = p.inProgress > 0 ? `; ${f.num(p.inProgress)} sendo baixados agora` : '';
    return `Arquivos recusados: ${f.num(p.used)} de ${f.num(p.limit)} (restam ${f.num(Math.max(0, p.limit - p.used))}${held}). Contam os arquivos que não são imagens nem vídeos e os links que falham: ao chegar a ${f.num(p.limit)}, seus envios param até zerar.`;
  },
} satisfies TranslationOf<typeof en>;
