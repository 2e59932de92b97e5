import { ImgpileError, describeImgpileError } from '../imgpile/errors.js';
import type { Logger } from '../logger.js';
import type { FileText, UploadedFile } from '../request.js';
import type { WorkerContext } from './context.js';
import type { JobRun } from './policy.js';

type Run = JobRun & { ctx: WorkerContext; log: Logger };

/**
 * Sets a single file's title and description on the media itself (imgpile's media PATCH): one
 * file with words needs no post. The file is rehosted whatever happens here; a PATCH that
 * fails after a retry is logged, and the file keeps no title.
 */
export async function titleFile(r: Run, file: UploadedFile, text: FileText) {
  const update = { title: text.title, description: text.description };
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await r.ctx.policy.slot(r, 1);
      await r.ctx.imgpile.updateMedia(file.media.slug, update);
      r.log.info({ slug: file.media.slug }, "the file's title and description set");
      return;
    } catch (err) {
      // Stepping aside for a slot (BullMQ's DelayedError) and the like are the job's to handle.
      if (!(err instanceof ImgpileError)) throw err;
      const retryable = describeImgpileError(err).retryable;
      if (attempt < 2 && retryable) continue;
      r.log.warn({ err, slug: file.media.slug }, "the file's title could not be set");
      return;
    }
  }
}
