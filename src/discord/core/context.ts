import {
  ApplicationIntegrationType,
  InteractionContextType,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
  type REST,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { LinkedAccounts } from '../../accounts/linked.js';
import type { Config } from '../../config.js';
import type { ImgpileClient } from '../../imgpile/client.js';
import type { ImgpileLinks } from '../../imgpile/links.js';
import type { Quotas } from '../../limits/quotas.js';
import type { RateLimiter } from '../../limits/rate-limiter.js';
import type { Logger } from '../../logger.js';
import type { BackfillQueue } from '../../queue/background/backfill.js';
import type { RehostProducer } from '../../queue/producer.js';
import type { PipelineEvent } from '../../request.js';
import type { Store } from '../../store/index.js';
import type { InvalidRequests } from './rest.js';
import type { WatchedChannels } from './watched.js';

/** What command handlers and listeners are given: plain dependencies, no globals. */
export type BotContext = {
  config: Config;
  log: Logger;
  producer: RehostProducer;
  imgpile: ImgpileClient;
  /** The shared budget of authenticated imgpile requests. */
  limiter: RateLimiter;
  /** The budget of public (unauthenticated) imgpile reads, for the feed. */
  publicLimiter: RateLimiter;
  quotas: Quotas;
  store: Store;
  /** Members' own imgpile accounts: linking, and acting as one. */
  accounts: LinkedAccounts;
  links: ImgpileLinks;
  discordRest: REST;
  /** The process's count of Discord's 401, 403 and 429 answers; the gateway client's too. */
  discordInvalidRequests: InvalidRequests;
  /** The channels watched in every server, which the channel caches hold (with their threads). */
  watched: WatchedChannels;
  /** Where channels' backfills are started (`/imgpile watch backfill`). */
  backfills: BackfillQueue;
  /** Reports a pipeline event (metrics); never throws. */
  emit: (event: PipelineEvent) => void;
  /** What the gateway session has: known once connected. */
  features: { messageContent: boolean };
};

/** A button a command answers: its id's codec, and what a press does with the id read back. */
export type ButtonRoute = {
  readonly prefixes: readonly string[];
  handle(interaction: ButtonInteraction, ctx: BotContext): Promise<void>;
};

/** A form (modal) a command answers, the same way. */
export type ModalRoute = {
  readonly prefixes: readonly string[];
  handle(interaction: ModalSubmitInteraction, ctx: BotContext): Promise<void>;
};

/** One suggestion while a member types: what they read, and the value the option gets. */
export type Choice = { name: string; value: string };

/**
 * What a string option offers while a member types `typed` in it: read from Redis or a short
 * cache (never an imgpile call on the keystroke's path), only what this member may see.
 */
export type Completer = (
  interaction: AutocompleteInteraction,
  ctx: BotContext,
  typed: string,
) => Promise<readonly Choice[]>;

/**
 * One Discord command: the JSON registered with Discord and its handlers, side by side. A slash
 * command is made from its subcommands' records (core/commands.ts): the definition, the
 * routing and the buttons and forms they answer come from the same records.
 */
export type Command =
  | {
      kind: 'slash';
      data: RESTPostAPIApplicationCommandsJSONBody;
      execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>;
      /** The choices for the option being typed in (none when it has no completer). */
      complete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<readonly Choice[]>;
      buttons: readonly ButtonRoute[];
      modals: readonly ModalRoute[];
    }
  | {
      kind: 'message';
      data: RESTPostAPIApplicationCommandsJSONBody;
      execute(interaction: MessageContextMenuCommandInteraction, ctx: BotContext): Promise<void>;
    };

/**
 * Where every command can be used: installed to a server or to a user, in servers, the bot's
 * DMs and other DMs. Server-only subcommands (watch, changing settings) refuse elsewhere.
 */
export const INSTALLS = [
  ApplicationIntegrationType.GuildInstall,
  ApplicationIntegrationType.UserInstall,
] as const;
export const CONTEXTS = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
] as const;
