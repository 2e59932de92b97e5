import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
} from 'discord.js';
import { english, type Text } from '../../text/index.js';
import type { CustomId } from './custom-id.js';

/** imgpile's sizes of an image (the API document's Direct Image URLs). */
export const SIZES = ['xs', 'sm', 'md', 'lg', 'xl'] as const;
export type Size = (typeof SIZES)[number];

/**
 * `sizes:<size>`: the buttons under a gallery reply. They carry nothing else: the links are
 * read from the message they are on, which Discord sends with the press (the bot's own).
 */
export const sizesId: CustomId<Size> = {
  prefixes: ['sizes'],
  encode: (size) => `sizes:${size}`,
  parse(customId) {
    const [prefix, size, extra] = customId.split(':');
    if (prefix !== 'sizes' || extra !== undefined) return null;
    return (SIZES as readonly string[]).includes(size ?? '') ? (size as Size) : null;
  },
};

/** The direct links at another size (xs to xl), a button each, to the presser alone. */
export function sizesRow(text: Text = english): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: SIZES.map((size) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: text(`sizes.${size}`),
      custom_id: sizesId.encode(size),
    })),
  };
}

/**
 * A gallery item's picture as the bot drew it from imgpile's `urls`: the original
 * (`…/f/<slug>.<ext>`) or a sized variant of it (`…/f/<slug>_md.<ext>`).
 */
const PICTURE =
  /^(https?:\/\/[^\s/]+\/f\/[A-Za-z0-9-]{1,64})(?:_(?:xs|sm|md|lg|xl))?\.([a-z0-9]{2,5})$/i;
const VIDEO = /^(mp4|webm|mov|m4v|mkv|avi)$/i;

/** A gallery item: its URL, and whether it is behind a spoiler (adult, outside an NSFW channel). */
export type GalleryPicture = { url: string; spoiler: boolean };

/**
 * The direct links of a gallery's pictures at `size` (`<slug>_<size>.<ext>`), or a video's
 * still thumbnail (`<slug>_thumb.jpg`: imgpile makes no sizes of videos). Only the gallery's
 * items are read, never its text, where a file's name could pose as a link. A spoilered item's
 * link is behind a spoiler too: Discord previews a bare link.
 */
export function sizedLinks(pictures: readonly GalleryPicture[], size: Size): string[] {
  const out: string[] = [];
  for (const { url, spoiler } of pictures) {
    const m = PICTURE.exec(url);
    if (!m) continue;
    const [, base, ext] = m;
    const link = VIDEO.test(ext!) ? `${base}_thumb.jpg` : `${base}_${size}.${ext}`;
    out.push(spoiler ? `||${link}||` : link);
  }
  return [...new Set(out)];
}

/** Every media gallery item in a message's components, in order. */
export function galleryPictures(components: readonly unknown[]): GalleryPicture[] {
  const pictures: GalleryPicture[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const c = node as {
      type?: number;
      items?: { media?: { url?: unknown }; spoiler?: unknown }[];
      components?: unknown;
    };
    if (c.type === ComponentType.MediaGallery)
      for (const item of c.items ?? [])
        if (typeof item.media?.url === 'string')
          pictures.push({ url: item.media.url, spoiler: item.spoiler === true });
    walk(c.components);
  };
  walk(components);
  return pictures;
}
