/** What age restriction needs of a channel: discord.js channels and threads fit. */
type ChannelLike = {
  nsfw?: unknown;
  parentId?: string | null;
  isThread?: () => boolean;
  parent?: { nsfw?: unknown } | null;
  guild?: { channels: { fetch(id: string): Promise<unknown> } };
};

/**
 * An age-restricted ("NSFW") channel: adult content may be shown and is flagged when posted.
 * Threads and forum posts carry no flag of their own: they follow their parent channel, which
 * is read from the cache or, when it is not cached, fetched.
 */
export async function isAgeRestricted(channel: unknown): Promise<boolean> {
  if (typeof channel !== 'object' || channel === null) return false;
  const c = channel as ChannelLike;
  if (c.isThread?.() !== true) return c.nsfw === true;
  if (c.parent) return c.parent.nsfw === true;
  if (!c.parentId || !c.guild) return false;
  const parent = (await c.guild.channels.fetch(c.parentId).catch(() => null)) as ChannelLike | null;
  return parent?.nsfw === true;
}
