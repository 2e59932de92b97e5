import { ApplicationCommandType, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { LOCALES } from '../../src/text/index.js';
import { commandSize } from '../fakes/discord/validation/commands.js';

/** Discord's rule for chat input names (application commands: "Application Command Naming"). */
const NAME = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const lowerWherePossible = (name: string) => [...name].every((c) => c.toLowerCase() === c);
const length = (s: string) => [...s].length;

type Part = {
  name: string;
  type?: number;
  description?: string;
  name_localizations?: Record<string, string | null> | null;
  description_localizations?: Record<string, string | null> | null;
  options?: Part[];
  choices?: { name: string; name_localizations?: Record<string, string | null> | null }[];
};

const data = commands.map((c) => c.data as RESTPostAPIApplicationCommandsJSONBody & Part);
const slash = data.filter((c) => (c.type ?? 1) === 1);

/** Every command, subcommand group, subcommand and option, with where it stands. */
function parts(part: Part, path = part.name): [string, Part, Part[]][] {
  const children = part.options ?? [];
  return [
    [path, part, []],
    ...children.flatMap((child) =>
      parts(child, `${path} ${child.name}`).map(
        ([p, c, s]) => [p, c, s.length ? s : children] as [string, Part, Part[]],
      ),
    ),
  ];
}

describe('the commands as Discord shows them in each language', () => {
  const all = slash.flatMap((c) => parts(c));

  it('carry a name and a description in every translated locale, everywhere', () => {
    const missing: string[] = [];
    for (const [path, part] of all)
      for (const locale of LOCALES) {
        if (!part.name_localizations?.[locale]) missing.push(`${path}: name ${locale}`);
        if (!part.description_localizations?.[locale])
          missing.push(`${path}: description ${locale}`);
        for (const choice of part.choices ?? [])
          if (!choice.name_localizations?.[locale])
            missing.push(`${path} ${choice.name}: choice ${locale}`);
      }
    expect(all.length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('obey Discord’s rules: names 1-32 of its characters, lower case; descriptions 1-100', () => {
    const bad: string[] = [];
    for (const [path, part] of all)
      for (const locale of LOCALES) {
        const name = part.name_localizations?.[locale] ?? '';
        if (!NAME.test(name) || !lowerWherePossible(name)) bad.push(`${path} ${locale}: ${name}`);
        const description = part.description_localizations?.[locale] ?? '';
        if (length(description) < 1 || length(description) > 100)
          bad.push(`${path} ${locale}: ${description}`);
        for (const choice of part.choices ?? []) {
          const choiceName = choice.name_localizations?.[locale] ?? '';
          if (length(choiceName) < 1 || length(choiceName) > 100)
            bad.push(`${path} ${choice.name} ${locale}: ${choiceName}`);
        }
      }
    expect(bad).toEqual([]);
  });

  it('name siblings apart in every locale (Discord refuses two options of one name)', () => {
    const clashes: string[] = [];
    const walk = (part: Part, path: string) => {
      const children = part.options ?? [];
      for (const locale of LOCALES) {
        const names = children.map((c) => c.name_localizations?.[locale] ?? c.name);
        const twice = names.filter((n, i) => names.indexOf(n) !== i);
        if (twice.length) clashes.push(`${path} ${locale}: ${twice.join(', ')}`);
      }
      for (const child of children) walk(child, `${path} ${child.name}`);
    };
    for (const command of slash) walk(command, command.name);
    const top = LOCALES.flatMap((locale) => {
      const names = slash.map((c) => c.name_localizations?.[locale] ?? c.name);
      return names.filter((n, i) => names.indexOf(n) !== i).map((n) => `${locale}: ${n}`);
    });
    expect([...clashes, ...top]).toEqual([]);
  });

  it('fit Discord’s 8000 characters a command, each field counted by its longest language', () => {
    for (const command of slash) expect(commandSize(command), command.name).toBeLessThan(8000);
  });

  it('name the message menu in words, 1-32 characters, spaces and capitals allowed', () => {
    const menus = data.filter((c) => c.type === ApplicationCommandType.Message);
    expect(menus.length).toBe(1);
    for (const menu of menus)
      for (const locale of LOCALES) {
        const name = menu.name_localizations?.[locale] ?? '';
        expect(length(name), `${locale}: ${name}`).toBeGreaterThan(0);
        expect(length(name), `${locale}: ${name}`).toBeLessThanOrEqual(32);
      }
  });
});
