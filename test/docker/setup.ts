import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { LABEL, docker, engineProblem, removeContainers } from './docker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The image under test, built from this working tree (or DOCKER_TEST_IMAGE). */
    dockerImage: string;
    /** Labels this run's containers: `LABEL=<runId>`. */
    dockerRunId: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the image once for the whole run, as a user would (`docker build .`), and prints its
 * build time and size. DOCKER_TEST_IMAGE=<image> tests that image instead of building one.
 */
export default async function setup(project: TestProject) {
  const problem = engineProblem();
  if (problem)
    throw new Error(
      `The docker tests need a Docker engine: ${problem}. Point DOCKER_HOST at one, or start ` +
        'the private one of this machine: eval "$(../shared/tools/docker-engine)".',
    );
  const runId = randomBytes(4).toString('hex');
  project.provide('dockerRunId', runId);

  const given = process.env.DOCKER_TEST_IMAGE;
  const image = given ?? `imgpile-bot:test-${runId}`;
  if (!given) {
    console.log(`[docker] building ${image} from ${ROOT}`);
    const started = performance.now();
    // --network host: the private engine has no bridge; on any other engine it changes nothing.
    // --force-rm: a failed step leaves no container behind (the plain builder would).
    const args = ['build', '--force-rm', '--network', 'host', '--label', `${LABEL}=${runId}`];
    await docker([...args, '-t', image, ROOT], { echo: true });
    const seconds = (performance.now() - started) / 1000;
    const { stdout } = await docker(['image', 'inspect', '--format', '{{.Size}}', image]);
    const mb = Number(stdout.trim()) / 1e6;
    console.log(
      `[docker] image ${image} built in ${seconds.toFixed(1)} s; size ${mb.toFixed(1)} MB`,
    );
  }
  project.provide('dockerImage', image);

  return async () => {
    await removeContainers(runId);
    // The build stages stay behind as the build cache; only this run's tag goes.
    if (!given) await docker(['image', 'rm', image], { allowFail: true });
  };
}
