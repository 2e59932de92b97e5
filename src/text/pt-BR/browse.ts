import type { TranslationOf } from '../catalogue.js';
import type { browse as en } from '../en/browse.js';
import { KIND_THE } from './words.js';

const WHOSE = { own: 'na sua conta do imgpile', bot: 'com a conta do imgpile do bot' } as const;

export const browse = {
  'nav.previous': 'Anterior',
  'nav.next': 'Próxima',

  'post.untitled': 'Sem título',
  'post.by': (p) => `por ${p.name}`,
  'post.score': (p, f) => `pontuação ${f.num(p.score)}`,
  'post.views': (p, f) => f.count(p.count, { one: '# visualização', other: '# visualizações' }),
  'post.files': (p, f) => f.count(p.count, { one: '# arquivo', other: '# arquivos' }),
  'post.hiddenFiles': (p, f) =>
    `-# ${f.count(p.count, { one: '# arquivo não é mostrado', other: '# arquivos não são mostrados' })} aqui.`,
  'post.previewHidden': '-# Prévia não mostrada aqui.',
  'post.moreLinks': (p, f) => f.count(p.count, { one: '…e mais # link', other: '…e mais # links' }),
  'post.open': 'Abrir no imgpile',
  'post.filesPage': (p, f) => `-# Arquivos, página ${f.num(p.page)} de ${f.num(p.lastPage)}`,
  'post.viewExpired': 'Esta visualização expirou. Use `/imgpile post ver` de novo.',
  'post.viewNotYours':
    'Só quem abriu esta visualização pode passar as páginas. Use `/imgpile post ver` para ter a sua.',
  'feed.empty': 'Nenhum post encontrado.',
  'feed.page': (p, f) => `Página ${f.num(p.page)} de ${f.num(p.lastPage)}`,
  'feed.adultHere':
    'Conteúdo adulto só pode ser mostrado em canais com restrição de idade. Use o feed sem `nsfw` aqui.',
  'feed.expired': 'Este feed expirou. Use `/imgpile explorar` de novo.',
  'feed.notYours':
    'Só quem abriu este feed pode passar as páginas. Use `/imgpile explorar` para ter o seu.',

  'profile.noUser': (p) => `O imgpile não tem nenhum usuário chamado ${p.username}.`,
  'profile.posts': 'Posts',
  'profile.followers': 'Seguidores',
  'profile.following': 'Seguindo',
  'profile.noPosts': 'Nenhum post público.',
  'profile.media': 'Mídia',
  'profile.emptyList': 'Nada aqui.',
  'profile.mediaLine': (p, f) => `${f.num(p.n)}. **${p.title}** · ${p.url}`,
  'profile.userLine': (p, f) => `${f.num(p.n)}. ${p.name}`,
  'profile.line': (p, f) =>
    `${f.num(p.n)}. **${p.title}** · pontuação ${f.num(p.score)} · ${p.url}`,
  'profile.footer': (p, f) => `Posts recentes, página ${f.num(p.page)} de ${f.num(p.lastPage)}`,

  'social.panel': (p, f) => {
    const mine =
      p.vote === 'up' ? ' Você votou a favor.' : p.vote === 'down' ? ' Você votou contra.' : '';
    return `**${p.title}**${p.by === null ? '' : ` por ${p.by}`} · pontuação ${f.num(p.score)}.${mine}\n${p.url}`;
  },
  'social.voteBusy': 'Seu voto neste post já está sendo contado.',
  'social.voteUnknown':
    'O imgpile não disse se você já votou neste post, então nenhum voto foi enviado. Tente mais tarde.',
  'social.alreadyVoted': (p, f) =>
    `Você já votou ${p.up ? 'a favor' : 'contra'} neste post; a pontuação dele é ${f.num(p.score)}.`,
  'social.voted': (p, f) =>
    `Voto ${p.up ? 'a favor' : 'contra'}: a pontuação do post agora é ${p.score === null ? '?' : f.num(p.score)}.`,
  'social.notVoted': (p, f) =>
    `Você não tem voto ${p.up ? 'a favor' : 'contra'} neste post para retirar; a pontuação dele é ${f.num(p.score)}.`,
  'social.tookBack': (p, f) =>
    `Seu voto ${p.up ? 'a favor' : 'contra'} foi retirado: a pontuação do post agora é ${p.score === null ? '?' : f.num(p.score)}.`,
  'social.follows': (p) => `Você segue ${p.name} no imgpile.`,
  'social.unfollowed': (p) => `Você deixou de seguir ${p.name} no imgpile.`,
  'social.form.title': 'Comentar no imgpile',
  'social.form.label': 'Seu comentário',
  'social.emptyComment': 'Um comentário vazio não foi publicado.',
  'social.commented': (p) => `Seu comentário foi publicado: ${p.url}`,
  'social.upvote': '▲ Votar a favor',
  'social.downvote': '▼ Votar contra',
  'social.takeBackUp': '▲ Retirar voto a favor',
  'social.takeBackDown': '▼ Retirar voto contra',
  'social.comment': '💬 Comentar',
  'social.open': 'Votar, comentar',
  'social.follow': (p) => `Seguir ${p.username}`,
  'social.unfollow': (p) => `Deixar de seguir ${p.username}`,

  'comments.button': '💬 Comentários',
  'comments.none': 'Ainda não há comentários feitos por meio deste bot neste post.',
  'comments.head': (p, f) =>
    `Comentários feitos por meio deste bot, os mais recentes primeiro (página ${f.num(p.page)} de ${f.num(p.lastPage)}):`,
  'comments.line': (p, f) => `${f.num(p.n)}. ${p.author}: ${p.content}`,
  'comments.upvote': (p, f) => `▲ ${f.num(p.n)}`,
  'comments.downvote': (p, f) => `▼ ${f.num(p.n)}`,
  'comments.delete': (p, f) => `Excluir meu comentário ${f.num(p.n)}`,
  'comments.noPost':
    'Esse post não pode ser lido publicamente, então os comentários dele não são mostrados aqui.',
  'comments.unknown': 'O bot não conhece mais esse comentário.',
  'comments.notYours': 'Só o membro que escreveu esse comentário pode excluí-lo.',
  'comments.notYoursOnImgpile': 'Segundo o imgpile, esse comentário não é da sua conta vinculada.',
  'comments.deleted': 'Seu comentário foi excluído.',
  'comments.voted': (p, f) =>
    `Voto ${p.up ? 'a favor' : 'contra'} no comentário${p.score === null ? '' : `: a pontuação dele agora é ${f.num(p.score)}`}. Clique de novo para retirá-lo.`,
  'comments.tookBack': (p, f) =>
    `Seu voto ${p.up ? 'a favor' : 'contra'} no comentário foi retirado${p.score === null ? '' : `: a pontuação dele agora é ${f.num(p.score)}`}.`,
  'mine.empty': (p) => `Nada enviado ${WHOSE[p.source]}${p.later ? ' nesta página' : ' ainda'}.`,
  'mine.head': (p, f) =>
    `O que você enviou ${WHOSE[p.source]}, do mais recente ao mais antigo (página ${f.num(p.page)} de ${f.num(p.lastPage)}):`,
  'mine.line': (p, f) =>
    `${f.num(p.n)}. ${p.kind === 'post' ? 'Post' : 'Arquivo'}${p.title === null ? '' : ` **${p.title}**`} ${p.url}${p.at === null ? '' : ` · ${f.relative(p.at)}`}`,
  'mine.deleteN': (p, f) => `Excluir ${f.num(p.n)}`,
  'mine.ask': (p) =>
    `Excluir ${KIND_THE[p.kind]} \`${p.slug}\` do imgpile? Isso não pode ser desfeito.`,
  'mine.deleteThe': (p) => `Excluir ${KIND_THE[p.kind]}`,
  'mine.keep': 'Manter',
  'mine.stale': 'Esse botão está desatualizado. Use `/imgpile meus-envios` de novo.',
} satisfies TranslationOf<typeof en>;
