/**
 * `npm run doctor`: checks the whole set-up, one line a check, and says what to fix: the
 * configuration, Redis, the Discord token, the intent switch, the registered commands, the
 * imgpile token and the attachment hosts; then prints the invite URL. Exit 0 when nothing
 * failed, 1 when a check failed, 78 when the configuration itself is invalid. Starts nothing,
 * changes nothing.
 */
import { ConfigError, loadConfig, loadDeployConfig } from '../src/config.js';
import { formatResult, runDoctor } from '../src/doctor/run.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

async function doctor(): Promise<number> {
  let config;
  let guildId;
  try {
    config = loadConfig();
    guildId = loadDeployConfig().guildId;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems)
      print(formatResult({ check: 'config', status: 'fail', detail: problem }));
    print('Fix the variables above (see docs/configuration.md), then run npm run doctor again.');
    return 78;
  }
  const { results, invite } = await runDoctor(config, guildId, print);
  if (invite) print(`\nInvite the bot: ${invite}`);
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  print(
    failed > 0
      ? `\n${failed} check(s) failed: fix what the FAIL lines say, then run npm run doctor again.`
      : `\nAll is well${warned > 0 ? ` (${warned} warning(s) above)` : ''}.`,
  );
  return failed > 0 ? 1 : 0;
}

// Exit explicitly: keep-alive connections would hold the process open.
doctor().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `npm run doctor failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  },
);
