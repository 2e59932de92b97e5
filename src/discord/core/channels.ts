import { PermissionFlagsBits } from 'discord.js';

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

/**
 * How Discord described the channel of an interaction whose channel the bot does not cache (an
 * unwatched channel, a server the bot is not in): `interaction.channel` is null there, but the
 * interaction carries the channel. Noted from the raw packet, by interaction id: a channel's own
 * flag, or for a thread (which carries none) its parent's id. A few hundred at most, the oldest
 * first out.
 */
type Described = { nsfw: boolean } | { parentId: string | null; privateThread: boolean };
const described = new Map<string, Described>();
const DESCRIBED_MAX = 500;

type RawPacket = { t?: string | null; d?: unknown };
type RawInteraction = {
  id?: string;
  guild_id?: string;
  channel?: { id?: string; type?: number; nsfw?: boolean; parent_id?: string | null };
};
const PRIVATE_THREAD = 12;
const THREAD_TYPES = new Set([10, 11, PRIVATE_THREAD]);

/** For `client.on(Events.Raw)`: notes how Discord described a server channel not cached. */
export function noteInteractionChannel(packet: RawPacket, cached: (channelId: string) => boolean) {
  if (packet.t !== 'INTERACTION_CREATE') return;
  const d = packet.d as RawInteraction | undefined;
  if (!d?.id || !d.guild_id || !d.channel?.id || cached(d.channel.id)) return;
  if (described.size >= DESCRIBED_MAX) described.delete(described.keys().next().value!);
  const thread = THREAD_TYPES.has(d.channel.type ?? -1);
  described.set(
    d.id,
    thread
      ? { parentId: d.channel.parent_id ?? null, privateThread: d.channel.type === PRIVATE_THREAD }
      : { nsfw: d.channel.nsfw === true },
  );
}

/**
 * Whether the interaction's channel is age-restricted: the cached channel, or how Discord
 * described it; for a thread there, its parent's flag (cached, or fetched in a server the bot
 * is in and may see the thread), else `ifUnknown` (a thread in a server without the bot: its
 * parent is not described). DMs and group DMs are never age-restricted.
 */
export async function ageRestrictedHere(
  interaction: {
    id: string;
    channel: unknown;
    guildId: string | null;
    guild?: ChannelLike['guild'] | null;
    appPermissions?: { has(flag: bigint): boolean } | null;
  },
  ifUnknown: boolean,
): Promise<boolean> {
  if (interaction.channel) return isAgeRestricted(interaction.channel);
  if (!interaction.guildId) return false;
  const seen = described.get(interaction.id);
  if (seen && 'nsfw' in seen) return seen.nsfw;
  // Asked only where the bot may see the thread, so Discord has no reason to refuse.
  const mayAsk = interaction.appPermissions?.has(PermissionFlagsBits.ViewChannel) === true;
  if (seen?.parentId && interaction.guild && mayAsk) {
    const parent = (await interaction.guild.channels
      .fetch(seen.parentId)
      .catch(() => null)) as ChannelLike | null;
    if (parent) return parent.nsfw === true;
  }
  return ifUnknown;
}

/**
 * Whether the interaction was used in a private thread (the cached channel, or as Discord
 * described it): only the thread's members were meant to see what is posted there.
 */
export function privateThreadHere(interaction: { id: string; channel: unknown }): boolean {
  const channel = interaction.channel as { type?: unknown } | null;
  if (channel) return channel.type === PRIVATE_THREAD;
  const seen = described.get(interaction.id);
  return seen !== undefined && 'privateThread' in seen && seen.privateThread;
}
