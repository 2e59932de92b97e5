import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { SLUG } from '../../imgpile/params.js';
import { english, type Text } from '../../text/index.js';
import { pageOf, type CustomId } from './custom-id.js';
import { clip, literal, oneLine } from './text.js';

/**
 * `/imgpile mine`: a page of what a member rehosted, newest first, with a Delete button per item
 * and Previous/Next; and the confirmation of one delete.
 */

/** Whose listing: imgpile's own of the member's linked account, or the bot's records. */
export type MineSource = 'own' | 'bot';

/** One thing a member rehosted, as `/imgpile mine` lists it. */
export type MineItem = {
  kind: 'media' | 'post';
  slug: string;
  url: string;
  title: string | null;
  at: Date | null;
};

export type MinePage = { items: MineItem[]; page: number; lastPage: number };

export const MINE_PAGE_SIZE = 5;

/** A press on a listing or on a delete's confirmation. */
export type MinePress =
  | { action: 'page'; source: MineSource; page: number }
  | { action: 'ask' | 'del'; source: MineSource; kind: MineItem['kind']; slug: string }
  | { action: 'keep' };

const KIND_CODE = { media: 'm', post: 'p' } as const;
const KIND_OF: Record<string, MineItem['kind'] | undefined> = { m: 'media', p: 'post' };

/** `mine:page:<source>:<n>`, `mine:ask|del:<source>:<m|p>:<slug>`, `mine:keep`. */
export const mineId: CustomId<MinePress> = {
  prefixes: ['mine'],
  encode(press) {
    if (press.action === 'keep') return 'mine:keep';
    if (press.action === 'page') return `mine:page:${press.source}:${press.page}`;
    return `mine:${press.action}:${press.source}:${KIND_CODE[press.kind]}:${press.slug}`;
  },
  parse(customId) {
    const [prefix, action, from, a, b = ''] = customId.split(':');
    const source: MineSource = from === 'own' ? 'own' : 'bot';
    if (prefix !== 'mine') return null;
    if (action === 'keep') return { action };
    if (action === 'page') return { action, source, page: pageOf(a) };
    const kind = KIND_OF[a ?? ''];
    if ((action !== 'ask' && action !== 'del') || !kind || !SLUG.test(b)) return null;
    return { action, source, kind, slug: b };
  },
};

function line(item: MineItem, n: number, text: Text): string {
  const title = item.title ? literal(clip(oneLine(item.title), 80)) : null;
  const at = item.at ? item.at.getTime() : null;
  return text('mine.line', { n, kind: item.kind, title, url: item.url, at });
}

/** A page of the listing: its lines, a Delete button per item, Previous and Next. */
export function mineList(source: MineSource, p: MinePage, text: Text = english) {
  if (p.items.length === 0)
    return { content: text('mine.empty', { source, later: p.page > 1 }), components: [] };
  const first = (p.page - 1) * MINE_PAGE_SIZE;
  const lines = p.items.map((item, i) => line(item, first + i + 1, text));
  const deletes = new ActionRowBuilder<ButtonBuilder>().addComponents(
    p.items.map((item, i) =>
      new ButtonBuilder()
        .setCustomId(mineId.encode({ action: 'ask', source, kind: item.kind, slug: item.slug }))
        .setLabel(text('mine.deleteN', { n: first + i + 1 }))
        .setStyle(ButtonStyle.Secondary),
    ),
  );
  const nav = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(mineId.encode({ action: 'page', source, page: p.page - 1 }))
      .setLabel(text('nav.previous'))
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(p.page <= 1),
    new ButtonBuilder()
      .setCustomId(mineId.encode({ action: 'page', source, page: p.page + 1 }))
      .setLabel(text('nav.next'))
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(p.page >= p.lastPage),
  );
  const head = text('mine.head', { source, page: p.page, lastPage: p.lastPage });
  return { content: [head, ...lines].join('\n').slice(0, 2000), components: [deletes, nav] };
}

/** Asks before deleting one item, to the presser alone. */
export function mineDeleteConfirmation(
  source: MineSource,
  kind: MineItem['kind'],
  slug: string,
  text: Text = english,
) {
  const confirm = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(mineId.encode({ action: 'del', source, kind, slug }))
      .setLabel(text('mine.deleteThe', { kind }))
      .setStyle(ButtonStyle.Danger),
    new ButtonBuilder()
      .setCustomId(mineId.encode({ action: 'keep' }))
      .setLabel(text('mine.keep'))
      .setStyle(ButtonStyle.Secondary),
  );
  return { content: text('mine.ask', { kind, slug }), components: [confirm] };
}
