import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from '../src/discord/context.js';

/** One Discord command: the JSON registered with Discord and its handler, side by side. */
export type Command =
  | {
      kind: 'slash';
      data: RESTPostAPIApplicationCommandsJSONBody;
      execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
      /** Buttons whose custom id is `<prefix>:...` belong to this command. */
      buttons?: {
        prefix: string;
        handle: (interaction: ButtonInteraction, ctx: BotContext) => Promise<void>;
      };
    }
  | {
      kind: 'message';
      data: RESTPostAPIApplicationCommandsJSONBody;
      execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
    };
