import { defineConfig } from 'vitest/config';

/**
 * `npm run test:docker`: builds the image and runs it against the local fakes (test/docker/).
 * Needs a Docker engine at DOCKER_HOST; kept apart from `npm test`, which needs none.
 */
export default defineConfig({
  test: {
    include: ['test/docker/**/*.docker.ts'],
    // The image first (once), then a private redis-server for the containers to share.
    globalSetup: ['test/docker/setup.ts', 'test/setup/redis.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // One file at a time: containers share the host's network and two cores.
    fileParallelism: false,
  },
});
