import {
  SlashCommandBuilder,
  SlashCommandStringOption,
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
  type Completer,
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
  /** What its string options offer while a member types (each set `autocomplete` in Discord). */
  readonly autocomplete?: Readonly<Record<string, Completer>>;
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
  builder.setNameLocalizations(nameLocalizations(name, description));
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
  const defined = record.options ? record.options(sub) : sub;
  for (const name of Object.keys(record.autocomplete ?? {})) {
    const option = defined.options.find((o) => o.name === name);
    // A completer for an option that is not a string option is a bug: said at start.
    if (!(option instanceof SlashCommandStringOption))
      throw new Error(`${record.name}: no string option ${name} to autocomplete`);
    option.setAutocomplete(true);
  }
  return defined;
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
  const completers = new Map<string, Completer>();
  const records: Subcommand[] = [];
  const route = (path: string, sub: Subcommand) => {
    runs.set(path, sub.run);
    for (const [option, complete] of Object.entries(sub.autocomplete ?? {}))
      completers.set(`${path} ${option}`, complete);
  };
  for (const entry of spec.entries) {
    if (isGroup(entry)) {
      builder.addSubcommandGroup((g) => defineGroup(g, entry));
      for (const sub of entry.subcommands) route(`${entry.name} ${sub.name}`, sub);
      records.push(...entry.subcommands);
    } else {
      builder.addSubcommand((s) => defineSubcommand(s, entry));
      route(entry.name, entry);
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
    async complete(interaction, ctx) {
      const group = interaction.options.getSubcommandGroup(false);
      const sub = interaction.options.getSubcommand();
      const focused = interaction.options.getFocused(true);
      const complete = completers.get(`${group ? `${group} ${sub}` : sub} ${focused.name}`);
      return complete ? complete(interaction, ctx, String(focused.value)) : [];
    },
    buttons: [...records.flatMap((r) => r.buttons ?? []), ...(spec.extra?.buttons ?? [])],
    modals: [...records.flatMap((r) => r.modals ?? []), ...(spec.extra?.modals ?? [])],
  };
}
