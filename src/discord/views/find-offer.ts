import { ButtonStyle, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import type { Text } from '../../text/index.js';
import type { CustomId } from './custom-id.js';
import { actionButton, buttonRow } from './v2.js';

/**
 * What `/imgpile find` offered to rehost: for whom (the member who asked), and where the
 * original is: a message, or one attachment of it (`attachmentId`, else the whole message).
 */
export type FindOffer = {
  userId: string;
  channelId: string;
  messageId: string;
  attachmentId: string | null;
};

const SNOWFLAKE = /^\d{15,20}$/;

/**
 * `findrh:<asker>:<channel>:<message>:<attachment or 0>` (at most 90 characters). Anyone can
 * send any id: it names what the asker was offered, and is checked again at the press.
 */
export const findOfferId: CustomId<FindOffer> = {
  prefixes: ['findrh'],
  encode: ({ userId, channelId, messageId, attachmentId }) =>
    `findrh:${userId}:${channelId}:${messageId}:${attachmentId ?? '0'}`,
  parse(customId) {
    const parts = customId.split(':');
    if (parts.length !== 5 || parts[0] !== 'findrh') return null;
    const [, userId, channelId, messageId, attachment] = parts as [string, ...string[]];
    const ids = [userId, channelId, messageId];
    if (!ids.every((id) => id !== undefined && SNOWFLAKE.test(id))) return null;
    if (attachment !== '0' && !SNOWFLAKE.test(attachment ?? '')) return null;
    return {
      userId: userId!,
      channelId: channelId!,
      messageId: messageId!,
      attachmentId: attachment === '0' ? null : attachment!,
    };
  },
};

/** The answer that there is no copy yet, with the button that rehosts the original. */
export function findOfferView(offer: FindOffer, text: Text) {
  const button = actionButton(
    text('find.rehostButton'),
    findOfferId.encode(offer),
    ButtonStyle.Primary,
  );
  const row = buttonRow([button]) as APIActionRowComponent<APIButtonComponent>;
  return { content: text('find.offer'), components: [row] };
}
