/**
 * Command registration as Discord validates it ("Application Commands" > "Application Command
 * Object", "Application Command Naming", "Localization"; locales from "Reference" > "Locales").
 * Chat input names and option names: 1-32 characters of `^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]`,
 * in lower case where a letter has one; user and message commands' names may have spaces and
 * capitals. Descriptions 1-100 (empty for menus), choices' names 1-100, at most 25 options and
 * 25 choices, names unique among siblings, each localization by the same rules under a known
 * locale. A bad localized name of a command is answered at `name_localizations` (as Discord does,
 * discord/discord-api-docs#7712), of an option at its locale.
 */
import { asRecord, FormErrors, length, type Path, type Refusal } from './form.js';

export const DISCORD_LOCALES = new Set([
  'id',
  'da',
  'de',
  'en-GB',
  'en-US',
  'es-ES',
  'es-419',
  'fr',
  'hr',
  'it',
  'lt',
  'hu',
  'nl',
  'no',
  'pl',
  'pt-BR',
  'ro',
  'fi',
  'sv-SE',
  'vi',
  'tr',
  'cs',
  'el',
  'bg',
  'ru',
  'uk',
  'hi',
  'th',
  'zh-CN',
  'ja',
  'zh-TW',
  'ko',
]);

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const INVALID_NAME = ['APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid'] as const;
const BAD_LENGTH = (min: number, max: number) =>
  ['BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`] as const;
const DUPLICATE = [
  'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
  'Option names must be unique',
] as const;

const CHAT_INPUT = 1;

type Problem = readonly [code: string, message: string];

/** What a name is checked as: a chat input's (rule and case) or a menu's (length only). */
type NameKind = 'chat' | 'menu';

function nameProblem(value: unknown, kind: NameKind): Problem | null {
  if (typeof value !== 'string' || length(value) < 1 || length(value) > 32)
    return BAD_LENGTH(1, 32);
  if (kind === 'chat' && (!NAME.test(value) || [...value].some((c) => c.toLowerCase() !== c)))
    return INVALID_NAME;
  return null;
}

type Localized = Record<string, unknown>;

/** A localization map: known locales only, each value by `check`. */
function localizations(
  errors: FormErrors,
  path: Path,
  map: unknown,
  check: (value: unknown) => readonly [string, string] | null,
  /** Where a bad value is answered: at the map (a command's name) or at its locale. */
  atMap = false,
) {
  if (map === undefined || map === null) return;
  for (const [locale, value] of Object.entries(asRecord(map))) {
    if (!DISCORD_LOCALES.has(locale)) {
      errors.add(
        [...path, locale],
        'ENUM_TYPE_COERCE',
        `Value "${locale}" is not a valid enum value.`,
      );
      continue;
    }
    const problem = check(value);
    if (problem)
      errors.add(atMap && problem === INVALID_NAME ? path : [...path, locale], ...problem);
  }
}

const description =
  (min: number) =>
  (value: unknown): Problem | null =>
    typeof value !== 'string' || length(value) < min || length(value) > 100
      ? BAD_LENGTH(min, 100)
      : null;

/**
 * Names unique among siblings, in English and in each locale: a sibling without a name in that
 * locale is shown there by its own.
 */
function unique(errors: FormErrors, path: Path, siblings: Localized[]) {
  const locales = new Set(siblings.flatMap((s) => Object.keys(asRecord(s.name_localizations))));
  for (const locale of ['', ...locales]) {
    const seen = new Set<unknown>();
    siblings.forEach((s, i) => {
      const own = locale ? asRecord(s.name_localizations)[locale] : undefined;
      const name = own ?? s.name;
      if (seen.has(name)) {
        const at =
          own === undefined ? [...path, i, 'name'] : [...path, i, 'name_localizations', locale];
        errors.add(at, ...DUPLICATE);
      }
      seen.add(name);
    });
  }
}

function validateOption(errors: FormErrors, path: Path, option: Localized) {
  const problem = nameProblem(option.name, 'chat');
  if (problem) errors.add([...path, 'name'], ...problem);
  localizations(errors, [...path, 'name_localizations'], option.name_localizations, (v) =>
    nameProblem(v, 'chat'),
  );
  const d = description(1)(option.description);
  if (d) errors.add([...path, 'description'], ...d);
  localizations(
    errors,
    [...path, 'description_localizations'],
    option.description_localizations,
    description(1),
  );
  const choices = Array.isArray(option.choices) ? (option.choices as unknown[]) : [];
  if (choices.length > 25)
    errors.add([...path, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  choices.map(asRecord).forEach((choice, i) => {
    const at = [...path, 'choices', i];
    const n = description(1)(choice.name);
    if (n) errors.add([...at, 'name'], ...n);
    localizations(errors, [...at, 'name_localizations'], choice.name_localizations, description(1));
  });
  validateOptions(errors, path, option);
}

function validateOptions(errors: FormErrors, path: Path, parent: Localized) {
  const options = Array.isArray(parent.options) ? (parent.options as unknown[]).map(asRecord) : [];
  if (options.length > 25)
    errors.add([...path, 'options'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  options.forEach((o, i) => validateOption(errors, [...path, 'options', i], o));
  unique(errors, [...path, 'options'], options);
}

function validateCommand(errors: FormErrors, path: Path, command: Localized) {
  const type = typeof command.type === 'number' ? command.type : CHAT_INPUT;
  const kind: NameKind = type === CHAT_INPUT ? 'chat' : 'menu';
  const problem = nameProblem(command.name, kind);
  if (problem) errors.add([...path, 'name'], ...problem);
  localizations(
    errors,
    [...path, 'name_localizations'],
    command.name_localizations,
    (v) => nameProblem(v, kind),
    true,
  );
  if (type !== CHAT_INPUT) return;
  const d = description(1)(command.description);
  if (d) errors.add([...path, 'description'], ...d);
  localizations(
    errors,
    [...path, 'description_localizations'],
    command.description_localizations,
    description(1),
  );
  validateOptions(errors, path, command);
}

const longest = (value: unknown, map: unknown) =>
  Math.max(
    typeof value === 'string' ? length(value) : 0,
    ...Object.values(asRecord(map)).map((v) => (typeof v === 'string' ? length(v) : 0)),
  );

/**
 * A command's size as Discord counts it: names, descriptions and choices' names and values of
 * the command and every option, each field by its longest localization (the default included).
 */
export function commandSize(part: object): number {
  const p = part as Localized;
  let n =
    longest(p.name, p.name_localizations) + longest(p.description, p.description_localizations);
  for (const c of Array.isArray(p.choices) ? (p.choices as unknown[]).map(asRecord) : [])
    n +=
      longest(c.name, c.name_localizations) +
      (typeof c.value === 'string' || typeof c.value === 'number' ? String(c.value).length : 0);
  for (const o of Array.isArray(p.options) ? (p.options as unknown[]).map(asRecord) : [])
    n += commandSize(o);
  return n;
}

/** Discord's limit on a chat input command's combined size. */
const MAX_COMMAND_SIZE = 8000;

/** A PUT of a command list: null when Discord would take it, else its 400. */
export function validateCommands(body: unknown): Refusal | null {
  const errors = new FormErrors();
  const list = Array.isArray(body) ? body.map(asRecord) : [];
  list.forEach((c, i) => {
    validateCommand(errors, [i], c);
    if ((c.type ?? CHAT_INPUT) === CHAT_INPUT && commandSize(c) > MAX_COMMAND_SIZE)
      errors.add(
        [i],
        'APPLICATION_COMMAND_TOO_LARGE',
        `Command exceeds maximum size (${MAX_COMMAND_SIZE})`,
      );
  });
  for (const type of new Set(list.map((c) => c.type ?? CHAT_INPUT))) {
    const names = list.filter((c) => (c.type ?? CHAT_INPUT) === type).map((c) => c.name);
    if (names.some((n, i) => names.indexOf(n) !== i))
      errors.add(
        [],
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
  }
  return errors.empty ? null : { status: 400, body: errors.body() };
}
