import { inject } from 'vitest';
import { startHarness, type Harness, type PipelineOptions } from './harness.js';

export {
  CHANNEL,
  GUILD,
  IMGPILE_TOKEN,
  MODERATOR,
  MODERATOR_ROLE,
  OTHER_GUILD,
  OTHER_USER,
  USER,
  testServer,
  type PipelineOptions,
} from './harness.js';

/** The pipeline harness on the test run's private Redis (or another, for tests that restart one). */
export function startPipeline(options: Partial<PipelineOptions> = {}) {
  return startHarness({ ...options, redisUrl: options.redisUrl ?? inject('redisUrl') });
}
export type Pipeline = Harness;
