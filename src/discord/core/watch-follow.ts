import type { Logger } from '../../logger.js';
import type { Redis } from '../../redis.js';
import {
  decodeChange,
  type WatchChange,
  type WatchIndex,
} from '../../store/watching/watch-index.js';
import type { WatchedChannels } from './watched.js';

/**
 * Keeps this process's watched channels as Redis has them: every change any process makes is
 * published, and on every (re)connection of `subscriber` the whole index is read again, so that a
 * change published while this process was not listening cannot leave it blind. Changes that
 * arrive during a reload are applied after it, in order. Resolves once the first load is done.
 */
export async function followWatches(deps: {
  /** A connection of its own, in subscriber mode from here on. */
  subscriber: Redis;
  index: WatchIndex;
  watched: WatchedChannels;
  log: Logger;
}): Promise<{ close(): void }> {
  const { subscriber, index, watched } = deps;
  const log = deps.log.child({ subsystem: 'watches' });
  /** Changes held back while a reload reads the index. */
  let held: WatchChange[] | null = null;

  const apply = (change: WatchChange) =>
    change.watched
      ? watched.watch(change.guildId, change.channelId)
      : watched.unwatch(change.guildId, change.channelId);

  async function reload() {
    held = [];
    try {
      await subscriber.subscribe(index.channel);
      const counts = await watched.replace(await index.all());
      log.info(counts, 'watched channels loaded');
    } finally {
      const pending = held;
      held = null;
      for (const change of pending) await apply(change);
    }
  }

  subscriber.on('message', (channel: string, message: string) => {
    if (channel !== index.channel) return;
    const change = decodeChange(message);
    if (!change) return log.warn('ignored a watch change that is not one');
    if (held) held.push(change);
    else void apply(change);
  });

  await index.indexEarlierWatches();
  let first: (() => void) | null = null;
  const loaded = new Promise<void>((resolve) => (first = resolve));
  const onReady = (): void =>
    void reload().then(
      () => first?.(),
      (err: unknown) => {
        log.warn({ err }, 'could not load the watched channels; trying again');
        setTimeout(() => subscriber.status === 'ready' && onReady(), 1_000).unref();
      },
    );
  subscriber.on('ready', onReady);
  if (subscriber.status === 'ready') onReady();
  await loaded;
  return {
    close() {
      subscriber.off('ready', onReady);
      subscriber.disconnect();
    },
  };
}
