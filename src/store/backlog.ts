import type { Redis } from '../redis.js';

/** Whose backlog a request counts in: its guild, or the user outside guilds. */
type BacklogOwner = { guildId: string | null; userId: string };

const DAY_S = 86_400;

export type Backlog = ReturnType<typeof createBacklog>;

/**
 * Each guild's count of files not yet finished: a new file's rank in it is its queue priority,
 * so one guild's 300 files do not hold up another guild's one.
 */
export function createBacklog(redis: Redis, prefix: string) {
  const key = {
    pending: (owner: BacklogOwner) => `${prefix}:pending:${owner.guildId ?? `dm-${owner.userId}`}`,
    released: (requestId: string) => `${prefix}:request:${requestId}:released`,
  };
  return {
    /** Adds `files` to the owner's backlog; returns the backlog including them. */
    async add(owner: BacklogOwner, files: number): Promise<number> {
      const k = key.pending(owner);
      const [[, total]] = (await redis.multi().incrby(k, files).expire(k, DAY_S).exec()) as [
        [Error | null, number],
      ];
      return total;
    },
    /** Files of the owner's not finished yet. */
    async count(owner: BacklogOwner): Promise<number> {
      return Math.max(0, Number(await redis.get(key.pending(owner))) || 0);
    },
    /** Undoes `add` for a request that was never queued. */
    async remove(owner: BacklogOwner, files: number) {
      await redis.decrby(key.pending(owner), files);
    },
    /** Takes a finished request's files off its owner's backlog, once whatever the retries. */
    async release(requestId: string, owner: BacklogOwner, files: number) {
      const first = await redis.set(key.released(requestId), '1', 'EX', DAY_S, 'NX');
      if (first !== 'OK') return;
      const k = key.pending(owner);
      const left = await redis.decrby(k, files);
      if (left < 0) await redis.set(k, 0);
    },
  };
}
