import type { Config } from '../config.js';
import { fail, ok, reasonOf, type CheckResult } from './check.js';
import { checkDiscord } from './discord.js';
import { checkAttachmentHosts, checkImgpile } from './imgpile.js';
import { checkRedis } from './redis.js';

const MARK: Record<CheckResult['status'], string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

/** One line a check: `ok   redis            ...`. */
export function formatResult(r: CheckResult): string {
  return `${MARK[r.status]}  ${r.check.padEnd(17)} ${r.detail}`;
}

async function guarded(check: string, run: () => Promise<CheckResult[]>): Promise<CheckResult[]> {
  try {
    return await run();
  } catch (err) {
    return [fail(check, `could not be checked (${reasonOf(err)})`)];
  }
}

/**
 * Every check of `npm run doctor` on a configuration that parsed, in the order an operator
 * sets things up; each is one line. The invite URL follows when the Discord token works.
 */
export async function runDoctor(
  config: Config,
  guildId: string | undefined,
  print: (line: string) => void,
): Promise<{ results: CheckResult[]; invite: string | null }> {
  const results: CheckResult[] = [ok('config', 'every variable is valid')];
  print(formatResult(results[0]!));
  const say = (found: CheckResult[]) => {
    for (const r of found) print(formatResult(r));
    results.push(...found);
  };
  say(await guarded('redis', () => checkRedis(config)));
  let invite: string | null = null;
  say(
    await guarded('discord token', async () => {
      const discord = await checkDiscord(config, guildId);
      invite = discord.invite;
      return discord.results;
    }),
  );
  say(await guarded('imgpile token', async () => [await checkImgpile(config)]));
  say(await guarded('attachment hosts', async () => [await checkAttachmentHosts(config)]));
  return { results, invite };
}
