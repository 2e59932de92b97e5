/** Lookups for what a test names: a mistake in the test throws at once, naming the id. */
import type { FakeState } from '../state.js';
import type { ChannelRef } from '../world/model.js';

export function refOf(state: FakeState, channelId: string): ChannelRef {
  const ref = state.world.channelRef(channelId);
  if (!ref) throw new Error(`fake discord has no guild channel ${channelId}`);
  return ref;
}

export function guildOf(state: FakeState, guildId: string) {
  const guild = state.world.guildById.get(guildId);
  if (!guild) throw new Error(`fake discord has no guild ${guildId}`);
  return guild;
}
