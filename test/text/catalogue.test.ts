import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/text/en.js';
import { accounts } from '../../src/text/en/accounts.js';
import { browse } from '../../src/text/en/browse.js';
import { commands } from '../../src/text/en/commands.js';
import { errors } from '../../src/text/en/errors.js';
import { links } from '../../src/text/en/links.js';
import { manage } from '../../src/text/en/manage.js';
import { refusals } from '../../src/text/en/refusals.js';
import { rehost } from '../../src/text/en/rehost.js';
import { server } from '../../src/text/en/server.js';
import { ancestors, literalsOf, sourceFiles, type Literal } from '../helpers/sources.js';

/** Everything but the catalogue itself. */
const literals = sourceFiles('src', 'commands')
  .filter((f) => !f.startsWith('src/text/'))
  .flatMap(literalsOf);

describe('the catalogue', () => {
  it('defines each key in one area only', () => {
    const areas = [accounts, browse, commands, errors, links, manage, refusals, rehost, server];
    const keys = areas.flatMap((a) => Object.keys(a));
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
  });

  it('names every key `<area>.<what>`', () => {
    expect(Object.keys(en).filter((k) => !/^[a-z]+(\.[A-Za-z]+)+$/.test(k))).toEqual([]);
  });

  it('has no key that nothing says', () => {
    const exact = new Set(literals.map((l) => l.text));
    // Keys built from parts (`def.visibility.${v}`) start with their area.
    const built = literals.flatMap((l) =>
      l.pattern && /^[a-z]+\.[A-Za-z.]*\$\{\}/.test(l.text) ? [l.pattern] : [],
    );
    const unused = Object.keys(en).filter((k) => !exact.has(k) && !built.some((p) => p.test(k)));
    expect(unused).toEqual([]);
  });
});

/** Words a user may read: a word, a space, a lower-case word. */
const SENTENCE = /[A-Za-z]{2,}[,:;]? [a-z]{2,}/;

/** Places whose words only operators and developers read. */
const OPERATORS_ONLY = [
  // The configuration's and the process's own errors, printed for whoever runs the bot.
  /^src\/(config|config-fields|snowflake|main)\.ts$/,
  /^src\/ops\//,
  // `npm run doctor`: lines for whoever sets the bot up.
  /^src\/doctor\//,
  // Gateway close codes an admin must fix: logged at fatal.
  /^src\/discord\/core\/gateway\.ts$/,
  // The API client's own errors; describeImgpileError says what a user reads.
  /^src\/imgpile\//,
  // Key derivation labels.
  /^src\/accounts\/seal\.ts$/,
];

/** Single words of the logs that stand apart from their log call. */
const LOG_WORDS: Record<string, RegExp> = {
  'src/accounts/linked.ts': /could not be opened with ACCOUNT_ENCRYPTION_KEY/,
  'src/discord/bot.ts': /^logging in$/,
  'src/discord/intake/listeners.ts': /^remove the reaction$/,
  'src/rehost/url.ts': /^download (timed out|failed)$/,
};

const LOG_CALL = /(^|\.|\?\.)(trace|debug|info|warn|error|fatal)$|(^|\.)log\[\w+\]$/;

/** A literal no user reads: a log line, an internal error's message, a Lua script, an import. */
function internal(literal: Literal): boolean {
  if (literal.text.includes('redis.call')) return true;
  return ancestors(literal.node).some((n) => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) return true;
    // An error's message: UserError and RehostRefusal take a catalogue message, never words.
    if (ts.isNewExpression(n)) return true;
    if (ts.isCallExpression(n)) {
      const callee = n.expression.getText();
      return callee === 'super' || LOG_CALL.test(callee);
    }
    return false;
  });
}

/** Properties and setters whose string Discord shows as it is. */
const SHOWN_PROPERTY = /^(content|label|title|description|placeholder)$/;
const SHOWN_SETTER = /\.(setLabel|setTitle|setDescription|setPlaceholder|setFooter|setAuthor)$/;

/** A literal Discord would show as it is: words, not a key of the catalogue. */
function shownAsIs(literal: Literal): boolean {
  const words = literal.text.replace(/\$\{\}/g, '');
  if (!/[A-Za-z]/.test(words) || Object.hasOwn(en, literal.text)) return false;
  const parent = literal.node.parent;
  if (ts.isPropertyAssignment(parent) && parent.initializer === literal.node)
    return SHOWN_PROPERTY.test(parent.name.getText());
  return ts.isCallExpression(parent) && SHOWN_SETTER.test(parent.expression.getText());
}

describe('every sentence a user reads comes from the catalogue', () => {
  it('no words outside src/text/ but logs, internal errors and the operators’ own', () => {
    const words = literals
      .filter((l) => !OPERATORS_ONLY.some((p) => p.test(l.file)))
      .filter((l) => !LOG_WORDS[l.file]?.test(l.text))
      .filter((l) => (SENTENCE.test(l.text) || shownAsIs(l)) && !internal(l))
      .map((l) => `${l.file}:${l.line}: ${l.text}`);
    expect(words).toEqual([]);
  });
});
