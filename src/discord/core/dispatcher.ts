import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { QueuedOrNotError, UserError } from '../../errors.js';
import { ImgpileError, describeImgpileError } from '../../imgpile/errors.js';
import type { Logger } from '../../logger.js';
import { isRedisUnavailable } from '../../redis.js';
import { textFor, type Text } from '../../text/index.js';
import { answerAutocomplete } from './autocomplete.js';
import type { BotContext, ButtonRoute, Command, ModalRoute } from './context.js';

/** What a user reads when an imgpile call fails in a command. */
function imgpileMessage(err: ImgpileError, text: Text): string {
  const { say: reason, retryable, code } = describeImgpileError(err);
  if (code === 'rate_limited') {
    const seconds = Math.ceil((err.retryAfterMs ?? 60_000) / 1000);
    return text('error.imgpileRetryIn', { reason, seconds });
  }
  return text(retryable ? 'error.imgpileRetry' : 'error.imgpile', { reason });
}

export type InteractionObserver = (info: {
  kind: string;
  name: string;
  ms: number;
  ok: boolean;
}) => void;

type Routes = {
  byName: Map<string, Command>;
  buttons: Map<string, ButtonRoute>;
  modals: Map<string, ModalRoute>;
};

/** Routes by every prefix each one reads; two that read the same prefix are a bug, said at once. */
function byPrefix<R extends { prefixes: readonly string[] }>(routes: readonly R[]) {
  const map = new Map<string, R>();
  for (const route of routes)
    for (const prefix of route.prefixes) {
      if (map.has(prefix)) throw new Error(`two routes read custom ids ${prefix}:…`);
      map.set(prefix, route);
    }
  return map;
}

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
      const button = r.buttons.get(prefix);
      if (!button) return null;
      await button.handle(interaction, ctx);
      return `button:${button.prefixes[0]}`;
    }
    const modal = r.modals.get(prefix);
    if (!modal) return null;
    await modal.handle(interaction, ctx);
    return `modal:${modal.prefixes[0]}`;
  }
  return null;
}

/** What the user reads for a failure, in their words, and the log line it gets. */
function explain(err: unknown, log: Logger, context: object, text: Text): string {
  if (err instanceof UserError) {
    log.info({ ...context, reason: err.message }, 'interaction refused');
    return text.say(err.say);
  }
  if (err instanceof QueuedOrNotError) {
    // Said only when it is known: Redis stalled after the request was sent.
    log.warn({ ...context, err }, 'redis stalled: the request may have been queued');
    return text('error.queuedOrNot');
  }
  if (isRedisUnavailable(err)) {
    log.warn({ ...context, err: { message: (err as Error).message } }, 'redis unavailable');
    return text('error.storageDown');
  }
  if (err instanceof ImgpileError) {
    log.warn(
      { ...context, err, kind: err.kind, status: err.status },
      'imgpile call failed in a command',
    );
    return imgpileMessage(err, text);
  }
  log.error({ ...context, err }, 'interaction failed');
  return text('error.generic');
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
    buttons: byPrefix(slash.flatMap((c) => c.buttons)),
    modals: byPrefix(slash.flatMap((c) => c.modals)),
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
    if (interaction.isAutocomplete()) {
      const command = routes.byName.get(interaction.commandName);
      const { ok } = await answerAutocomplete(interaction, command, ctx, log).catch(
        (err: unknown) => {
          log.warn({ ...context, err }, 'could not answer autocomplete');
          return { ok: false };
        },
      );
      observe?.({
        kind: 'autocomplete',
        name: interaction.commandName,
        ms: Date.now() - started,
        ok,
      });
      return;
    }
    let name = 'unknown';
    try {
      name = (await route(interaction, routes, ctx)) ?? 'unknown';
      observe?.({ kind: interactionKind(interaction), name, ms: Date.now() - started, ok: true });
    } catch (err) {
      observe?.({ kind: interactionKind(interaction), name, ms: Date.now() - started, ok: false });
      const message = explain(err, log, context, textFor(interaction.locale));
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
