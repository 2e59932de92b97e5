import { EmbedBuilder } from 'discord.js';
import type { ImgpileLinks } from '../imgpile/links.js';
import type { Post } from '../imgpile/schemas.js';

/** The picture shown for a media in an embed: a sized image, or a video's thumbnail. */
function previewOf(media: Post['first_media']): string | undefined {
  if (!media) return undefined;
  return media.type?.startsWith('video/')
    ? media.urls.thumb
    : (media.urls.md ?? media.urls.original);
}

/** A post as an embed: title linking to its page, author, score, views and a preview. */
export function postEmbed(
  post: Post,
  links: ImgpileLinks,
  options: { files?: boolean; description?: boolean } = {},
): EmbedBuilder {
  const embed = new EmbedBuilder()
    .setTitle((post.title ?? 'Untitled').slice(0, 256))
    .setURL(links.post(post.slug))
    .addFields(
      { name: 'Score', value: String(post.score ?? 0), inline: true },
      { name: 'Views', value: String(post.view_count ?? 0), inline: true },
    );
  if (options.files) {
    const files = post.media_count ?? post.media?.length ?? 0;
    embed.addFields({ name: 'Files', value: String(files), inline: true });
  }
  if (options.description && post.description)
    embed.setDescription(post.description.slice(0, 4000));
  if (post.user?.username) embed.setAuthor({ name: post.user.username });
  const first = post.first_media ?? post.media?.[0];
  const image = previewOf(first);
  if (image) embed.setImage(image);
  return embed;
}
