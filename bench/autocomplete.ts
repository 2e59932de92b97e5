/**
 * Autocomplete bench: how soon a member typing sees choices. A real bot process (src/main.ts
 * bot, production flags) against the local Discord in this process, the commands registered so
 * that the local Discord checks every option typed in; 1,000 keystrokes over the options that
 * complete, ten members typing at once, each time read from the interaction's sending to the
 * local Discord receiving its answer (type 8).
 */
import { Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { GENERAL, alice } from '../test/helpers/cast.js';
import { typeInImgpile } from '../test/helpers/autocomplete.js';
import { startHarness, type Harness } from '../test/helpers/harness.js';
import { startRole } from '../test/helpers/processes.js';
import { verdict } from './lib.js';

const REQUESTS = 1_000;
const AT_ONCE = 10;

/** Where a member types, and what: the slugs, usernames and tags the bot offers. */
const FIELDS = [
  { path: ['post', 'view'], focus: 'slug', word: 'post' },
  { path: ['media', 'delete'], focus: 'slug', word: 'media' },
  { path: ['feed'], focus: 'tag', word: 'tag' },
  { path: ['feed'], focus: 'user', word: 'user' },
  { path: ['user'], focus: 'username', word: 'user' },
] as const;

/** The n-th keystroke's text in a field: its word typed letter by letter, then a number. */
const typedAt = (word: string, n: number) => {
  const k = n % (word.length + 10);
  return k <= word.length ? word.slice(0, k) : `${word}${k - word.length - 1}`;
};

function setup(redisUrl: string) {
  return startHarness({ redisUrl, workers: false, logLevel: 'warn', env: { LOG_LEVEL: 'warn' } });
}

/** A member's full records: 100 rehosts (posts and files), 100 authors and 100 tags seen. */
async function seed(s: Harness) {
  const { store, redis } = s.services;
  const tx = redis.multi();
  for (let n = 0; n < 100; n++)
    store.mine.add(tx, alice.id, {
      kind: n % 2 ? 'post' : 'media',
      slug: `${n % 2 ? 'post' : 'media'}${n}`,
      ext: n % 2 ? null : 'jpg',
    });
  await tx.exec();
  const names = (what: string) => Array.from({ length: 100 }, (_, n) => `${what}${n}`);
  await store.completions.noteSeen('authors', alice.id, names('user'));
  await store.completions.noteSeen('tags', alice.id, names('tag'));
}

/** One keystroke: ms from sending it to the answer reaching Discord, and how many choices. */
async function keystroke(s: Harness, n: number): Promise<{ ms: number; choices: number }> {
  const field = FIELDS[n % FIELDS.length]!;
  const typed = typedAt(field.word, Math.floor(n / FIELDS.length));
  const startedAt = Date.now();
  const i = typeInImgpile(s.discord, {
    channelId: GENERAL,
    user: alice,
    path: [...field.path],
    focus: field.focus,
    typed,
  });
  const deadline = startedAt + 10_000;
  while (i.callbackType() === null) {
    if (Date.now() > deadline) throw new Error('bench autocomplete: no answer within 10 s');
    await new Promise((r) => setTimeout(r, 1));
  }
  const answered = i.calls().find((c) => c.path.startsWith('/interactions/'))!;
  return { ms: answered.at - startedAt, choices: i.choices()?.length ?? 0 };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export async function benchAutocomplete(redisUrl: string): Promise<void> {
  const s = await setup(redisUrl);
  try {
    await s.services.discordRest.put(Routes.applicationCommands(s.discord.applicationId), {
      body: commands.map((c) => c.data),
    });
    s.processes.push(await startRole('bot', s.env, 'bot role started'));
    await seed(s);
    for (let n = 0; n < 50; n++) await keystroke(s, n); // warm-up
    const imgpileBefore = s.imgpile.requests.length;
    const times: number[] = [];
    let empty = 0;
    for (let wave = 0; wave < REQUESTS / AT_ONCE; wave++) {
      const answers = await Promise.all(
        Array.from({ length: AT_ONCE }, (_, k) => keystroke(s, wave * AT_ONCE + k)),
      );
      for (const a of answers) {
        times.push(a.ms);
        if (a.choices === 0) empty += 1;
      }
    }
    const calls = s.imgpile.requests.length - imgpileBefore;
    const p99 = percentile(times, 99);
    console.log(`\n## Autocomplete: ${REQUESTS} keystrokes, ${AT_ONCE} at once, bot process`);
    console.log(
      `answer latency                    p50 ${percentile(times, 50)} ms, p99 ${p99} ms, max ${Math.max(...times)} ms   (target p99 < 100 ms: ${verdict(p99 < 100)})`,
    );
    console.log(
      `answers with no choice            ${empty} of ${REQUESTS} (what was typed matches nothing)`,
    );
    console.log(`imgpile calls while typing        ${calls}   (target 0: ${verdict(calls === 0)})`);
  } finally {
    await s.close();
  }
}
