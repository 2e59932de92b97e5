import { precheckAttachment } from '../rehost/download.js';
import { isImageOrVideo, mediaTypeOf } from '../rehost/media-type.js';
import { RehostRefusal, refusedRecord } from '../rehost/refusal.js';
import { checkUrl, type UrlPolicy } from '../rehost/url-target.js';
import type { Attachment, RefusedFile } from '../request.js';
import { say } from '../text/index.js';

/** A file worth queueing, at its place in the request. */
export type Accepted = { index: number; attachment: Attachment };

type ScreenConfig = {
  attachmentHosts: string[];
  maxFileBytes: number;
  urls: UrlPolicy & { enabled: boolean };
};

/** A link, checked as far as it can be without the network (the worker checks the rest). */
function precheckLink(url: string, policy: UrlPolicy & { enabled: boolean }) {
  if (!policy.enabled) throw new RehostRefusal('bad_url', say('refusal.linksOff'));
  checkUrl(url, policy);
}

/**
 * Splits a request's files into those worth queueing and those refused without a download
 * (host, declared size, empty, declared type; for links, the checks that need no network).
 */
export function screen(attachments: Attachment[], config: ScreenConfig) {
  const accepted: Accepted[] = [];
  const refused: RefusedFile[] = [];
  attachments.forEach((attachment, index) => {
    const file = { index, attachmentId: attachment.id, filename: attachment.filename };
    try {
      if (attachment.source === 'url') precheckLink(attachment.url, config.urls);
      else
        precheckAttachment(attachment, {
          allowedHosts: config.attachmentHosts,
          maxBytes: config.maxFileBytes,
        });
      const type = mediaTypeOf(attachment.contentType);
      if (type && !isImageOrVideo(type))
        throw new RehostRefusal('not_media', say('refusal.notMedia'));
      accepted.push({ index, attachment });
    } catch (err) {
      if (!(err instanceof RehostRefusal)) throw err;
      refused.push({ ...file, ...refusedRecord(err.refusal, config) });
    }
  });
  return { accepted, refused };
}
