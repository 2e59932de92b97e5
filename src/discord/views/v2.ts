import {
  ButtonStyle,
  ComponentType,
  type MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIMediaGalleryComponent,
  type APIMediaGalleryItem,
  type APIMessageTopLevelComponent,
  type APITextDisplayComponent,
} from 'discord.js';
import type { Media } from '../../imgpile/schemas.js';
import { charCount, clip, oneLine } from './text.js';

/**
 * The small parts of a Components V2 message and Discord's limits on them ("Component
 * Reference"), shared by every V2 view: the rehost gallery, the post view, the feed page, the
 * delete confirmation.
 */

export const V2_LIMITS = {
  /** Components in a message, counted through every level (gallery items are not components). */
  components: 40,
  /** Characters across every text display of a message. */
  text: 4000,
  galleryItems: 10,
  altText: 1024,
  buttonLabel: 80,
  customId: 100,
  linkUrl: 512,
  buttonsPerRow: 5,
} as const;

/** A V2 message body: no content or embeds, everything in components. */
export type V2Message = {
  flags: MessageFlags.IsComponentsV2;
  components: APIMessageTopLevelComponent[];
};

export type ButtonRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export const isHttpUrl = (url: string) => /^https?:\/\/[^\s<>]+$/i.test(url) && URL.canParse(url);

export const textDisplay = (content: string): APITextDisplayComponent => ({
  type: ComponentType.TextDisplay,
  content,
});

/** A gallery item, or null when Discord would refuse its URL (only http(s) here). */
export function galleryItem(
  url: string,
  description: string | null | undefined,
  spoiler: boolean,
): APIMediaGalleryItem | null {
  if (!isHttpUrl(url)) return null;
  const alt = oneLine(description ?? '');
  return {
    media: { url },
    ...(alt ? { description: clip(alt, 200) } : {}),
    ...(spoiler ? { spoiler: true } : {}),
  };
}

/** A gallery of the first 10 items, or null when there is nothing to show. */
export function mediaGallery(
  items: readonly (APIMediaGalleryItem | null)[],
): APIMediaGalleryComponent | null {
  const shown = items
    .filter((i): i is APIMediaGalleryItem => i !== null)
    .slice(0, V2_LIMITS.galleryItems);
  return shown.length === 0 ? null : { type: ComponentType.MediaGallery, items: shown };
}

/** A link button, or null when Discord would refuse its URL. */
export function linkButton(label: string, url: string): APIButtonComponent | null {
  if (!isHttpUrl(url) || url.length > V2_LIMITS.linkUrl) return null;
  return { type: ComponentType.Button, style: ButtonStyle.Link, label: clip(label, 80), url };
}

/** A button that sends an interaction. A custom id Discord would refuse is a caller's bug. */
export function actionButton(
  label: string,
  customId: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger,
  disabled = false,
): APIButtonComponent {
  const length = charCount(customId);
  if (length < 1 || length > V2_LIMITS.customId)
    throw new RangeError(`custom_id must be 1 to 100 characters (got ${length})`);
  return {
    type: ComponentType.Button,
    style,
    label: clip(label, V2_LIMITS.buttonLabel),
    custom_id: customId,
    ...(disabled ? { disabled: true } : {}),
  };
}

/** A row of up to 5 buttons, or null when there are none. */
export function buttonRow(buttons: readonly (APIButtonComponent | null)[]): ButtonRow | null {
  const shown = buttons
    .filter((b): b is APIButtonComponent => b !== null)
    .slice(0, V2_LIMITS.buttonsPerRow);
  return shown.length === 0 ? null : { type: ComponentType.ActionRow, components: shown };
}

export const present = <T>(value: T | null | undefined | false): value is T =>
  value !== null && value !== undefined && value !== false;

type Node = { type?: unknown; content?: unknown; components?: unknown; accessory?: unknown };

function walk(components: readonly unknown[], visit: (node: Node) => void) {
  for (const raw of components) {
    if (typeof raw !== 'object' || raw === null) continue;
    const node = raw as Node;
    visit(node);
    if (Array.isArray(node.components)) walk(node.components, visit);
    if (node.accessory) walk([node.accessory], visit);
  }
}

/** Components as Discord counts them toward its 40: every level, accessories included. */
export function countComponents(components: readonly unknown[]): number {
  let n = 0;
  walk(components, () => (n += 1));
  return n;
}

/** Characters across every text display, as Discord counts them toward its 4000. */
export function textLength(components: readonly unknown[]): number {
  let n = 0;
  walk(components, (node) => {
    if (node.type === ComponentType.TextDisplay && typeof node.content === 'string')
      n += charCount(node.content);
  });
  return n;
}

export function fitsV2(components: readonly unknown[]): boolean {
  return (
    components.length > 0 &&
    countComponents(components) <= V2_LIMITS.components &&
    textLength(components) <= V2_LIMITS.text
  );
}

/**
 * The lines that fit in `budget` characters (joined by line breaks) and, when some do not, a
 * "…and N more" line (`moreLine(N)`) that fits with them. Every line is kept when they all fit.
 */
export function fitLines(
  lines: readonly string[],
  budget: number,
  moreLine: (n: number) => string,
): { kept: string[]; more: string | null } {
  const size = (ls: readonly string[]) => ls.reduce((n, l) => n + charCount(l) + 1, 0) - 1;
  if (size(lines) <= budget) return { kept: [...lines], more: null };
  const kept: string[] = [];
  for (const line of lines) {
    if (size([...kept, line, moreLine(lines.length - kept.length - 1)]) > budget) break;
    kept.push(line);
  }
  return { kept, more: moreLine(lines.length - kept.length) };
}

/**
 * The picture a gallery shows for a media: a sized variant once imgpile has made it
 * (`processed`), else the original. Videos and GIFs keep the original: a gallery plays videos
 * from their own URL (`thumb` is a still), and a resized GIF may lose its animation.
 */
export function previewUrl(
  media: Pick<Media, 'type' | 'processed' | 'urls'>,
  size: 'sm' | 'md' | 'lg' | 'xl' = 'md',
): string {
  if (!media.processed || !showsSizedVariant(media.type)) return media.urls.original;
  return media.urls[size] ?? media.urls.original;
}

/** Whether a gallery shows a media of this type by a sized variant once there is one. */
export function showsSizedVariant(type: string | null | undefined): boolean {
  const t = type ?? '';
  return t.startsWith('image/') && t !== 'image/gif';
}

/** `previews` for `rehostReply`, from the media as imgpile last described them. */
export function previewUrls(media: readonly Media[]): Record<string, string> {
  return Object.fromEntries(media.map((m) => [m.slug, previewUrl(m)]));
}
