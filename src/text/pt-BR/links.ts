import type { TranslationOf } from '../catalogue.js';
import type { links as en } from '../en/links.js';

export const links = {
  'links.tooLong': 'Isso é longo demais para um slug ou um link do imgpile.',
  'links.notAscii': 'Slugs e links do imgpile têm só letras e números: esse tem outros caracteres.',
  'links.notALink': 'Isso não é nem um slug do imgpile nem um link que o bot consiga ler.',
  'links.otherHost': (p) =>
    `Aqui só funcionam os links do próprio imgpile (${p.site}/p/… ou ${p.cdn}/f/…) ou um slug simples.`,
  'links.credentials': 'Esse link tem um nome de usuário ou uma senha: links do imgpile nunca têm.',
  'links.badPath':
    'Esse link não aponta para a página de um post (/p/<slug>) nem para um arquivo (/f/<slug>.<ext>).',
  'links.badKey': 'A chave desse link não é uma chave de acesso válida.',
  'links.twoKeys': 'O link tem uma chave diferente da opção chave: informe só uma.',
  'links.wrongKind': (p) =>
    p.want === 'post'
      ? 'Esse é o link de um arquivo, não de um post: use `/imgpile mídia` para arquivos ou informe o link do post.'
      : 'Esse é o link de um post, não de um arquivo: informe o link do arquivo ou o slug dele.',
  'complete.post': (p) => (p.title ? `${p.slug} · post · ${p.title}` : `${p.slug} · post`),
  'complete.media': (p) => (p.title ? `${p.slug} · arquivo · ${p.title}` : `${p.slug} · arquivo`),
  'complete.channel': (p) => `#${p.name}`,
  'complete.goneChannel': (p) => `${p.channelId} (canal não encontrado)`,
  'def.watch.remove.watched': 'Ou um canal monitorado, da lista (mesmo um que foi excluído)',
  'watch.removeWhich': 'Informe o canal ou escolha um dos canais monitorados: um dos dois.',
} satisfies TranslationOf<typeof en>;
