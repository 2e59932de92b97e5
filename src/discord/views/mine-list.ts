import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { clip, literal, oneLine } from './text.js';

/**
 * `/imgpile mine`: a page of what a member rehosted, newest first, with a Delete button per item
 * and Previous/Next; and the confirmation of one delete. Button ids: `mine:page:<source>:<n>`,
 * `mine:ask|del:<source>:<m|p>:<slug>`, `mine:keep`.
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

/** What a user calls each kind of item. */
export const MINE_WORD = { media: 'file', post: 'post' } as const;

function line(item: MineItem, n: number): string {
  const title = item.title ? ` **${literal(clip(oneLine(item.title), 80))}**` : '';
  const when = item.at ? ` · <t:${Math.floor(item.at.getTime() / 1000)}:R>` : '';
  return `${n}. ${item.kind === 'post' ? 'Post' : 'File'}${title} ${item.url}${when}`;
}

/** A page of the listing: its lines, a Delete button per item, Previous and Next. */
export function mineList(source: MineSource, p: MinePage) {
  const whose = source === 'own' ? 'on your imgpile account' : "with the bot's imgpile account";
  if (p.items.length === 0)
    return {
      content: `Nothing rehosted ${whose} yet${p.page > 1 ? ' on this page' : ''}.`,
      components: [],
    };
  const first = (p.page - 1) * MINE_PAGE_SIZE;
  const lines = p.items.map((item, i) => line(item, first + i + 1));
  const deletes = new ActionRowBuilder<ButtonBuilder>().addComponents(
    p.items.map((item, i) =>
      new ButtonBuilder()
        .setCustomId(`mine:ask:${source}:${item.kind === 'post' ? 'p' : 'm'}:${item.slug}`)
        .setLabel(`Delete ${first + i + 1}`)
        .setStyle(ButtonStyle.Secondary),
    ),
  );
  const nav = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`mine:page:${source}:${p.page - 1}`)
      .setLabel('Previous')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(p.page <= 1),
    new ButtonBuilder()
      .setCustomId(`mine:page:${source}:${p.page + 1}`)
      .setLabel('Next')
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(p.page >= p.lastPage),
  );
  const head = `What you rehosted ${whose}, newest first (page ${p.page} of ${p.lastPage}):`;
  return { content: [head, ...lines].join('\n').slice(0, 2000), components: [deletes, nav] };
}

/**
 * Asks before deleting one item, to the presser alone: `code` is its kind in the button ids
 * (`m` or `p`).
 */
export function mineDeleteConfirmation(
  source: MineSource,
  kind: MineItem['kind'],
  code: string,
  slug: string,
) {
  const confirm = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`mine:del:${source}:${code}:${slug}`)
      .setLabel(`Delete the ${MINE_WORD[kind]}`)
      .setStyle(ButtonStyle.Danger),
    new ButtonBuilder()
      .setCustomId('mine:keep')
      .setLabel('Keep it')
      .setStyle(ButtonStyle.Secondary),
  );
  return {
    content: `Delete the ${MINE_WORD[kind]} \`${slug}\` from imgpile? This cannot be undone.`,
    components: [confirm],
  };
}
