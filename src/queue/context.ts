import type { Dispatcher } from 'undici';
import type { LinkedAccounts } from '../accounts/linked.js';
import type { ImgpileClient } from '../imgpile/client.js';
import type { ImgpileLinks } from '../imgpile/links.js';
import type { Quotas } from '../limits/quotas.js';
import type { Logger } from '../logger.js';
import type { LinkOptions } from '../rehost/open.js';
import type { Delivery, PipelineEvent, UploadProgress } from '../request.js';
import type { Store } from '../store/index.js';
import type { RequestJob, UploadJob } from './jobs.js';
import type { JobPolicy, JobRun } from './policy.js';

/** What the processors are given: plain dependencies, built once per worker process. */
export type WorkerContext = {
  log: Logger;
  imgpile: ImgpileClient;
  quotas: Quotas;
  store: Store;
  /** Members' own imgpile accounts: jobs of a linked member act as them (see accounts.ts). */
  accounts?: LinkedAccounts;
  links: ImgpileLinks;
  policy: JobPolicy;
  emit: (event: PipelineEvent) => void;
  download: {
    allowedHosts: string[];
    maxBytes: number;
    /** Exchanges an expired Discord CDN link for a fresh one. */
    refreshUrl?: (url: string) => Promise<string | null>;
    dispatcher?: Dispatcher;
    /** Links (not attachments): the admin's policy. */
    links: LinkOptions;
  };
  /**
   * How long a silent worker keeps a job (BullMQ lockDuration); an attachment's upload lock
   * lasts 4 times it, renewed while its transfer runs.
   */
  lockDurationMs: number;
  /** Turns a finished request into a reply (Discord, in the bot); retried if it throws. */
  deliver: (delivery: Delivery) => Promise<void>;
  /** Told of a file's progress (at most once a second); awaited before the job ends. */
  onProgress?: (job: UploadJob, progress: UploadProgress) => Promise<void>;
};

/** Everything the steps of making a post share (post.ts and orphan.ts). */
export type PostRun = { ctx: WorkerContext; run: JobRun; data: RequestJob; log: Logger };
