import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './helpers/sources.js';

/** The floors of docs/architecture.md (Layout), top down: a file imports only down, or its own room. */
const FLOORS: string[][] = [
  ['src/doctor/'],
  ['src/main.ts'],
  ['src/app.ts'],
  ['src/ops/'],
  ['commands/'],
  ['src/functions/'],
  ['src/discord/bot.ts'],
  ['src/discord/intake/'],
  ['src/discord/replies/'],
  ['src/discord/core/'],
  ['src/discord/views/'],
  ['src/queue/'],
  ['src/accounts/'],
  ['src/request.ts'],
  ['src/rehost/', 'src/limits/', 'src/store/'],
  ['src/imgpile/'],
  [
    'src/config.ts',
    'src/config-fields.ts',
    'src/logger.ts',
    'src/errors.ts',
    'src/snowflake.ts',
    'src/redis.ts',
    'src/hosts.ts',
    'src/sleep.ts',
  ],
  ['src/text/'],
];

/** Imports up that are known, each to be moved down. Nothing may join this list. */
const KNOWN_UP = new Set<string>([]);

const roomOf = (file: string) =>
  FLOORS.flat().find((r) => (r.endsWith('/') ? file.startsWith(r) : file === r));
const floorOf = (file: string) => FLOORS.findIndex((f) => f.includes(roomOf(file) ?? ''));

type Import = { from: string; to: string; typeOnly: boolean };

function importsOf(file: string): Import[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  return sf.statements.flatMap((s) => {
    if (!(ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) || !s.moduleSpecifier) return [];
    const spec = (s.moduleSpecifier as ts.StringLiteral).text;
    if (!spec.startsWith('.')) return [];
    const to = normalize(join(dirname(file), spec.replace(/\.js$/, '.ts')));
    const typeOnly = ts.isImportDeclaration(s)
      ? (s.importClause?.isTypeOnly ?? false)
      : s.isTypeOnly;
    return [{ from: file, to, typeOnly }];
  });
}

const files = sourceFiles('src', 'commands');
const imports = files.flatMap(importsOf);

/** Every folder of src/ and commands/, itself included. */
function foldersOf(dir: string): string[] {
  return [
    dir,
    ...readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isDirectory())
      .flatMap(foldersOf),
  ];
}

describe('the folders', () => {
  it('hold at most 15 files each, directly (docs/architecture.md: a folder answers one question)', () => {
    const crowded = ['src', 'commands']
      .flatMap(foldersOf)
      .map((dir) => ({
        dir,
        files: readdirSync(dir).filter((n) => statSync(join(dir, n)).isFile()).length,
      }))
      .filter(({ files }) => files > 15);
    expect(crowded).toEqual([]);
  });
});

describe('the code stands in floors', () => {
  it('every file has a floor', () => {
    expect(files.filter((f) => floorOf(f) < 0)).toEqual([]);
  });

  it('imports only go down, or stay in their room (a folder, or the files of one floor)', () => {
    const up = imports.filter(({ from, to }) => {
      const [a, b] = [floorOf(from), floorOf(to)];
      const folders = roomOf(from)!.endsWith('/') && roomOf(to)!.endsWith('/');
      return b < a || (b === a && folders && roomOf(from) !== roomOf(to));
    });
    expect(up.map((i) => `${i.from} -> ${i.to}`).filter((i) => !KNOWN_UP.has(i))).toEqual([]);
  });

  it('no imports go round in a circle', () => {
    const next = new Map<string, string[]>();
    for (const i of imports.filter((x) => !x.typeOnly))
      next.set(i.from, [...(next.get(i.from) ?? []), i.to]);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const to of next.get(file) ?? []) visit(to, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
