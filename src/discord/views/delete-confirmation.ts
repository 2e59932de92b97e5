import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { english, type Text } from '../../text/index.js';
import { actionButton, textDisplay, type V2Message } from './v2.js';

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
