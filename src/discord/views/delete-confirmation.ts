import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { english, type Text } from '../../text/index.js';
import type { CustomId } from './custom-id.js';
import { actionButton, textDisplay, type V2Message } from './v2.js';

/** A press on a rehost's Delete button (`ask`), or on its confirmation. */
export type DeletePress = { action: 'ask' | 'confirm' | 'cancel'; id: string };

/**
 * `rdel:<id>` (a finished rehost's Delete), `rdel:confirm:<id>`, `rdel:cancel:<id>`, where `id`
 * names the delete action stored for the reply; the previous version wrote the confirmation's
 * as `rdelok:<id>` and `rdelno:<id>`.
 */
export const rehostDeleteId: CustomId<DeletePress> = {
  prefixes: ['rdel', 'rdelok', 'rdelno'],
  encode: ({ action, id }) => (action === 'ask' ? `rdel:${id}` : `rdel:${action}:${id}`),
  parse(customId) {
    const [prefix, a = '', b] = customId.split(':');
    if (prefix === 'rdelok') return { action: 'confirm', id: a };
    if (prefix === 'rdelno') return { action: 'cancel', id: a };
    if (prefix !== 'rdel') return null;
    if ((a === 'confirm' || a === 'cancel') && b !== undefined) return { action: a, id: b };
    return { action: 'ask', id: a };
  },
};

/**
 * The confirmation shown (ephemerally) when the owner presses Delete. The caller adds the
 * Ephemeral flag to its reply.
 */
export function deleteConfirmation(
  what: { files: number; post: boolean },
  ids: { confirm: string; cancel: string },
  text: Text = english,
): V2Message {
  return {
    flags: MessageFlags.IsComponentsV2,
    components: [
      {
        type: ComponentType.Container,
        components: [
          textDisplay(text('delete.ask', what)),
          {
            type: ComponentType.ActionRow,
            components: [
              actionButton(text('delete.button'), ids.confirm, ButtonStyle.Danger),
              actionButton(text('delete.cancel'), ids.cancel, ButtonStyle.Secondary),
            ],
          },
        ],
      },
    ],
  };
}
