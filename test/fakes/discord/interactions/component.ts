/**
 * MESSAGE_COMPONENT interactions as Discord creates them: only for a component that is on a
 * message the app sent, as that message is now, and not disabled ("Custom IDs are now
 * validated by the API", discord-api-docs #3207). An ephemeral message is seen, and pressed,
 * only by the user it was shown to. Anything else Discord never sends: the person sees "This
 * interaction failed" and the bot gets nothing, so the fake throws in the test.
 */
import type { FakeState, SentMessage } from '../state.js';
import { MESSAGE_FLAGS } from '../validation.js';
import { SELECTS, TYPE } from '../validation/components.js';

/** A message the fake holds, by id or as the fake returned it (only its id is read). */
export type MessageRef = string | { id?: unknown } | null | undefined;

/** A message the app sent that Discord holds, and who may see it (null: the channel). */
export type HeldMessage = { message: SentMessage; shownTo: string | null };

export function messageIdOf(ref: MessageRef): string | null {
  if (typeof ref === 'string') return ref;
  return ref && typeof ref.id === 'string' ? ref.id : null;
}

/**
 * The app's message with this id, in its current state: a channel message, or an
 * interaction's original response or follow-up (ephemeral ones are shown to their invoker).
 */
export function findHeldMessage(state: FakeState, id: string): HeldMessage | null {
  const sent = state.messages.get(id);
  if (sent) return { message: sent, shownTo: null };
  for (const i of state.interactions.values()) {
    const message = i.original?.id === id ? i.original : i.followUps.find((f) => f.id === id);
    if (!message) continue;
    const ephemeral = (message.flags & MESSAGE_FLAGS.EPHEMERAL) !== 0;
    return { message, shownTo: ephemeral ? i.userId : null };
  }
  return null;
}

/** Forgets a deleted message wherever the fake holds it (every interaction sharing it). */
export function forgetHeldMessage(state: FakeState, id: string) {
  state.messages.delete(id);
  state.knownMessages.delete(id);
  for (const i of state.interactions.values()) {
    if (i.original?.id === id) i.original = null;
    i.followUps = i.followUps.filter((f) => f.id !== id);
  }
}

type Component = {
  type?: number;
  custom_id?: unknown;
  disabled?: unknown;
  components?: unknown;
  accessory?: unknown;
  options?: { value?: unknown }[];
  min_values?: number;
  max_values?: number;
};

/** The interactive component with `customId` anywhere in a message's component tree. */
export function findComponent(components: unknown, customId: string): Component | null {
  for (const raw of Array.isArray(components) ? components : []) {
    const c = raw as Component;
    if (typeof c !== 'object' || c === null) continue;
    if (c.custom_id === customId && (c.type === TYPE.BUTTON || SELECTS.includes(c.type ?? 0)))
      return c;
    const inner =
      findComponent(c.components, customId) ??
      (c.accessory ? findComponent([c.accessory], customId) : null);
    if (inner) return inner;
  }
  return null;
}

function refuse(why: string): never {
  throw new Error(
    `fake discord: ${why}; Discord would not create this interaction (the user sees "This interaction failed")`,
  );
}

/** Values picked in a select: each an option's value (string selects), within min/max. */
function checkValues(component: Component, customId: string, values: unknown) {
  if (component.type === TYPE.BUTTON) {
    if (values !== undefined) refuse(`"${customId}" is a button: it has no values to pick`);
    return;
  }
  if (!Array.isArray(values)) refuse(`"${customId}" is a select: pick values`);
  const min = component.min_values ?? 1;
  const max = component.max_values ?? 1;
  if (values.length < min || values.length > max)
    refuse(`select "${customId}" takes ${min} to ${max} values, not ${values.length}`);
  if (component.type !== TYPE.STRING_SELECT) return;
  const offered = new Set((component.options ?? []).map((o) => o.value));
  for (const v of values as unknown[])
    if (!offered.has(v)) refuse(`select "${customId}" offers no option "${String(v)}"`);
}

/**
 * The held message a component interaction is used on, after Discord's checks: it exists,
 * is in this channel, is visible to `userId`, and carries `data.custom_id`, enabled. Fills
 * `data.component_type` from the component, as Discord does.
 */
export function heldComponentMessage(
  state: FakeState,
  ref: unknown,
  channelId: string,
  userId: string,
  data: Record<string, unknown>,
): SentMessage {
  const id = messageIdOf(ref as MessageRef);
  if (!id) refuse('a component interaction needs the message it is on (its id)');
  const held = findHeldMessage(state, id);
  if (!held) refuse(`the bot never sent a message ${id} (or it was deleted)`);
  const { message, shownTo } = held;
  if (message.channel_id !== channelId)
    refuse(`message ${id} is in channel ${message.channel_id}, not ${channelId}`);
  if (shownTo !== null && shownTo !== userId)
    refuse(`message ${id} is ephemeral, shown to ${shownTo} only, not to ${userId}`);
  const customId = String(data.custom_id);
  const component = findComponent(message.components, customId);
  if (!component) refuse(`message ${id} has no component with custom_id "${customId}"`);
  if (component.disabled === true) refuse(`component "${customId}" is disabled`);
  if (data.component_type !== undefined && data.component_type !== component.type)
    refuse(
      `component "${customId}" is of type ${component.type}, not ${JSON.stringify(data.component_type)}`,
    );
  checkValues(component, customId, data.values);
  data.component_type = component.type;
  return message;
}
