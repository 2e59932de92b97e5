import { ButtonStyle, ComponentType } from 'discord.js';
import type { Backfill } from '../../store/index.js';
import { english, type Text } from '../../text/index.js';
import type { CustomId } from './custom-id.js';
import { NO_MENTIONS } from './format.js';
import { actionButton } from './v2.js';

/** `bfstop:<channel id>`: the Stop button of a channel's backfill progress message. */
export const backfillStopId: CustomId<{ channelId: string }> = {
  prefixes: ['bfstop'],
  encode: ({ channelId }) => `bfstop:${channelId}`,
  parse(customId) {
    const [prefix, channelId, extra] = customId.split(':');
    if (prefix !== 'bfstop' || extra !== undefined || !/^\d{17,20}$/.test(channelId ?? ''))
      return null;
    return { channelId: channelId! };
  },
};

/** What the queue says of the backfill: files still waiting, and the time they will take. */
export type BackfillQueueView = { left: number; minutes: number };

/** The outcome line, or null while it works. */
function statusLine(b: Backfill, text: Text): string | null {
  switch (b.status) {
    case 'paused':
      return b.pausedUntil ? text('backfill.paused', { until: b.pausedUntil }) : null;
    case 'done':
      return text('backfill.done');
    case 'stopped':
      return text('backfill.stoppedNote');
    case 'failed':
      return text('backfill.failed');
    default:
      return null;
  }
}

/**
 * A backfill's progress message: what it does, its counts, an estimate while it works, and its
 * outcome; the Stop button while it can still be stopped.
 */
export function backfillProgress(b: Backfill, queue: BackfillQueueView, text: Text = english) {
  const since = b.since ? `<t:${Math.floor(snowflakeTime(b.since) / 1000)}:D>` : null;
  const lines = [
    text('backfill.heading', { order: b.order, since }),
    text('backfill.counts', {
      found: b.found,
      queued: b.queued,
      skipped: b.skipped,
      left: queue.left,
    }),
  ];
  const status = statusLine(b, text);
  if (status) lines.push(status);
  if (b.resumedAt && b.status !== 'paused')
    lines.push(text('backfill.resumed', { at: b.resumedAt }));
  if (b.status === 'running') lines.push(text('backfill.estimate', { minutes: queue.minutes }));
  const open = b.status === 'running' || b.status === 'paused';
  return {
    content: lines.join('\n'),
    allowed_mentions: NO_MENTIONS,
    components: open
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              actionButton(
                text('backfill.stop'),
                backfillStopId.encode({ channelId: b.channelId }),
                ButtonStyle.Danger,
              ),
            ],
          },
        ]
      : [],
  };
}

const DISCORD_EPOCH = 1_420_070_400_000n;
const snowflakeTime = (id: string) => Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
