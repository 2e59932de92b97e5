import {
  SlashCommandBuilder,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ModalSubmitInteraction,
  type SlashCommandSubcommandBuilder,
  type SlashCommandSubcommandGroupBuilder,
} from 'discord.js';
import { UserError } from '../../errors.js';
import {
  definitionLocalizations,
  english,
  nameLocalizations,
  say,
  type DefinitionKey,
  type DefinitionName,
  type Say,
} from '../../text/index.js';
import type { CustomId } from '../views/custom-id.js';
import {
  CONTEXTS,
  INSTALLS,
  type BotContext,
  type ButtonRoute,
  type Command,
  type ModalRoute,
} from './context.js';

type Run = (interaction: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;

/** The catalogue's words for the definitions (`src/text/en/commands.ts`). */
export type { DefinitionKey } from '../../text/index.js';

/**
 * One subcommand, whole: its name and description (a catalogue key), its options, what it
 * runs, and the buttons and forms its messages carry. Its definition for Discord and its route
 * are both made from this record, so they cannot disagree.
 */
export type Subcommand = {
  readonly name: DefinitionName;
  readonly description: DefinitionKey;
  /** Its options, on the builder Discord's definition is made with. */
  options?(sub: SlashCommandSubcommandBuilder): SlashCommandSubcommandBuilder;
  run: Run;
  readonly buttons?: readonly ButtonRoute[];
  readonly modals?: readonly ModalRoute[];
};

/** Subcommands under one name (`/imgpile watch add`). */
export type SubcommandGroup = {
  readonly name: DefinitionName;
  readonly description: DefinitionKey;
  readonly subcommands: readonly Subcommand[];
};

type Localizations = Partial<Record<string, string | null>>;

/**
 * Names a part of a command's definition and gives it its description from the catalogue, in
 * English and in every translated locale: the one place the definitions' words are set. The
 * name is code (the router reads it); `src/text/<locale>/names.ts` name it in each language.
 */
export function described<
  B extends {
    setName(n: string): unknown;
    setNameLocalizations(l: Localizations): unknown;
    setDescription(d: string): unknown;
    setDescriptionLocalizations(l: Localizations): unknown;
  },
>(builder: B, name: DefinitionName, description: DefinitionKey): B {
  builder.setName(name);
  builder.setNameLocalizations(nameLocalizations(name));
  builder.setDescription(english(description));
  builder.setDescriptionLocalizations(definitionLocalizations(description));
  return builder;
}

/** Names a command whose name is words (a context menu's) from the catalogue, in each locale. */
export function named<
  B extends { setName(n: string): unknown; setNameLocalizations(l: Localizations): unknown },
>(builder: B, name: DefinitionKey): B {
  builder.setName(english(name));
  builder.setNameLocalizations(definitionLocalizations(name));
  return builder;
}

/** An option's choice: the value sent, and its name from the catalogue in each locale. */
export const choice = <V extends string>(value: V, name: DefinitionKey) => ({
  name: english(name),
  name_localizations: definitionLocalizations(name),
  value,
});

/**
 * A button that answers ids of `id`: a press reads the id back first; an id that does not read
 * (cut, forged, from elsewhere) is answered `stale`, and nothing else happens.
 */
export function onButton<T>(
  id: CustomId<T>,
  press: (interaction: ButtonInteraction, ctx: BotContext, value: T) => Promise<void>,
  stale: Say = say('error.staleButton'),
): ButtonRoute {
  return {
    prefixes: id.prefixes,
    async handle(interaction, ctx) {
      const value = id.parse(interaction.customId);
      if (value === null) throw new UserError(stale);
      await press(interaction, ctx, value);
    },
  };
}

/** A form that answers ids of `id`, the same way. */
export function onModal<T>(
  id: CustomId<T>,
  submit: (interaction: ModalSubmitInteraction, ctx: BotContext, value: T) => Promise<void>,
  stale: Say = say('error.staleButton'),
): ModalRoute {
  return {
    prefixes: id.prefixes,
    async handle(interaction, ctx) {
      const value = id.parse(interaction.customId);
      if (value === null) throw new UserError(stale);
      await submit(interaction, ctx, value);
    },
  };
}

const isGroup = (entry: Subcommand | SubcommandGroup): entry is SubcommandGroup =>
  'subcommands' in entry;

function defineSubcommand(sub: SlashCommandSubcommandBuilder, record: Subcommand) {
  described(sub, record.name, record.description);
  return record.options ? record.options(sub) : sub;
}

function defineGroup(group: SlashCommandSubcommandGroupBuilder, record: SubcommandGroup) {
  described(group, record.name, record.description);
  for (const sub of record.subcommands) group.addSubcommand((s) => defineSubcommand(s, sub));
  return group;
}

/**
 * A slash command made of subcommands and groups, in the order Discord lists them: its
 * definition, its router, and every button and form its subcommands (and `extra`) answer.
 */
export function slashCommand(spec: {
  name: DefinitionName;
  description: DefinitionKey;
  entries: readonly (Subcommand | SubcommandGroup)[];
  /** Buttons and forms on messages of more than one subcommand. */
  extra?: { buttons?: readonly ButtonRoute[]; modals?: readonly ModalRoute[] };
}): Extract<Command, { kind: 'slash' }> {
  const builder = described(new SlashCommandBuilder(), spec.name, spec.description)
    .setIntegrationTypes(...INSTALLS)
    .setContexts(...CONTEXTS);
  const runs = new Map<string, Run>();
  const records: Subcommand[] = [];
  for (const entry of spec.entries) {
    if (isGroup(entry)) {
      builder.addSubcommandGroup((g) => defineGroup(g, entry));
      for (const sub of entry.subcommands) runs.set(`${entry.name} ${sub.name}`, sub.run);
      records.push(...entry.subcommands);
    } else {
      builder.addSubcommand((s) => defineSubcommand(s, entry));
      runs.set(entry.name, entry.run);
      records.push(entry);
    }
  }
  return {
    kind: 'slash',
    data: builder.toJSON(),
    async execute(interaction, ctx) {
      const group = interaction.options.getSubcommandGroup(false);
      const sub = interaction.options.getSubcommand();
      const run = runs.get(group ? `${group} ${sub}` : sub);
      // Only a definition registered by another version can name one this one lacks.
      if (!run) throw new Error(`unknown subcommand ${group ?? ''} ${sub}`);
      await run(interaction, ctx);
    },
    buttons: [...records.flatMap((r) => r.buttons ?? []), ...(spec.extra?.buttons ?? [])],
    modals: [...records.flatMap((r) => r.modals ?? []), ...(spec.extra?.modals ?? [])],
  };
}
