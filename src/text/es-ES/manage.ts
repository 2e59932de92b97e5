import type { TranslationOf } from '../catalogue.js';
import type { manage as en } from '../en/manage.js';
import { visibilityWord } from './words.js';

const THIS = { media: 'Ese archivo', post: 'Esa publicación' } as const;
const THAT = { media: 'ese archivo', post: 'esa publicación' } as const;
const CHANGE_IT = { media: 'cambiarlo', post: 'cambiarla' } as const;

export const manage = {
  'manage.notThroughBot': (p) =>
    `${THIS[p.kind]} no se subió con este bot, así que no se puede cambiar desde aquí.`,
  'manage.notUploader': (p) =>
    `Solo quien subió ${THAT[p.kind]}, o un miembro con Gestionar mensajes en el servidor desde el que se subió, puede ${CHANGE_IT[p.kind]}.`,
  'manage.needManageServerWatch':
    'Necesitas el permiso Gestionar servidor para cambiar qué canales se vigilan.',
  'manage.needManageServerSettings':
    'Necesitas el permiso Gestionar servidor para cambiar los ajustes.',
  'manage.notASlug': 'Eso no es un slug de imgpile (los 7 caracteres tras /p/ en un enlace).',
  'manage.notYoursOnImgpile': (p) =>
    `${THIS[p.kind]} no ${p.kind === 'post' ? 'es tuya' : 'es tuyo'} en imgpile.`,
  'manage.notYours': (p) => `${THIS[p.kind]} no ${p.kind === 'post' ? 'es tuya' : 'es tuyo'}.`,
  'manage.deleted': (p) =>
    `${p.kind === 'post' ? 'Publicación borrada' : 'Archivo borrado'}: \`${p.slug}\`.`,
  'manage.nothingToChange':
    'No hay nada que cambiar: indica un título, una descripción, una visibilidad o nsfw.',
  'manage.nothingToChangeMedia': 'No hay nada que cambiar: indica un título o una descripción.',
  'manage.updatedMedia': (p) => `Archivo \`${p.slug}\` actualizado.`,
  'manage.onlyMaker':
    'Solo la persona para la que el bot creó esa publicación puede cambiar sus archivos (un moderador puede editarla o borrarla).',
  'manage.otherAccountsPost':
    'Esa publicación pertenece a otra cuenta de imgpile, no a la que has vinculado: solo se pueden añadir archivos a las publicaciones de tu cuenta vinculada.',
  'manage.makerOnlyPrivacy':
    'Solo la persona para la que el bot creó esa publicación puede cambiar su visibilidad o quitarle la marca de contenido adulto (un moderador puede editar su título y descripción, marcarla como adulta o borrarla).',
  'manage.markAdultFirst':
    'Los archivos de un canal con restricción de edad, o marcados como spoiler, son contenido adulto: marca primero la publicación como adulta (`/imgpile publicación editar`, nsfw = True) y luego añádelos.',
  'manage.botAccountsPost':
    'Esa publicación pertenece a la cuenta de imgpile del bot, y tus archivos van ahora a la cuenta que has vinculado: imgpile solo añade archivos a una publicación de la misma cuenta.',
  'manage.linkedAccountsPost':
    'Esa publicación pertenece a tu cuenta de imgpile vinculada, pero este servidor envía los archivos a la cuenta del bot: imgpile solo añade archivos a una publicación de la misma cuenta.',
  'manage.badOrder': (p, f) =>
    `Indica números de archivo del 1 al ${f.num(p.count)}, cada uno como mucho una vez, separados por espacios o comas (p. ej., «3 1»).`,
  'manage.sameOrder': 'Los archivos ya están en ese orden: no ha cambiado nada.',
  'manage.updatedPrivate': (p) =>
    `Actualizada. La publicación es privada; su enlace con la clave: ${p.url}`,
  'manage.updated': (p) => `Actualizada: ${p.url}`,
  'manage.pending':
    'imgpile aún no ha terminado de revisar esa publicación: mírala en un canal con restricción de edad, o más tarde.',
  'manage.adultPost':
    'Esa publicación está marcada como contenido para adultos: mírala en un canal con restricción de edad.',
  'manage.adultHidden': (p, f) =>
    f.count(p.count, {
      one: '# archivo para adultos no se muestra aquí.',
      other: '# archivos para adultos no se muestran aquí.',
    }),
  'manage.visibility': (p) =>
    `Visibilidad: ${visibilityWord(p.visibility)}${p.keyUrl ? ` (enlace con la clave: ${p.keyUrl})` : ''}`,

  'delete.unknown': 'El bot ya no conoce estos archivos: aquí no hay nada que borrar.',
  'delete.notOwner': 'Solo quien subió estos archivos puede borrarlos.',
  'delete.notTheirs':
    'imgpile dice que estos archivos no son de tu cuenta vinculada: ¿se crearon con una cuenta que vinculaste antes?',
  'delete.done': 'Borrado de imgpile.',
  'delete.kept': 'No se ha borrado nada.',
  'delete.ask': (p, f) => {
    const files = f.count(p.files, { one: '# archivo', other: '# archivos' });
    return `¿Borrar ${p.post ? `la publicación y sus ${files}` : files} de imgpile? No se puede deshacer.`;
  },
  'delete.button': 'Borrar',
  'delete.cancel': 'Cancelar',
} satisfies TranslationOf<typeof en>;
