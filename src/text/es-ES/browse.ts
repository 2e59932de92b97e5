import type { TranslationOf } from '../catalogue.js';
import type { browse as en } from '../en/browse.js';
import { KIND_THE } from './words.js';

const WHOSE = { own: 'en tu cuenta de imgpile', bot: 'con la cuenta de imgpile del bot' } as const;

export const browse = {
  'nav.previous': 'Anterior',
  'nav.next': 'Siguiente',

  'post.untitled': 'Sin título',
  'post.by': (p) => `de ${p.name}`,
  'post.score': (p, f) => `puntuación ${f.num(p.score)}`,
  'post.views': (p, f) => f.count(p.count, { one: '# visita', other: '# visitas' }),
  'post.files': (p, f) => f.count(p.count, { one: '# archivo', other: '# archivos' }),
  'post.hiddenFiles': (p, f) =>
    `-# ${f.count(p.count, { one: '# archivo no se muestra', other: '# archivos no se muestran' })} aquí.`,
  'post.previewHidden': '-# La vista previa no se muestra aquí.',
  'post.moreLinks': (p, f) =>
    f.count(p.count, { one: '…y # enlace más', other: '…y # enlaces más' }),
  'post.open': 'Abrir en imgpile',
  'post.filesPage': (p, f) => `-# Archivos, página ${f.num(p.page)} de ${f.num(p.lastPage)}`,
  'post.viewExpired': 'Esta vista ha caducado. Vuelve a usar `/imgpile publicación ver`.',
  'post.viewNotYours':
    'Solo quien abrió esta vista puede pasar sus páginas. Usa `/imgpile publicación ver` para tener la tuya.',
  'feed.empty': 'No hay publicaciones que coincidan.',
  'feed.page': (p, f) => `Página ${f.num(p.page)} de ${f.num(p.lastPage)}`,
  'feed.adultHere':
    'El contenido para adultos solo se puede mostrar en canales con restricción de edad. Usa el feed sin `nsfw` aquí.',
  'feed.expired': 'Este feed ha caducado. Vuelve a usar `/imgpile explorar`.',
  'feed.notYours':
    'Solo quien abrió este feed puede pasar sus páginas. Usa `/imgpile explorar` para tener el tuyo.',

  'profile.noUser': (p) => `imgpile no tiene ningún usuario llamado ${p.username}.`,
  'profile.posts': 'Publicaciones',
  'profile.followers': 'Seguidores',
  'profile.following': 'Siguiendo',
  'profile.noPosts': 'No hay publicaciones públicas.',
  'profile.media': 'Multimedia',
  'profile.emptyList': 'Aquí no hay nada.',
  'profile.mediaLine': (p, f) => `${f.num(p.n)}. **${p.title}** · ${p.url}`,
  'profile.userLine': (p, f) => `${f.num(p.n)}. ${p.name}`,
  'profile.line': (p, f) =>
    `${f.num(p.n)}. **${p.title}** · puntuación ${f.num(p.score)} · ${p.url}`,
  'profile.footer': (p, f) =>
    `Publicaciones recientes, página ${f.num(p.page)} de ${f.num(p.lastPage)}`,

  'social.panel': (p, f) => {
    const mine =
      p.vote === 'up'
        ? ' Le diste un voto positivo.'
        : p.vote === 'down'
          ? ' Le diste un voto negativo.'
          : '';
    return `**${p.title}**${p.by === null ? '' : ` de ${p.by}`} · puntuación ${f.num(p.score)}.${mine}\n${p.url}`;
  },
  'social.voteBusy': 'Tu voto en esta publicación ya se está contando.',
  'social.voteUnknown':
    'imgpile no dijo si ya has votado esta publicación, así que no se envió ningún voto. Inténtalo más tarde.',
  'social.alreadyVoted': (p, f) =>
    `Ya le diste un voto ${p.up ? 'positivo' : 'negativo'} a esta publicación; su puntuación es ${f.num(p.score)}.`,
  'social.voted': (p, f) =>
    `Voto ${p.up ? 'positivo' : 'negativo'}: la puntuación de la publicación es ahora ${p.score === null ? '?' : f.num(p.score)}.`,
  'social.notVoted': (p, f) =>
    `No tienes ningún voto ${p.up ? 'positivo' : 'negativo'} que retirar en esta publicación; su puntuación es ${f.num(p.score)}.`,
  'social.tookBack': (p, f) =>
    `Has retirado tu voto ${p.up ? 'positivo' : 'negativo'}: la puntuación de la publicación es ahora ${p.score === null ? '?' : f.num(p.score)}.`,
  'social.follows': (p) => `Sigues a ${p.name} en imgpile.`,
  'social.unfollowed': (p) => `Ya no sigues a ${p.name} en imgpile.`,
  'social.form.title': 'Comentar en imgpile',
  'social.form.label': 'Tu comentario',
  'social.emptyComment': 'No se publicó un comentario vacío.',
  'social.commented': (p) => `Tu comentario está publicado: ${p.url}`,
  'social.upvote': '▲ Votar a favor',
  'social.downvote': '▼ Votar en contra',
  'social.takeBackUp': '▲ Retirar voto positivo',
  'social.takeBackDown': '▼ Retirar voto negativo',
  'social.comment': '💬 Comentar',
  'social.open': 'Votar, comentar',
  'social.follow': (p) => `Seguir a ${p.username}`,
  'social.unfollow': (p) => `Dejar de seguir a ${p.username}`,

  'comments.button': '💬 Comentarios',
  'comments.none': 'Todavía no hay comentarios escritos con este bot en esta publicación.',
  'comments.head': (p, f) =>
    `Comentarios escritos con este bot, los más recientes primero (página ${f.num(p.page)} de ${f.num(p.lastPage)}):`,
  'comments.line': (p, f) => `${f.num(p.n)}. ${p.author}: ${p.content}`,
  'comments.upvote': (p, f) => `▲ ${f.num(p.n)}`,
  'comments.downvote': (p, f) => `▼ ${f.num(p.n)}`,
  'comments.delete': (p, f) => `Borrar mi comentario ${f.num(p.n)}`,
  'comments.noPost':
    'Esa publicación no se puede leer públicamente, así que sus comentarios no se muestran aquí.',
  'comments.unknown': 'El bot ya no conoce ese comentario.',
  'comments.notYours': 'Solo el miembro que escribió ese comentario puede borrarlo.',
  'comments.notYoursOnImgpile': 'Según imgpile, ese comentario no es de tu cuenta vinculada.',
  'comments.deleted': 'Tu comentario se ha borrado.',
  'comments.voted': (p, f) =>
    `Le diste un voto ${p.up ? 'positivo' : 'negativo'} al comentario${p.score === null ? '' : `: su puntuación es ahora ${f.num(p.score)}`}. Vuelve a pulsar para retirarlo.`,
  'comments.tookBack': (p, f) =>
    `Has retirado tu voto ${p.up ? 'positivo' : 'negativo'} al comentario${p.score === null ? '' : `: su puntuación es ahora ${f.num(p.score)}`}.`,
  'mine.empty': (p) =>
    `Todavía no has subido nada ${WHOSE[p.source]}${p.later ? ' en esta página' : ''}.`,
  'mine.head': (p, f) =>
    `Lo que has subido ${WHOSE[p.source]}, de más reciente a más antiguo (página ${f.num(p.page)} de ${f.num(p.lastPage)}):`,
  'mine.line': (p, f) =>
    `${f.num(p.n)}. ${p.kind === 'post' ? 'Publicación' : 'Archivo'}${p.title === null ? '' : ` **${p.title}**`} ${p.url}${p.at === null ? '' : ` · ${f.relative(p.at)}`}`,
  'mine.deleteN': (p, f) => `Borrar ${f.num(p.n)}`,
  'mine.ask': (p) => `¿Borrar ${KIND_THE[p.kind]} \`${p.slug}\` de imgpile? No se puede deshacer.`,
  'mine.deleteThe': (p) => `Borrar ${KIND_THE[p.kind]}`,
  'mine.keep': 'Conservar',
  'mine.stale': 'Ese botón está desactualizado. Vuelve a usar `/imgpile mis-subidas`.',
} satisfies TranslationOf<typeof en>;
