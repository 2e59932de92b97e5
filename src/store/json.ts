import type { Redis } from '../redis.js';

/** Reads a JSON value written by this store, or null when the key is absent. */
export async function getJson<T>(redis: Redis, key: string): Promise<T | null> {
  const raw = await redis.get(key);
  return raw === null ? null : (JSON.parse(raw) as T);
}
