import type { Redis } from '../redis.js';
import { createReplyActions } from './actions.js';
import { createAccountRecords } from './accounts.js';
import { createBackfills } from './watching/backfills.js';
import { createBacklog } from './backlog.js';
import { createCatchupCursors } from './watching/catchup.js';
import { createClicks } from './browse/clicks.js';
import { createComments } from './browse/comments.js';
import { createCompletions } from './browse/completions.js';
import { createFeedPages } from './browse/feed.js';
import { createAttachmentCopies } from './watching/attachment-copies.js';
import { createMessageCopies } from './watching/message-copies.js';
import { createMessageMedia } from './watching/message-media.js';
import { createMine } from './mine.js';
import { createOwnership } from './ownership.js';
import { createPostWindows } from './post-windows.js';
import { createRequests } from './requests.js';
import { createSettings } from './settings.js';
import { createUploads } from './uploads.js';
import { createWatches } from './watching/watches.js';

export type { OwnerRecord } from './ownership.js';
export { ownerRecord } from './ownership.js';
export { uploadedBy, type UploadRecord } from './uploads.js';
export {
  ACK_TURN_MS,
  postFingerprint,
  type PostScope,
  type RequestPostRecord,
} from './requests.js';
export type { Watch, WatchMode, WatchVisibility } from './watching/watches.js';
export { CATCHUP_HORIZON_DAYS, CATCHUP_MAX_CHANNELS } from './watching/catchup.js';
export type { AccountRecord } from './accounts.js';
export type { Backfill, BackfillOrder } from './watching/backfills.js';
export type { MineEntry } from './mine.js';
export type { AccountPolicy, DeletedPolicy, ReplyStyle, ServerSettings } from './settings.js';
export type { MessageCopy } from './watching/message-copies.js';
export { attachmentOfLink, type AttachmentCopy } from './watching/attachment-copies.js';
export type { DeleteAction } from './actions.js';
export type { CommentRecord, CommentVote } from './browse/comments.js';
export type { OwnItem, OwnLists, SeenKind } from './browse/completions.js';

export type Store = ReturnType<typeof createStore>;

/**
 * Every record the bot keeps in Redis, one module per family, all under `prefix` (BullMQ's
 * keys are under `<prefix>:bull`, see `bullPrefix`; the limits under `<prefix>:quota` and
 * `<prefix>:ratelimit`).
 */
export function createStore(redis: Redis, prefix: string, options: { retentionDays: number }) {
  const retentionS = options.retentionDays * 86_400;
  const mine = createMine(redis, prefix, options.retentionDays);
  const ownership = createOwnership(redis, prefix, options.retentionDays, mine);
  const uploads = createUploads(redis, prefix, ownership, options.retentionDays);
  return {
    uploads,
    ownership,
    requests: createRequests(redis, prefix, ownership, retentionS),
    postWindows: createPostWindows(redis, prefix),
    backlog: createBacklog(redis, prefix),
    catchup: createCatchupCursors(redis, prefix),
    backfills: createBackfills(redis, prefix),
    watches: createWatches(redis, prefix),
    settings: createSettings(redis, prefix),
    actions: createReplyActions(redis, prefix, options.retentionDays),
    feed: createFeedPages(redis, prefix),
    accounts: createAccountRecords(redis, prefix),
    mine,
    clicks: createClicks(redis, prefix),
    comments: createComments(redis, prefix, retentionS),
    completions: createCompletions(redis, prefix),
    messageMedia: createMessageMedia(redis, prefix),
    messageCopies: createMessageCopies(redis, prefix, options.retentionDays),
    attachmentCopies: createAttachmentCopies(redis, prefix, options.retentionDays, {
      uploads,
      ownership,
    }),
  };
}

/** The prefix BullMQ writes its queues under. */
export function bullPrefix(prefix: string): string {
  return `${prefix}:bull`;
}
