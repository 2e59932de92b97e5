import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startFakeDiscord, type FakeDiscord } from './discord.js';

let discord: FakeDiscord | undefined;
afterEach(async () => {
  await discord?.close();
  discord = undefined;
});

async function register(body: unknown) {
  discord ??= await startFakeDiscord();
  const res = await fetch(`${discord.apiUrl}/v10/applications/${discord.applicationId}/commands`, {
    method: 'PUT',
    headers: { authorization: `Bot ${discord.botToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The first error Discord's answer gives at `path` of its `errors` tree. */
function errorAt(body: Record<string, unknown>, ...path: (string | number)[]) {
  let node: unknown = body.errors;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[String(key)];
  return (node as { _errors?: { code: string; message: string }[] } | undefined)?._errors?.[0];
}

const INVALID_NAME = {
  code: 'APPLICATION_COMMAND_INVALID_NAME',
  message: 'Command name is invalid',
};

const slash = (extra: Record<string, unknown> = {}) => ({
  type: 1,
  name: 'imgpile',
  description: 'Rehost images',
  ...extra,
});

const option = (extra: Record<string, unknown> = {}) => ({
  type: 3,
  name: 'title',
  description: 'Post title',
  ...extra,
});

describe('the fake Discord registers commands as Discord validates them', () => {
  it('refuses an option whose localized name breaks the naming rule, naming the locale', async () => {
    for (const bad of ['Titel', 'post titel', 'títul@', 'x'.repeat(33)]) {
      const res = await register([
        slash({ options: [option({ name_localizations: { de: bad, fr: 'titre' } })] }),
      ]);
      expect(res.status, bad).toBe(400);
      expect(res.body).toMatchObject({ code: 50035, message: 'Invalid Form Body' });
      expect(errorAt(res.body, 0, 'options', 0, 'name_localizations', 'de')?.code).toMatch(
        /APPLICATION_COMMAND_INVALID_NAME|BASE_TYPE_BAD_LENGTH/,
      );
      expect(errorAt(res.body, 0, 'options', 0, 'name_localizations', 'fr')).toBeUndefined();
    }
    expect(discord!.registered).toEqual([]);
  });

  it('refuses a command’s bad localized name as Discord answers it, at name_localizations', async () => {
    const res = await register([slash({ name_localizations: { de: 'Imgpile' } })]);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      message: 'Invalid Form Body',
      code: 50035,
      errors: { '0': { name_localizations: { _errors: [INVALID_NAME] } } },
    });
  });

  it('refuses a bad name, a long description, an unknown locale and a long choice name', async () => {
    const res = await register([
      slash({
        options: [
          option({ name: 'Title' }),
          option({ name: 'tag', description_localizations: { ja: 'あ'.repeat(101) } }),
          option({ name: 'sort', name_localizations: { xx: 'orden' } }),
          option({
            name: 'period',
            choices: [{ name: 'day', value: 'day', name_localizations: { de: '' } }],
          }),
        ],
      }),
    ]);
    expect(res.status).toBe(400);
    const at = (...path: (string | number)[]) => errorAt(res.body, 0, 'options', ...path)?.code;
    expect(errorAt(res.body, 0, 'options', 0, 'name')).toEqual(INVALID_NAME);
    expect(at(1, 'description_localizations', 'ja')).toBe('BASE_TYPE_BAD_LENGTH');
    expect(at(2, 'name_localizations', 'xx')).toBe('ENUM_TYPE_COERCE');
    expect(at(3, 'choices', 0, 'name_localizations', 'de')).toBe('BASE_TYPE_BAD_LENGTH');
  });

  it('refuses two siblings of one name, in English or in one locale', async () => {
    const twice = await register([slash({ options: [option(), option()] })]);
    expect(twice.status).toBe(400);
    const clash = await register([
      slash({
        options: [
          option({ name_localizations: { de: 'titel' } }),
          option({ name: 'tag', name_localizations: { de: 'titel' } }),
        ],
      }),
    ]);
    expect(clash.status).toBe(400);
    expect(errorAt(clash.body, 0, 'options', 1, 'name_localizations', 'de')?.code).toBe(
      'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS',
    );
  });

  it('lets a message menu’s name have spaces and capitals, in every locale, up to 32', async () => {
    const menu = (name: string) => ({
      type: 3,
      name: 'Rehost to imgpile',
      name_localizations: { de: name },
    });
    expect((await register([menu('Auf imgpile hochladen')])).status).toBe(200);
    expect((await register([menu('A'.repeat(33))])).status).toBe(400);
  });

  it('refuses a command over 8000 characters, counting each field’s longest localization', async () => {
    const long = (name: string) =>
      option({
        name,
        description: 'd',
        description_localizations: { de: 'x'.repeat(100), ja: 'y'.repeat(100) },
      });
    const names = Array.from({ length: 25 }, (_, i) => `o${i}`);
    const group = (name: string) => ({
      type: 1,
      name,
      description: 'sub',
      options: names.map(long),
    });
    // 4 subcommands of 25 options: over 10,000 counted by the localized descriptions alone.
    const res = await register([slash({ options: ['a', 'b', 'c', 'd'].map(group) })]);
    expect(res.status).toBe(400);
    expect(errorAt(res.body, 0)?.code).toBe('APPLICATION_COMMAND_TOO_LARGE');
  });

  it('accepts the bot’s own commands, localized in every language', async () => {
    const res = await register(commands.map((c) => c.data));
    expect(res.body).not.toHaveProperty('errors');
    expect(res.status).toBe(200);
  });
});
