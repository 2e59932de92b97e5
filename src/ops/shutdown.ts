import type { Logger } from '../logger.js';

/**
 * One part of the process that stops on SIGTERM/SIGINT, in order. `stop` is given how long
 * running work may still go on before it must be interrupted and handed back.
 */
export type StopStep = { name: string; stop: (interruptInMs: number) => Promise<void> };

/**
 * How long before the deadline running jobs are interrupted, so that handing them back to the
 * queue and closing the connections fit inside SHUTDOWN_GRACE_MS.
 */
export function handBackMs(graceMs: number): number {
  return Math.min(1_500, Math.floor(graceMs / 2));
}

/**
 * SIGTERM/SIGINT: the steps in order (gateway, then workers drain, then the rest), and exit 0.
 * SHUTDOWN_GRACE_MS after the signal the process exits whatever is still waiting (a Redis,
 * imgpile or Discord that does not answer), code 1, naming what was left (code 0 when only the
 * connections were left); a second signal exits at once.
 */
export function handleSignals(options: {
  graceMs: number;
  log: Logger;
  /** The roles' steps, added as they start. */
  steps: StopStep[];
  /** After them: what every role shares (health, connections, a private Redis). */
  last: StopStep;
}) {
  const { graceMs, log } = options;
  let stopping = false;
  const pending = new Set<string>();
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    const startedAt = Date.now();
    log.info({ signal, graceMs }, 'shutting down');
    setTimeout(() => {
      const left = [...pending];
      // Only connections left: every job is handed back, and a private Redis still stops
      // cleanly once this process is gone (its keeper sees the pipe close).
      if (left.length === 1 && left[0] === options.last.name) {
        log.warn({ graceMs, pending: left }, 'shutdown deadline reached while closing connections');
        process.exit(0);
      }
      log.error({ graceMs, pending: left }, 'shutdown deadline reached: exiting now');
      process.exit(1);
    }, graceMs);
    const interruptAt = startedAt + graceMs - handBackMs(graceMs);
    const steps = [...options.steps, options.last];
    const run = async () => {
      for (const step of steps) pending.add(step.name);
      for (const step of steps) {
        await step.stop(Math.max(0, interruptAt - Date.now()));
        pending.delete(step.name);
      }
    };
    run().then(
      () => {
        log.info({ ms: Date.now() - startedAt }, 'stopped cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
