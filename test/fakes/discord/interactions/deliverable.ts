/**
 * Whether Discord would deliver a command here at all: its registration's scope, contexts and
 * installation types ("Application Commands" > "Contexts", "Installation Context").
 */
import type { FakeState } from '../state.js';
import type { InteractInit } from './create.js';

/** The latest registration per scope: what Discord would deliver. */
function findRegistered(
  state: FakeState,
  name: unknown,
  type: unknown,
  guildId: string | null,
): { command: Record<string, unknown>; scope: string } | { elsewhere: string } | null {
  const latest = new Map<string, unknown[]>();
  for (const r of state.registered) latest.set(r.scope, r.commands);
  let elsewhere: string | null = null;
  for (const [scope, commands] of latest) {
    for (const raw of commands) {
      const c = raw as Record<string, unknown>;
      if (c.name !== name || (c.type ?? 1) !== (type ?? 1)) continue;
      if (scope === 'global' || scope === `guild:${guildId}`) return { command: c, scope };
      elsewhere = scope;
    }
  }
  return elsewhere ? { elsewhere } : null;
}

/**
 * Refuses, in the test, a command Discord would not deliver: one registered without this
 * context ("Application Commands" > "Contexts": `contexts` defaults to every context) or
 * installation type (`integration_types` defaults to the app's), or registered in another guild.
 */
export function assertDeliverable(
  state: FakeState,
  init: InteractInit,
  context: 0 | 1 | 2,
  guildId: string | null,
  installs: Set<0 | 1>,
) {
  if (init.type === 4) focusedOption(init.data.options as Opt[] | undefined);
  if ((init.type !== 2 && init.type !== 4) || state.registered.length === 0) return;
  const found = findRegistered(state, init.data.name, init.data.type, guildId);
  if (!found) return;
  const name = String(init.data.name);
  if ('elsewhere' in found)
    throw new Error(
      `fake discord: command "${name}" is registered in ${found.elsewhere} only; Discord would not deliver it here`,
    );
  const { command, scope } = found;
  if (scope !== 'global' && context !== 0)
    throw new Error(`fake discord: guild command "${name}" cannot be used outside its server`);
  const contexts =
    (command.contexts as number[] | null | undefined) ??
    (command.dm_permission === false ? [0] : [0, 1, 2]);
  if (!contexts.includes(context))
    throw new Error(
      `fake discord: command "${name}" is registered with contexts [${contexts.join(', ')}], not ${context}; Discord would not deliver it`,
    );
  if (init.type === 4) assertFocused(command, init.data);
  const types = (command.integration_types as (0 | 1)[] | null | undefined) ??
    state.options.integrationTypes ?? [0];
  if (![...installs].some((t) => types.includes(t)))
    throw new Error(
      `fake discord: command "${name}" is registered with integration_types [${types.join(', ')}]; this ${[...installs].join('/')} installation cannot use it`,
    );
}

type Opt = {
  name?: unknown;
  type?: unknown;
  focused?: unknown;
  autocomplete?: unknown;
  options?: Opt[];
};

/**
 * An autocomplete interaction is sent for one option only, the one being typed in, marked
 * `focused`, and only for an option registered with `autocomplete: true` ("Autocomplete").
 */
/** The one option being typed in, marked `focused`, and the path of names to it. */
function focusedOption(options: Opt[] | undefined): { path: string[]; focused: Opt } {
  let sent = options ?? [];
  const path: string[] = [];
  while (sent.length === 1 && (sent[0]!.type === 1 || sent[0]!.type === 2)) {
    path.push(String(sent[0]!.name));
    sent = sent[0]!.options ?? [];
  }
  const focused = sent.filter((o) => o.focused === true);
  if (focused.length !== 1)
    throw new Error('fake discord: an autocomplete interaction has exactly one focused option');
  return { path, focused: focused[0]! };
}

function assertFocused(command: Record<string, unknown>, data: Record<string, unknown>) {
  const { path, focused } = focusedOption(data.options as Opt[] | undefined);
  let registered = (command.options ?? []) as Opt[];
  for (const name of path) registered = registered.find((o) => o.name === name)?.options ?? [];
  const option = registered.find((o) => o.name === focused.name);
  if (option?.autocomplete !== true)
    throw new Error(
      `fake discord: option "${String(focused.name)}" is not registered with autocomplete; Discord would not send it`,
    );
}
