import { Routes, type REST } from 'discord.js';
import type { ChannelEdits } from '../../limits/channel-edits.js';
import type { Logger } from '../../logger.js';
import { sleep } from '../../sleep.js';
import type { Backfill, Store } from '../../store/index.js';
import { textFor } from '../../text/index.js';
import { backfillProgress } from '../views/backfill-progress.js';

/** A progress edit at most this often per backfill (an outcome is never held back by it). */
const PROGRESS_EVERY_MS = 5_000;
/** How long an outcome waits for the channel's edit budget before it is given up. */
const OUTCOME_WAIT_MS = 10_000;

type ReporterDeps = {
  rest: REST;
  store: Store;
  channelEdits: ChannelEdits;
  log: Logger;
  /** imgpile requests per minute: what the queue's estimate is counted in. */
  perMinute: number;
};

/** Takes one of the channel's edits: now, or for an outcome, within a few seconds. */
async function editSlot(deps: ReporterDeps, channelId: string, outcome: boolean) {
  const until = Date.now() + (outcome ? OUTCOME_WAIT_MS : 0);
  for (;;) {
    const wait = await deps.channelEdits.tryTake(channelId);
    if (wait === 0) return true;
    if (Date.now() + wait > until) return false;
    await sleep(wait);
  }
}

/**
 * A backfill's progress message, edited in place: within Discord's edits per channel (a
 * progress edit is skipped when the budget is spent, an outcome waits for it). Never throws.
 */
export function createBackfillReporter(deps: ReporterDeps) {
  return async function report(b: Backfill): Promise<void> {
    if (!b.messageId) return;
    const outcome = b.status !== 'running';
    try {
      const slot = `backfill-${b.channelId}`;
      if (!outcome && !(await deps.store.requests.takeProgressSlot(slot, PROGRESS_EVERY_MS)))
        return;
      if (!(await editSlot(deps, b.channelId, outcome))) return;
      const left = await deps.store.backlog.count({ guildId: b.guildId, userId: b.startedBy });
      const minutes = Math.ceil(left / Math.max(1, deps.perMinute));
      const body = backfillProgress(b, { left, minutes }, textFor(b.locale));
      await deps.rest.patch(Routes.channelMessage(b.channelId, b.messageId), { body });
    } catch (err) {
      deps.log.warn({ err, channelId: b.channelId }, 'could not update the backfill progress');
    }
  };
}
