import { inject } from 'vitest';
import { startHarness, type Harness, type PipelineOptions } from './harness.js';

export type { PipelineOptions } from './harness.js';

/** The pipeline harness on the test run's private Redis (or another, for tests that restart one). */
export function startPipeline(options: Partial<PipelineOptions> = {}) {
  return startHarness({ ...options, redisUrl: options.redisUrl ?? inject('redisUrl') });
}
export type Pipeline = Harness;
