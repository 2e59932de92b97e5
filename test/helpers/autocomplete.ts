import type { FakeDiscord, FakeUser } from '../fakes/discord.js';
import { OPTION, imgpileCommand } from './interactions.js';

type LeafOption = ReturnType<typeof imgpileCommand>['options'][number];

/**
 * A member typing `typed` in option `focus` of `/imgpile <path...>`: the APPLICATION_COMMAND_
 * AUTOCOMPLETE interaction (type 4), the options filled so far with the typed one `focused`.
 */
export function typeInImgpile(
  discord: FakeDiscord,
  init: {
    channelId: string;
    user: FakeUser;
    path: string[];
    focus: string;
    typed: string;
    options?: Record<string, string | boolean>;
  },
) {
  const data = imgpileCommand(init.path, { ...init.options, [init.focus]: init.typed });
  let leaf: LeafOption[] = data.options;
  while (leaf.length === 1 && (leaf[0]!.type === OPTION.SUB || leaf[0]!.type === OPTION.GROUP))
    leaf = leaf[0]!.options ?? [];
  const focused = leaf.find((o) => o.name === init.focus)!;
  Object.assign(focused, { focused: true });
  return discord.interact({ type: 4, channelId: init.channelId, user: init.user, data });
}
