import { PermissionFlagsBits, type Interaction } from 'discord.js';
import { UserError } from '../errors.js';
import type { OwnerRecord } from '../store/index.js';

/**
 * Who may change or delete something the bot put on imgpile: the Discord user who asked for it,
 * or a member with Manage Messages in the server it was uploaded from. Anyone else is refused
 * before anything is sent to imgpile.
 */
export function assertCanManage(
  record: OwnerRecord | null,
  interaction: Interaction,
  what: 'post' | 'media',
): void {
  if (!record) {
    throw new UserError(
      `That ${what} was not uploaded through this bot, so it cannot be changed from here.`,
    );
  }
  if (record.userId === interaction.user.id) return;
  if (
    record.guildId !== null &&
    record.guildId === interaction.guildId &&
    interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages)
  ) {
    return;
  }
  throw new UserError(
    `Only the person who uploaded that ${what}, or a member with Manage Messages in the server it was uploaded from, can change it.`,
  );
}

export function assertManageGuild(interaction: Interaction): void {
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError(
      'You need the Manage Server permission to change which channels are watched.',
    );
  }
}

/** A slug, or an imgpile link to one (`https://imgpile.com/p/abc1234`). */
export function parseSlug(input: string): string {
  let value = input.trim();
  try {
    const url = new URL(value);
    value = url.pathname.split('/').filter(Boolean).pop() ?? '';
    value = value.replace(/\.[a-z0-9]+$/i, ''); // a CDN file name: abc1234.jpg
  } catch {
    // not a URL: a bare slug
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) {
    throw new UserError('That is not an imgpile slug (the 7 characters after /p/ in a link).');
  }
  return value;
}
