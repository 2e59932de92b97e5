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
 * The channels of interactions in servers the bot is not in (a user install): discord.js caches
 * no such channel, so `interaction.channel` is null there, but Discord describes the channel in
 * the interaction itself. Noted from the raw packet, by interaction id; a thread's flag is its
 * parent's, which is not described (null: not known). A few hundred at most, the oldest first out.
 */
const described = new Map<string, boolean | null>();
const DESCRIBED_MAX = 500;

type RawPacket = { t?: string | null; d?: unknown };
type RawInteraction = {
  id?: string;
  guild_id?: string;
  channel?: { type?: number; nsfw?: boolean };
};
const THREAD_TYPES = new Set([10, 11, 12]);

/** For `client.on(Events.Raw)`: notes how Discord described an uncached server's channel. */
export function noteInteractionChannel(
  packet: RawPacket,
  knownGuild: (id: string) => boolean,
): void {
  if (packet.t !== 'INTERACTION_CREATE') return;
  const d = packet.d as RawInteraction | undefined;
  if (!d?.id || !d.guild_id || !d.channel || knownGuild(d.guild_id)) return;
  if (described.size >= DESCRIBED_MAX) described.delete(described.keys().next().value!);
  const thread = THREAD_TYPES.has(d.channel.type ?? -1);
  described.set(d.id, thread ? null : d.channel.nsfw === true);
}

/**
 * Whether the interaction's channel is age-restricted: the cached channel, or how Discord
 * described it (a server without the bot), or `ifUnknown` when neither says (a thread there:
 * its parent is not described). DMs and group DMs are never age-restricted.
 */
export async function ageRestrictedHere(
  interaction: {
    id: string;
    channel: unknown;
    guildId: string | null;
    channelId?: string | null;
    guild?: ChannelLike['guild'] | null;
  },
  ifUnknown: boolean,
): Promise<boolean> {
  if (interaction.channel) return isAgeRestricted(interaction.channel);
  if (!interaction.guildId) return false;
  // A server the bot is in, a channel not cached (a thread swept, or not joined): fetched.
  if (interaction.guild && interaction.channelId) {
    const fetched = await interaction.guild.channels.fetch(interaction.channelId).catch(() => null);
    if (fetched) return isAgeRestricted(fetched);
  }
  return described.get(interaction.id) ?? ifUnknown;
}
