import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage']);
const TEXT = /\.(ts|js|json|md|ya?ml|sh)$|^(Dockerfile|run)$/;

function textFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return textFiles(path);
    return TEXT.test(name) ? [path] : [];
  });
}

/**
 * A merge's conflict markers, as git writes them and as prettier rewrites them in Markdown
 * (`\=======`, `> > > > > > >`): a merge once left them in the docs, and nothing else fails on them.
 */
const MARKER = /^\s*(<{7} |>{7} |\\?={7}$|(> ){6}>)/;

describe('the repository', () => {
  it('holds no merge conflict markers', () => {
    const found = textFiles('.').flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (MARKER.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
