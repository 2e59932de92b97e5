/** Which channel the bot may use, and the messages the fake knows in it. */
import { ERRORS } from '../http.js';
import type { ChannelRef, PrivateChannel } from '../world/model.js';
import type { FakeState, KnownMessage } from '../state.js';

export type Target =
  | { kind: 'guild'; ref: ChannelRef; permissions: bigint }
  | { kind: 'private'; channel: PrivateChannel };

export type Refused = { status: number; body: unknown };

/**
 * The channel as the bot may use it, or Discord's refusal: 404 10003 for an unknown channel,
 * 403 50001 Missing Access for a channel the bot cannot see (no VIEW_CHANNEL, a server it is
 * not in, a DM between other users).
 */
export function accessChannel(state: FakeState, channelId: string): Target | Refused {
  const ref = state.world.channelRef(channelId);
  if (ref) {
    if (!state.world.canView(ref, state.botUser.id))
      return { status: 403, body: ERRORS.missingAccess };
    return { kind: 'guild', ref, permissions: state.world.permissionsIn(ref, state.botUser.id) };
  }
  const channel = state.world.privateChannels.get(channelId);
  if (channel) {
    if (!channel.withBot) return { status: 403, body: ERRORS.missingAccess };
    return { kind: 'private', channel };
  }
  return { status: 404, body: ERRORS.unknownChannel };
}

export const refused = (t: Target | Refused): t is Refused => 'status' in t;

/** A known message in that channel, or undefined. */
export function knownIn(
  state: FakeState,
  channelId: string,
  messageId: string,
): KnownMessage | undefined {
  const m = state.knownMessages.get(messageId);
  return m && m.channelId === channelId ? m : undefined;
}
