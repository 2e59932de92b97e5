import {
  ComponentType,
  TextInputStyle,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import { english, type Text } from '../../text/index.js';
import type { CustomId } from './custom-id.js';

/** The form that links an imgpile account: `account-link`, nothing after it. */
export const linkFormId: CustomId<true> = {
  prefixes: ['account-link'],
  encode: () => 'account-link',
  parse: (customId) => (customId.split(':')[0] === 'account-link' ? true : null),
};

/**
 * The form a member links their imgpile account with: their username and API token (a form,
 * never an option: options show in clients and in logs).
 */
export function linkForm(text: Text = english): APIModalInteractionResponseCallbackData {
  return {
    custom_id: linkFormId.encode(true),
    title: text('account.form.title'),
    components: [
      {
        type: ComponentType.Label,
        label: text('account.form.username'),
        component: {
          type: ComponentType.TextInput,
          custom_id: 'username',
          style: TextInputStyle.Short,
          required: true,
          max_length: 64,
        },
      },
      {
        type: ComponentType.Label,
        label: text('account.form.token'),
        description: text('account.form.tokenHint'),
        component: {
          type: ComponentType.TextInput,
          custom_id: 'token',
          style: TextInputStyle.Short,
          required: true,
          max_length: 255,
        },
      },
    ],
  };
}
