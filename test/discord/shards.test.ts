import { afterEach, describe, expect, it } from 'vitest';
import { guildShard, type FakeGuild } from '../fakes/discord.js';
import { alice } from '../helpers/cast.js';
import { runImgpile } from '../helpers/interactions.js';
import { MAGIC, fileBytes } from '../helpers/media-bytes.js';
import { startPipeline, type Pipeline } from '../helpers/pipeline.js';
import { startRole, type RoleProcess } from '../helpers/processes.js';

let p: Pipeline | undefined;
const bots: RoleProcess[] = [];
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.stop('SIGTERM')));
  await p?.close();
  p = undefined;
});

/** Guilds until both of two shards own at least one, as Discord assigns them. */
function guildsOnTwoShards(): FakeGuild[] {
  const guilds: FakeGuild[] = [];
  for (let i = 1; guilds.length < 6; i++) {
    const id = String(1000000000000000000n + BigInt(i) * (1n << 22n));
    guilds.push({
      id,
      name: `Server ${i}`,
      channels: [{ id: `11${id.slice(2)}`, name: 'general' }],
    });
  }
  return guilds;
}

describe("one bot's shards split across processes", () => {
  it('two bot processes run shards 0 and 1 of 2, pace their sessions together, and feed one queue', async () => {
    const guilds = guildsOnTwoShards();
    expect(new Set(guilds.map((g) => guildShard(g.id, 2)))).toEqual(new Set([0, 1]));
    // max_concurrency 1: Discord allows one session start per 5 s for the whole bot.
    p = await startPipeline({ discord: { guilds, maxConcurrency: 1 } });
    const env = { ...p.env, DISCORD_SHARD_COUNT: '2' };
    const [first, second] = await Promise.all([
      startRole('bot', { ...env, DISCORD_SHARD_IDS: '0' }, 'bot role started'),
      startRole('bot', { ...env, DISCORD_SHARD_IDS: '1' }, 'bot role started'),
    ]);
    bots.push(first, second);
    expect(p.discord.identifies.map((i) => i.shard).sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    // Both started on the first try: the shared throttle kept them 5 s apart.
    expect(p.discord.gatewayStats.invalidSessions).toBe(0);

    // A command in a server of each shard reaches the one queue.
    for (const guild of guilds.filter(
      (g, i, all) => all.findIndex((x) => guildShard(x.id, 2) === guildShard(g.id, 2)) === i,
    )) {
      const channelId = guild.channels[0]!.id;
      const att = p.discord.addAttachment({
        filename: 'a.png',
        channelId,
        content: fileBytes(2000, MAGIC.png),
      });
      const i = runImgpile(p.discord, {
        channelId,
        user: alice,
        path: ['upload'],
        options: { file: att },
      });
      // Queued by whichever process runs that guild's shard; finished by the one worker pool.
      const result = await p.waitForResult(i.id, 20_000);
      expect(result.files[0]).toMatchObject({ status: 'uploaded' });
    }
  }, 60_000);
});
