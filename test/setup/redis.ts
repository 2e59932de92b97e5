import type { TestProject } from 'vitest/node';
import {
  NO_REDIS_MESSAGE,
  hasRedisServer,
  markTestRun,
  startRedisServer,
  sweepRedisServers,
} from '../helpers/redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

/**
 * One private redis-server for the whole run, on a free port: the tests never touch the Redis
 * an admin may run on 6379. REDIS_URL, when set, is used instead (tests write only under their
 * own random key prefixes and never flush it).
 */
export default async function setup(project: TestProject) {
  const run = markTestRun();
  const sweep = () => {
    const left = sweepRedisServers(run);
    if (left > 0)
      console.warn(`[redis] stopped ${left} redis-server(s) a test process left running`);
  };
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    project.provide('redisUrl', fromEnv);
    return sweep;
  }
  if (!hasRedisServer()) throw new Error(NO_REDIS_MESSAGE);
  const server = await startRedisServer();
  project.provide('redisUrl', server.url);
  return async () => {
    await server.stop();
    sweep();
  };
}
