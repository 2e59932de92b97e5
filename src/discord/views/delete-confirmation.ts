import { ButtonStyle, ComponentType, MessageFlags } from 'discord.js';
import { plural } from './text.js';
import { actionButton, textDisplay, type V2Message } from './v2.js';

/**
 * The confirmation shown (ephemerally) when the owner presses Delete. The caller adds the
 * Ephemeral flag to its reply.
 */
export function deleteConfirmation(
  what: { files: number; post: boolean },
  ids: { confirm: string; cancel: string },
): V2Message {
  const target = what.post
    ? `the post and its ${plural(what.files, 'file', 'files')}`
    : plural(what.files, 'file', 'files');
  return {
    flags: MessageFlags.IsComponentsV2,
    components: [
      {
        type: ComponentType.Container,
        components: [
          textDisplay(`Delete ${target} from imgpile? This cannot be undone.`),
          {
            type: ComponentType.ActionRow,
            components: [
              actionButton('Delete', ids.confirm, ButtonStyle.Danger),
              actionButton('Cancel', ids.cancel, ButtonStyle.Secondary),
            ],
          },
        ],
      },
    ],
  };
}
