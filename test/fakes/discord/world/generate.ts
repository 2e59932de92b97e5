/** Generated worlds for scale tests and benches: thousands of guilds, cheaply. */
import type { FakeGuild } from './model.js';
import { snowflakeAt } from '../snowflake.js';

/** 2024-01-01, in ms since Discord's epoch: generated ids look like real ones. */
const BASE_MS = Date.UTC(2024, 0, 1) - 1420070400000;

/**
 * `count` guilds of `channelsPerGuild` text channels each. Guild ids step one millisecond
 * apart, so `(guild_id >> 22) % shards` spreads them evenly over any shard count, as real
 * guilds spread. Channel ids are unique across the whole set.
 */
export function manyGuilds(
  count: number,
  channelsPerGuild: number,
  options: { nsfwEvery?: number; namePrefix?: string } = {},
): FakeGuild[] {
  const guilds: FakeGuild[] = [];
  for (let g = 0; g < count; g++) {
    const guildMs = BASE_MS + g;
    const channels = [];
    for (let c = 0; c < channelsPerGuild; c++) {
      channels.push({
        id: snowflakeAt(BASE_MS + 10_000_000 + g * channelsPerGuild + c, c),
        name: `channel-${c}`,
        ...(options.nsfwEvery && c % options.nsfwEvery === options.nsfwEvery - 1
          ? { nsfw: true }
          : {}),
      });
    }
    guilds.push({
      id: snowflakeAt(guildMs),
      name: `${options.namePrefix ?? 'Server'} ${g + 1}`,
      channels,
    });
  }
  return guilds;
}
