import { Writable } from 'node:stream';
import type { AutocompleteInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import {
  COMPLETE_WITHIN_MS,
  answerAutocomplete,
  fitChoices,
} from '../../src/discord/core/autocomplete.js';
import type { BotContext, Command } from '../../src/discord/core/context.js';
import { createLogger } from '../../src/logger.js';

/** The answer's own rules, apart from any Discord: what it sends and when. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, log: createLogger({ level: 'info' }, stream) };
}

function typing() {
  const sent: unknown[] = [];
  const interaction = {
    id: '1',
    user: { id: '2' },
    respond: async (choices: unknown) => void sent.push(choices),
  } as unknown as AutocompleteInteraction;
  return { interaction, sent };
}

const slashWith = (complete: Extract<Command, { kind: 'slash' }>['complete']) =>
  ({ kind: 'slash', complete }) as unknown as Command;

describe('an autocomplete answer', () => {
  it('fits Discord: at most 25, names on one line and cut to 100 code points, values unique and short', () => {
    const many = Array.from({ length: 40 }, (_, n) => ({
      name: `${'é'.repeat(120)}\n${n}`,
      value: `v${n % 30}`,
    }));
    const fit = fitChoices([{ name: 'x', value: 'v'.repeat(101) }, ...many]);
    expect(fit).toHaveLength(25);
    expect(new Set(fit.map((c) => c.value)).size).toBe(25);
    for (const c of fit) {
      expect([...c.name].length).toBeLessThanOrEqual(100);
      expect(c.name).not.toContain('\n');
    }
    expect(fitChoices([{ name: '  ', value: 'abc' }])).toEqual([{ name: 'abc', value: 'abc' }]);
  });

  it('a completer that fails is logged and answered with no choices', async () => {
    const { interaction, sent } = typing();
    const { lines, log } = capture();
    const command = slashWith(() => Promise.reject(new Error('redis down')));
    const { ok } = await answerAutocomplete(interaction, command, {} as BotContext, log);
    expect(ok).toBe(false);
    expect(sent).toEqual([[]]);
    expect(lines.some((l) => l.msg === 'autocomplete failed')).toBe(true);
  });

  it('a completer slower than Discord waits for is answered with no choices, in time', async () => {
    const { interaction, sent } = typing();
    const { lines, log } = capture();
    let late = false;
    const command = slashWith(
      () =>
        new Promise((resolve) =>
          setTimeout(() => {
            late = true;
            resolve([{ name: 'late', value: 'late' }]);
          }, COMPLETE_WITHIN_MS + 500),
        ),
    );
    const { ok } = await answerAutocomplete(interaction, command, {} as BotContext, log);
    expect(late).toBe(false);
    expect(ok).toBe(false);
    expect(sent).toEqual([[]]);
    expect(lines.some((l) => l.msg === 'autocomplete late')).toBe(true);
  });
});
