import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { QueuedOrNotError, UserError } from '../../errors.js';
import { ImgpileError, describeImgpileError } from '../../imgpile/errors.js';
import type { Logger } from '../../logger.js';
import { isRedisUnavailable } from '../../redis.js';
import type { BotContext, Command } from './context.js';

const GENERIC_ERROR =
  'Something went wrong on our side and it has been logged. Please try again later.';

const STORAGE_DOWN =
  "The bot's storage is temporarily unavailable, so nothing was queued. Try again in a minute.";

/** Said only when it is known: Redis stalled after the request was sent (QueuedOrNotError). */
const QUEUED_OR_NOT =
  "The bot's storage stopped answering just as your request was sent, so it may have been queued. If it was, its result will come here as usual; if nothing comes in a few minutes, try again.";

/** What a user reads when an imgpile call fails in a command. */
function imgpileMessage(err: ImgpileError): string {
  const { reason, retryable, code } = describeImgpileError(err);
  if (code === 'rate_limited')
    return `${reason}. Try again in ${Math.ceil((err.retryAfterMs ?? 60_000) / 1000)} seconds.`;
  if (retryable) return `${reason}. Try again in a minute.`;
  // imgpile writes its name in lower case; any other first word is capitalised.
  return reason.startsWith('imgpile')
    ? `${reason}.`
    : `${reason[0]!.toUpperCase()}${reason.slice(1)}.`;
}

export type InteractionObserver = (info: {
  kind: string;
  name: string;
  ms: number;
  ok: boolean;
}) => void;

type Routes = {
  byName: Map<string, Command>;
  buttons: Map<string, NonNullable<Extract<Command, { kind: 'slash' }>['buttons']>[string]>;
  modals: Map<string, NonNullable<Extract<Command, { kind: 'slash' }>['modals']>[string]>;
};

/** Runs the handler an interaction belongs to; its name for metrics, or null when none. */
async function route(interaction: Interaction, r: Routes, ctx: BotContext) {
  if (interaction.isChatInputCommand()) {
    const command = r.byName.get(interaction.commandName);
    if (command?.kind !== 'slash') return null;
    await command.execute(interaction, ctx);
    return interaction.commandName;
  }
  if (interaction.isMessageContextMenuCommand()) {
    const command = r.byName.get(interaction.commandName);
    if (command?.kind !== 'message') return null;
    await command.execute(interaction, ctx);
    return interaction.commandName;
  }
  if (interaction.isButton() || interaction.isModalSubmit()) {
    const prefix = interaction.customId.split(':')[0] ?? '';
    if (interaction.isButton()) {
      const handle = r.buttons.get(prefix);
      if (!handle) return null;
      await handle(interaction, ctx);
      return `button:${prefix}`;
    }
    const handle = r.modals.get(prefix);
    if (!handle) return null;
    await handle(interaction, ctx);
    return `modal:${prefix}`;
  }
  return null;
}

/** What the user reads for a failure, and the log line it gets. */
function explain(err: unknown, log: Logger, context: object): string {
  if (err instanceof UserError) {
    log.info({ ...context, reason: err.message }, 'interaction refused');
    return err.message;
  }
  if (err instanceof QueuedOrNotError) {
    log.warn({ ...context, err }, 'redis stalled: the request may have been queued');
    return QUEUED_OR_NOT;
  }
  if (isRedisUnavailable(err)) {
    log.warn({ ...context, err: { message: (err as Error).message } }, 'redis unavailable');
    return STORAGE_DOWN;
  }
  if (err instanceof ImgpileError) {
    log.warn(
      { ...context, err, kind: err.kind, status: err.status },
      'imgpile call failed in a command',
    );
    return imgpileMessage(err);
  }
  log.error({ ...context, err }, 'interaction failed');
  return GENERIC_ERROR;
}

/**
 * The one place every interaction goes through: it routes commands, buttons and modals to
 * their handlers, and answers every failure ephemerally, with the reason for user errors and a
 * short generic message otherwise. No stack or upstream body reaches a user.
 */
export function createDispatcher(
  commands: Command[],
  ctx: BotContext,
  observe?: InteractionObserver,
) {
  const slash = commands.filter((c) => c.kind === 'slash');
  const routes: Routes = {
    byName: new Map(commands.map((c) => [c.data.name, c])),
    buttons: new Map(slash.flatMap((c) => Object.entries(c.buttons ?? {}))),
    modals: new Map(slash.flatMap((c) => Object.entries(c.modals ?? {}))),
  };
  const log = ctx.log.child({ subsystem: 'dispatcher' });

  return async function dispatch(interaction: Interaction): Promise<void> {
    const started = Date.now();
    const context = {
      interactionId: interaction.id,
      guildId: interaction.guildId,
      channelId: interaction.channelId,
      userId: interaction.user.id,
    };
    let name = 'unknown';
    try {
      name = (await route(interaction, routes, ctx)) ?? 'unknown';
      observe?.({ kind: interactionKind(interaction), name, ms: Date.now() - started, ok: true });
    } catch (err) {
      observe?.({ kind: interactionKind(interaction), name, ms: Date.now() - started, ok: false });
      const message = explain(err, log, context);
      if (interaction.isRepliable())
        await answerError(interaction, message).catch((e: unknown) =>
          log.warn({ ...context, err: e }, 'could not answer with the error'),
        );
    }
  };
}

function interactionKind(interaction: Interaction): string {
  if (interaction.isChatInputCommand()) return 'slash';
  if (interaction.isMessageContextMenuCommand()) return 'message';
  if (interaction.isButton()) return 'button';
  if (interaction.isModalSubmit()) return 'modal';
  return 'other';
}

/** Answers ephemerally, whatever state the interaction is in. */
async function answerError(interaction: RepliableInteraction, content: string): Promise<void> {
  const payload = {
    content,
    flags: MessageFlags.Ephemeral as const,
    allowedMentions: { parse: [] },
  };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(payload);
    return;
  }
  if (interaction.isCommand() && interaction.deferred && !interaction.replied) {
    // A public "thinking…" placeholder must not turn into a public error: replace it.
    if (interaction.ephemeral) {
      await interaction.editReply({ content, allowedMentions: { parse: [] } });
      return;
    }
    await interaction.deleteReply().catch(() => undefined);
  }
  await interaction.followUp(payload);
}
