/** Snowflakes and shard routing, as Discord computes them. */

export const DISCORD_EPOCH = 1420070400000n;

let increment = 0n;

/** A real snowflake for now: discord.js reads creation times (and token expiry) from ids. */
export function fakeSnowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (1n << 17n) | increment).toString();
}

/** A snowflake for a given millisecond offset from the epoch (deterministic, for generated data). */
export function snowflakeAt(msSinceEpoch: number, inc = 0): string {
  return ((BigInt(msSinceEpoch) << 22n) | (1n << 17n) | BigInt(inc & 0xfff)).toString();
}

/** The time a snowflake was made (ms since 1970). */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/**
 * The shard a guild's events go to. Discord, "Gateway" > "Sharding":
 * `shard_id = (guild_id >> 22) % num_shards`.
 */
export function guildShard(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
