import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The engine's and the commands' sources, as the catalogue's tests read them. */
export function sourceFiles(...roots: string[]): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return walk(path);
      return path.endsWith('.ts') ? [path] : [];
    });
  return roots.flatMap(walk).sort();
}

export type Literal = {
  file: string;
  line: number;
  /** The literal's text; a template's literal parts joined by `${}`. */
  text: string;
  node: ts.Node;
  /** For a template with substitutions: the pattern its values fill (for keys built from parts). */
  pattern: RegExp | null;
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every string and template literal of a file, with where it stands. */
export function literalsOf(file: string): Literal[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Literal[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      out.push({ file, line: line(node), text: node.text, node, pattern: null });
    } else if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)];
      const pattern = new RegExp(`^${parts.map(escape).join('.+')}$`);
      out.push({ file, line: line(node), text: parts.join('${}'), node, pattern });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The nodes from `node` up to its statement. */
export function ancestors(node: ts.Node): ts.Node[] {
  const out: ts.Node[] = [];
  for (let n = node.parent; n && !ts.isSourceFile(n); n = n.parent) {
    out.push(n);
    if (ts.isStatement(n) && !ts.isBlock(n)) break;
  }
  return out;
}
