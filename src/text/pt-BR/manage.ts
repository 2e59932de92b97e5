import type { TranslationOf } from '../catalogue.js';
import type { manage as en } from '../en/manage.js';
import { visibilityWord } from './words.js';

const THIS = { media: 'Esse arquivo', post: 'Esse post' } as const;
const THAT = { media: 'esse arquivo', post: 'esse post' } as const;

export const manage = {
  'manage.notThroughBot': (p) =>
    `${THIS[p.kind]} não foi enviado por este bot, então não pode ser alterado daqui.`,
  'manage.notUploader': (p) =>
    `Só quem enviou ${THAT[p.kind]}, ou um membro com Gerenciar mensagens no servidor de onde ele foi enviado, pode alterá-lo.`,
  'manage.needManageServerWatch':
    'Você precisa da permissão Gerenciar servidor para mudar quais canais são monitorados.',
  'manage.needManageServerSettings':
    'Você precisa da permissão Gerenciar servidor para mudar as configurações.',
  'manage.notASlug': 'Isso não é um slug do imgpile (os 7 caracteres depois de /p/ em um link).',
  'manage.notYoursOnImgpile': (p) => `${THIS[p.kind]} não é seu no imgpile.`,
  'manage.notYours': (p) => `${THIS[p.kind]} não é seu.`,
  'manage.deleted': (p) => `${p.kind === 'post' ? 'Post' : 'Arquivo'} \`${p.slug}\` excluído.`,
  'manage.nothingToChange':
    'Nada para mudar: informe um título, uma descrição, uma visibilidade ou nsfw.',
  'manage.nothingToChangeMedia': 'Nada para mudar: informe um título ou uma descrição.',
  'manage.updatedMedia': (p) => `Arquivo \`${p.slug}\` atualizado.`,
  'manage.onlyMaker':
    'Só a pessoa para quem o bot criou esse post pode mudar os arquivos dele (um moderador pode editá-lo ou excluí-lo).',
  'manage.otherAccountsPost':
    'Esse post pertence a outra conta do imgpile, não à que você vinculou: só dá para adicionar arquivos aos posts da sua conta vinculada.',
  'manage.makerOnlyPrivacy':
    'Só a pessoa para quem o bot criou esse post pode mudar a visibilidade dele ou tirar a marca de conteúdo adulto (um moderador pode editar o título e a descrição, marcá-lo como adulto ou excluí-lo).',
  'manage.markAdultFirst':
    'Arquivos de um canal com restrição de idade, ou marcados como spoiler, são conteúdo adulto: marque o post como adulto primeiro (`/imgpile post editar`, nsfw = True) e depois adicione-os.',
  'manage.botAccountsPost':
    'Esse post pertence à conta do imgpile do bot, e seus arquivos agora vão para a conta que você vinculou: o imgpile só adiciona arquivos a um post da mesma conta.',
  'manage.linkedAccountsPost':
    'Esse post pertence à sua conta do imgpile vinculada, mas este servidor envia os arquivos para a conta do bot: o imgpile só adiciona arquivos a um post da mesma conta.',
  'manage.badOrder': (p, f) =>
    `Informe números de arquivo de 1 a ${f.num(p.count)}, cada um no máximo uma vez, separados por espaços ou vírgulas (ex.: "3 1").`,
  'manage.sameOrder': 'Os arquivos já estão nessa ordem: nada mudou.',
  'manage.updatedPrivate': (p) => `Atualizado. O post é privado; o link dele com a chave: ${p.url}`,
  'manage.updated': (p) => `Atualizado: ${p.url}`,
  'manage.pending':
    'O imgpile ainda não terminou de verificar esse post: veja-o em um canal com restrição de idade, ou mais tarde.',
  'manage.adultPost':
    'Esse post está marcado como conteúdo adulto: veja-o em um canal com restrição de idade.',
  'manage.adultHidden': (p, f) =>
    f.count(p.count, {
      one: '# arquivo adulto não é mostrado aqui.',
      other: '# arquivos adultos não são mostrados aqui.',
    }),
  'manage.visibility': (p) =>
    `Visibilidade: ${visibilityWord(p.visibility)}${p.keyUrl ? ` (link com a chave: ${p.keyUrl})` : ''}`,

  'delete.unknown': 'O bot não conhece mais esses arquivos: nada para excluir aqui.',
  'delete.notOwner': 'Só quem enviou esses arquivos pode excluí-los.',
  'delete.notTheirs':
    'O imgpile diz que esses arquivos não são da sua conta vinculada: eles foram criados com uma conta que você vinculou antes?',
  'delete.done': 'Excluído do imgpile.',
  'delete.kept': 'Nada foi excluído.',
  'delete.ask': (p, f) => {
    const files = f.count(p.files, { one: '# arquivo', other: '# arquivos' });
    return `Excluir ${p.post ? `o post e os ${files} dele` : files} do imgpile? Isso não pode ser desfeito.`;
  },
  'delete.button': 'Excluir',
  'delete.cancel': 'Cancelar',
} satisfies TranslationOf<typeof en>;
